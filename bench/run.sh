#!/usr/bin/env bash
# wp-live-proxy benchmark (issues #3, #4, #5, #6). Loopback only, bounded loads, < 10 minutes with the defaults.
#
#   bench/run.sh              full run: build, 4 servers x their scenarios x ROUNDS, herd (one instance and
#                             two instances on one Redis) and upstream-down checks; writes bench/RESULTS.md
#   QUICK=1 bench/run.sh      ~2-minute smoke run (1 round, short loads); writes bench/target/RESULTS-quick.md
#   bench/run.sh --profile    JFR profile of the proxy under the one-key load; prints the hot methods
#                             (PROFILE_TARGET=raw profiles the raw server, PROFILE_TARGET=proxy-redis the
#                             Redis tier; PROFILE_SCENARIO [hot] | random | norm-hot | norm-random;
#                             PROFILE_SECONDS [30])
#   bench/run.sh --jmh        JMH microbenchmarks (needs the `bench` profile of bench/jmh-profile.xml in pom.xml)
#   bench/run.sh --no-build   skip `mvn package` (use the existing target/wp-live-proxy.jar)
#
# What it measures:
#   servers (one at a time, pinned to CPU SERVER_CPU; wrk, the helpers and Redis on CLIENT_CPU):
#     proxy        - wp-live-proxy, memory tier only (no redis section); also serves the normalized
#                    route /norm/products/:id (same upstream document, `normalize:` mapping every field)
#     proxy-redis  - the same jar, memory tier off (cache.memory.maxSize: 0), every hit from the bench's
#                    own redis-server (REDIS_PORT, started by this script, FLUSHALL before each start)
#     raw          - bench/src/RawServer.java: bare Vert.x 5, 1 event loop, same 2 KB body from a map (the ceiling)
#     nginx        - NGINX proxy_cache in front of the same origin (cache on tmpfs, keys zone in shared memory)
#   scenarios (wrk --latency after a warm-up): hot = one cached key; random = KEYS cached keys at random;
#     proxy only: norm-hot = one cached key of the normalized route (norm-random with NORM_RANDOM=1)
#   checks: thundering herd (HERD_REQUESTS requests for one uncached key released at once, origin delay
#           HERD_DELAY_MS), the same herd split over two proxy instances (PORT and PORT2) sharing the
#           bench Redis, and upstream down (prime, stop the origin, DOWN_REQUESTS once stale)
#
# Knobs (environment variables, defaults in brackets):
#   WARMUP [15]        seconds of load before measuring each JVM server (random keys: primes the cache too;
#                      the proxy spends the last NORM_WARMUP [3] of them on the normalized route's keys)
#   NGINX_WARMUP [3]   the same for NGINX (no JIT to warm)
#   DURATION [8]       measured seconds per scenario (>= 3)
#                      (defaults: ~9 1/4 minutes in all on a quiet machine, see bench/README.md)
#   ROUNDS [3]         rounds; the servers are interleaved, their order rotated each round; medians reported
#   CONNECTIONS [64]   wrk connections (wrk runs 1 thread)
#   KEYS [1000]        keys of the random scenarios
#   SERVERS ["proxy proxy-redis raw nginx"]  which servers to measure
#   NORM [1]           0 skips the normalized-route scenario(s) of the proxy
#   NORM_RANDOM [0]    1 also measures norm-random (KEYS keys of the normalized route; +DURATION s per round)
#   CHECKS [1]         0 skips the herd, two-instance herd and upstream-down checks
#   HERD2 [1]          0 skips the two-instance herd check
#   HERD_REQUESTS [200] HERD_DELAY_MS [500] HERD_RUNS [3]   (the two-instance herd uses the same values)
#   DOWN_REQUESTS [1000] DOWN_CONNECTIONS [10] DOWN_KEYS [100] STALE_TTL_S [2]
#   JVM_OPTS ["-Xms1g -Xmx1g -XX:+AlwaysPreTouch"]  the same flags for the proxy and the raw server
#   PORT [18080] PORT2 [PORT+2] ORIGIN_PORT [18081] REDIS_PORT [18379] SERVER_CPU [0] CLIENT_CPU [1]
#                      (PORT2: the second proxy instance of the two-instance herd)
#   RESULTS [bench/RESULTS.md, or bench/target/RESULTS-quick.md with QUICK=1]
#   SKIP_BUILD [0]     1 = like --no-build;  MVN_ARGS ["-q -B package -DskipTests"] the build command's arguments
#   NICE [0]           nice value for everything the bench starts, and for this session's autogroup
#                      (e.g. -10 on a machine shared with builds; negative values need root)
#   QUIET_WAIT [5]     before starting each server, wait up to this many seconds for the machine to be idle
#                      (0 = don't); what other processes used while measuring is reported either way
#
# Redis (redis-server, installed with apt-get when missing) runs on CLIENT_CPU next to wrk, because
# this machine has only 2 cores; in a real deployment Redis is on another host. Its CPU is reported.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
OUT=$BENCH/target
MODE=bench
for arg in "$@"; do
  case "$arg" in
    --jmh) MODE=jmh ;;
    --profile) MODE=profile ;;
    --no-build) SKIP_BUILD=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
  WARMUP=${WARMUP:-5}; NGINX_WARMUP=${NGINX_WARMUP:-2}; DURATION=${DURATION:-3}; ROUNDS=${ROUNDS:-1}
  NORM_WARMUP=${NORM_WARMUP:-2}; HERD_RUNS=${HERD_RUNS:-1}; RESULTS=${RESULTS:-$OUT/RESULTS-quick.md}
fi
WARMUP=${WARMUP:-15}
NORM_WARMUP=${NORM_WARMUP:-3}
NGINX_WARMUP=${NGINX_WARMUP:-3}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
KEYS=${KEYS:-1000}
SERVERS=${SERVERS:-proxy proxy-redis raw nginx}
NORM=${NORM:-1}
NORM_RANDOM=${NORM_RANDOM:-0}
CHECKS=${CHECKS:-1}
HERD2=${HERD2:-1}
HERD_REQUESTS=${HERD_REQUESTS:-200}
HERD_DELAY_MS=${HERD_DELAY_MS:-500}
HERD_RUNS=${HERD_RUNS:-3}
DOWN_REQUESTS=${DOWN_REQUESTS:-1000}
DOWN_CONNECTIONS=${DOWN_CONNECTIONS:-10}
DOWN_KEYS=${DOWN_KEYS:-100}
STALE_TTL_S=${STALE_TTL_S:-2}
JVM_OPTS=${JVM_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}
PORT=${PORT:-18080}
PORT2=${PORT2:-$((PORT + 2))}
ORIGIN_PORT=${ORIGIN_PORT:-18081}
REDIS_PORT=${REDIS_PORT:-18379}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
RESULTS=${RESULTS:-$BENCH/RESULTS.md}
SKIP_BUILD=${SKIP_BUILD:-0}
QUIET_WAIT=${QUIET_WAIT:-5}
NICE=${NICE:-0}

(( DURATION >= 3 )) || { echo "DURATION must be >= 3" >&2; exit 2; }
(( NORM_WARMUP >= 1 && NORM_WARMUP < WARMUP )) || { echo "NORM_WARMUP must be >= 1 and < WARMUP" >&2; exit 2; }
JAR=$ROOT/target/wp-live-proxy.jar
CP=$JAR:$OUT/classes
HELPER_JVM=(-Dlogback.configurationFile=$BENCH/logback-bench.xml)
CLK_TCK=$(getconf CLK_TCK)
START_TS=$(date +%s)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# command prefixes: pinned to one CPU, at the NICE priority (nice and taskset exec, so $! is the command's pid)
SRV=(taskset -c "$SERVER_CPU")
CLI=(taskset -c "$CLIENT_CPU")
if [[ $NICE != 0 ]]; then
  SRV=(nice -n "$NICE" "${SRV[@]}")
  CLI=(nice -n "$NICE" "${CLI[@]}")
fi

set_autogroup_nice() {
  # With autogroup scheduling (kernel.sched_autogroup_enabled=1) nice values only count inside one
  # session's group; between sessions the group's own nice counts. So NICE is applied to this
  # session's autogroup too (restored at exit).
  if [[ $NICE != 0 && -w /proc/self/autogroup && $(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo 0) == 1 ]]; then
    AUTOGROUP_NICE=$(awk '{ print $NF }' /proc/self/autogroup)
    echo "$NICE" > /proc/self/autogroup 2>/dev/null || { AUTOGROUP_NICE=""; log "could not set the autogroup nice"; }
  fi
}

# ---------------------------------------------------------------- process bookkeeping
PIDS=()
TMP=""
WRK_PIDFILE=""
AUTOGROUP_NICE=""
cleanup() {
  local rc=$?
  if [[ -n $WRK_PIDFILE && -f $WRK_PIDFILE ]]; then
    kill "$(cat "$WRK_PIDFILE")" 2>/dev/null || true
  fi
  if [[ -n $AUTOGROUP_NICE ]]; then
    echo "$AUTOGROUP_NICE" > /proc/self/autogroup 2>/dev/null || true
  fi
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  [[ -n $TMP && -d $TMP ]] && rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget_pid() { # removes $1 from PIDS
  local keep=() p
  for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

stop_pid() { # stops one process we started: TERM, then KILL after 10 s
  local pid=$1 i
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  forget_pid "$pid"
}

port_free() { [[ -z $(ss -Htln "( sport = :$1 )" 2>/dev/null) ]]; }

wait_http() { # url pid timeout_s: waits for a 200, fails if the process dies
  local url=$1 pid=$2 t=$3 i
  for ((i = 0; i < t * 10; i++)); do
    if curl -sf -o /dev/null --max-time 2 "$url"; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

ticks() { # utime+stime of one process and its children (threads are included), in clock ticks; NaN once it is gone
  [[ -r /proc/$1/stat ]] || { echo NaN; return; }
  local total=0 p
  for p in "$1" $(pgrep -P "$1" 2>/dev/null || true); do
    if [[ -r /proc/$p/stat ]]; then
      total=$(( total + $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null || echo 0) ))
    fi
  done
  echo "$total"
}

cpu_pct() { # ticks0 ticks1 t0 t1 -> % of one core, or NaN
  awk -v a="$1" -v b="$2" -v t0="$3" -v t1="$4" -v hz="$CLK_TCK" \
    'BEGIN { if (a == "NaN" || b == "NaN" || b < a) print "NaN"; else printf "%.0f", (b - a) / hz / (t1 - t0) * 100 }'
}

busy_ticks() { # busy clock ticks of the whole machine (all CPUs), steal included
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

wait_quiet() { # waits (at most QUIET_WAIT s) until the machine is nearly idle apart from our origin
  local i b0 b1 busy
  for ((i = 0; i < QUIET_WAIT; i++)); do
    b0=$(busy_ticks); sleep 1; b1=$(busy_ticks)
    busy=$(( (b1 - b0) * 100 / CLK_TCK ))
    (( busy <= 15 )) && return 0
    (( i == 0 )) && log "machine busy (${busy}% of a core used by others); waiting up to ${QUIET_WAIT}s for quiet"
  done
  log "machine still busy (${busy}%); measuring anyway (see the 'other CPU' column)"
}

# ---------------------------------------------------------------- tools and build
has_server() { [[ " $SERVERS " == *" $1 "* ]]; }
needs_redis() { # whether this run needs the bench's redis-server
  case "$MODE" in
    profile) [[ ${PROFILE_TARGET:-proxy} == proxy-redis ]] ;;
    bench) has_server proxy-redis || { [[ $CHECKS == 1 && $HERD2 == 1 ]] && has_server proxy; } ;;
    *) return 1 ;;
  esac
}

ensure_tools() {
  local missing=()
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v taskset >/dev/null || missing+=(util-linux)
  command -v curl >/dev/null || missing+=(curl)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v pgrep >/dev/null || missing+=(procps)
  if needs_redis; then
    command -v redis-server >/dev/null || missing+=(redis-server)
  fi
  if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt-get)"
    [[ $(id -u) == 0 ]] || die "need root to apt-get install ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  export PATH=$PATH:/usr/sbin
  local n; n=$(nproc)
  (( n > SERVER_CPU && n > CLIENT_CPU )) || die "needs CPUs $SERVER_CPU and $CLIENT_CPU; this machine has $n"
}

build() {
  if [[ $SKIP_BUILD != 1 ]]; then
    log "building the proxy: mvn ${MVN_ARGS:--q -B package -DskipTests}"
    # shellcheck disable=SC2086
    (cd "$ROOT" && mvn ${MVN_ARGS:--q -B package -DskipTests}) || die "mvn package failed"
  fi
  [[ -f $JAR ]] || die "$JAR is missing"
  mkdir -p "$OUT/classes" "$OUT/logs"
  log "compiling bench helpers into $OUT/classes"
  javac -nowarn -Xlint:none -d "$OUT/classes" -cp "$JAR" "$BENCH"/src/*.java 2> "$OUT/logs/javac.log" \
    || { cat "$OUT/logs/javac.log" >&2; die "javac failed"; }
}

# ---------------------------------------------------------------- servers
ORIGIN_PID=""
start_origin() {
  port_free "$ORIGIN_PORT" || die "port $ORIGIN_PORT is in use"
  "${CLI[@]}" java "${HELPER_JVM[@]}" -cp "$CP" Origin --port "$ORIGIN_PORT" --delay-ms 0 --max-age 600 \
    > "$OUT/logs/origin.log" 2>&1 &
  ORIGIN_PID=$!
  PIDS+=("$ORIGIN_PID")
  wait_http "http://127.0.0.1:$ORIGIN_PORT/__count" "$ORIGIN_PID" 30 || { tail -20 "$OUT/logs/origin.log" >&2; die "origin did not start"; }
}
origin() { curl -sf --max-time 5 -X POST "http://127.0.0.1:$ORIGIN_PORT/__$1" >/dev/null; }
origin_count() { curl -sf --max-time 5 "http://127.0.0.1:$ORIGIN_PORT/__count" || echo NaN; }

# the bench's own Redis: no persistence, loopback only, pinned to CLIENT_CPU (next to wrk: 2 cores only)
REDIS_PID=""
redis_cmd() { # command [args...] -> the first line of the reply (redis-cli, or RESP over bash's /dev/tcp)
  if command -v redis-cli >/dev/null; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@" 2>/dev/null | head -1 || true
    return 0
  fi
  local crlf=$'\r\n' req a line="" fd
  req="*$#$crlf"
  for a in "$@"; do req+="\$${#a}$crlf$a$crlf"; done
  { exec {fd}<>"/dev/tcp/127.0.0.1/$REDIS_PORT"; } 2>/dev/null || return 0
  printf '%s' "$req" >&"$fd"
  IFS= read -r -t 5 line <&"$fd" || true
  exec {fd}>&-
  line=${line%$'\r'}
  echo "${line#[+:-]}"
}
start_redis() {
  local i
  port_free "$REDIS_PORT" || die "port $REDIS_PORT is in use (set REDIS_PORT)"
  "${CLI[@]}" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    > "$OUT/logs/redis.log" 2>&1 &
  REDIS_PID=$!
  PIDS+=("$REDIS_PID")
  for ((i = 0; i < 100; i++)); do
    [[ $(redis_cmd PING) == PONG ]] && return 0
    kill -0 "$REDIS_PID" 2>/dev/null || break
    sleep 0.1
  done
  tail -20 "$OUT/logs/redis.log" >&2
  die "redis-server did not start on port $REDIS_PORT"
}
redis_flush() {
  [[ $(redis_cmd FLUSHALL) == OK ]] || die "FLUSHALL on the bench Redis (port $REDIS_PORT) failed"
}

# routes of the throughput configs: the passthrough route and its normalized twin (SPEC §6; `items: ""`
# = the document itself, so data is one object); every field of bench/src/Bodies.java is mapped
THROUGHPUT_ROUTES='routes:
  - name: products
    path: /products/:id
    upstream: origin
    cache: { ttl: 10m, staleIfError: 1h }
  - name: norm-products
    path: /norm/products/:id
    upstream: origin
    upstreamPath: /products/:id
    cache: { ttl: 10m, staleIfError: 1h }
    normalize:
      format: json
      items: ""
      fields:
        id: /id
        sku: /sku
        name: /name
        price: { from: /price, type: number }
        currency: /currency
        inStock: { from: /inStock, type: boolean }
        stock: { from: /stock, type: integer }
        updatedAt: { from: /updatedAt, type: datetime }
        categories: /categories
        attributes: /attributes
        description: /description'

proxy_head() { # port [extra top-level yaml] -> the common head of every proxy config
  printf '%s\n' "server: { host: 127.0.0.1, port: $1 }" "logging: { access: false }" "upstreams:" \
    "  origin: { baseUrl: \"http://127.0.0.1:$ORIGIN_PORT\", timeout: 5s, maxConnections: 50 }"
  [[ -z ${2:-} ]] || printf '%s\n' "$2"
}
check_routes() {
  cat <<EOF
routes:
  - name: products
    path: /products/:id
    upstream: origin
    cache: { ttl: 10m, staleIfError: 1h }
  - name: herd
    path: /herd/products/:id
    upstream: origin
    upstreamPath: /products/:id
    cache: { ttl: 10m }
  - name: stale
    path: /stale/products/:id
    upstream: origin
    upstreamPath: /products/:id
    cache: { ttl: ${STALE_TTL_S}s, staleIfError: 1h }
EOF
}

write_proxy_configs() {
  local redis="redis: { url: \"redis://127.0.0.1:$REDIS_PORT\" }"
  { proxy_head "$PORT"; echo "$THROUGHPUT_ROUTES"; } > "$TMP/proxy-throughput.yaml"
  # the Redis tier alone: the memory tier off (SPEC §3: maxSize 0), so every hit is read from Redis
  { proxy_head "$PORT" "$redis"$'\n'"cache: { memory: { maxSize: 0 } }"; echo "$THROUGHPUT_ROUTES"; } > "$TMP/proxy-redis.yaml"
  { proxy_head "$PORT"; check_routes; } > "$TMP/proxy-checks.yaml"
  # two instances (memory tier on) sharing the bench Redis, for the two-instance herd
  { proxy_head "$PORT" "$redis"; check_routes; } > "$TMP/proxy-herd2-a.yaml"
  { proxy_head "$PORT2" "$redis"; check_routes; } > "$TMP/proxy-herd2-b.yaml"
  cp "$TMP"/proxy-*.yaml "$OUT/"
}

write_nginx_config() {
  local user_line=""
  [[ $(id -u) == 0 ]] && user_line="user root;"
  mkdir -p "$TMP/nginx/cache" "$TMP/nginx/tmp"
  cat > "$TMP/nginx/nginx.conf" <<EOF
# generated by bench/run.sh
$user_line
worker_processes 1;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;          # as in Debian's default nginx.conf
  tcp_nopush on;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  client_body_temp_path $TMP/nginx/tmp/body;
  proxy_temp_path $TMP/nginx/tmp/proxy;
  fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
  scgi_temp_path $TMP/nginx/tmp/scgi;
  # keys in a shared-memory zone; bodies under $TMP (tmpfs when /dev/shm is usable)
  proxy_cache_path $TMP/nginx/cache levels=1:2 keys_zone=bench:16m max_size=256m inactive=1h use_temp_path=off;
  upstream origin {
    server 127.0.0.1:$ORIGIN_PORT;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache bench;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 10s;
      proxy_cache_use_stale error timeout updating;
      add_header X-Cache \$upstream_cache_status;
    }
  }
}
EOF
  cp "$TMP/nginx/nginx.conf" "$OUT/nginx.conf"
}

SERVER_PID=""
SERVER_CMD=""
start_server() { # name [config] [port]: starts one server on port [PORT] and waits until it is ready; sets SERVER_PID
  local name=$1 port=${3:-$PORT} cfg=${2:-} log ready
  log=$OUT/logs/$1-$(date +%H%M%S)$([[ $port == "$PORT" ]] || echo "-$port").log
  [[ -n $cfg ]] || cfg=$TMP/$([[ $name == proxy-redis ]] && echo proxy-redis || echo proxy-throughput).yaml
  port_free "$port" || die "port $port is in use"
  case "$name" in
    proxy|proxy-redis)
      # proxy-redis: a fresh proxy on an empty Redis, so its warm-up fills the Redis tier as the proxy's fills memory
      [[ $name == proxy-redis ]] && redis_flush
      SERVER_CMD="taskset -c $SERVER_CPU java $JVM_OPTS ${EXTRA_JVM_OPTS:-} -jar target/wp-live-proxy.jar --config $(basename "$cfg")"
      # shellcheck disable=SC2086
      "${SRV[@]}" java $JVM_OPTS ${EXTRA_JVM_OPTS:-} -jar "$JAR" --config "$cfg" > "$log" 2>&1 &
      ready="http://127.0.0.1:$port/health/ready" ;;
    raw)
      SERVER_CMD="taskset -c $SERVER_CPU java $JVM_OPTS -cp target/wp-live-proxy.jar:bench/target/classes RawServer --port $port --keys $KEYS"
      # shellcheck disable=SC2086
      "${SRV[@]}" java $JVM_OPTS ${EXTRA_JVM_OPTS:-} "${HELPER_JVM[@]}" -cp "$CP" RawServer --port "$port" --keys "$((KEYS > DOWN_KEYS ? KEYS : DOWN_KEYS))" > "$log" 2>&1 &
      ready="http://127.0.0.1:$port/products/1" ;;
    nginx)
      rm -rf "$TMP/nginx/cache" && mkdir -p "$TMP/nginx/cache"
      SERVER_CMD="taskset -c $SERVER_CPU nginx -p TMP/nginx -e TMP/nginx/error.log -c TMP/nginx/nginx.conf (bench/target/nginx.conf)"
      "${SRV[@]}" nginx -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" > "$log" 2>&1 &
      ready="http://127.0.0.1:$port/products/1" ;;
    *) die "unknown server $name" ;;
  esac
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  if ! wait_http "$ready" "$SERVER_PID" 60; then
    tail -30 "$log" >&2
    [[ $name == nginx ]] && tail -20 "$TMP/nginx/error.log" >&2
    die "$name did not become ready at $ready"
  fi
}
stop_server() { [[ -n $SERVER_PID ]] && stop_pid "$SERVER_PID"; SERVER_PID=""; }

# ---------------------------------------------------------------- load
WRK_HOT="wrk -t1 -c$CONNECTIONS -d${DURATION}s --latency http://127.0.0.1:$PORT/products/1"
WRK_RANDOM="KEYS=$KEYS KEY_PREFIX=/products/ wrk -t1 -c$CONNECTIONS -d${DURATION}s --latency -s bench/wrk/random-keys.lua http://127.0.0.1:$PORT"

scenario_prefix() { # scenario -> the path prefix of its keys
  case "$1" in
    hot|random) echo /products/ ;;
    norm-hot|norm-random) echo /norm/products/ ;;
    *) die "unknown scenario $1" ;;
  esac
}

scenarios_of() { # server -> the scenarios measured on it, in order (the normalized one next to its passthrough twin)
  if [[ $1 == proxy && $NORM == 1 ]]; then
    echo "hot norm-hot random$([[ $NORM_RANDOM == 1 ]] && echo " norm-random")"
  else
    echo "hot random"
  fi
}

random_load() { # seconds prefix port log: KEYS keys at random, no --latency
  KEYS=$KEYS KEY_PREFIX=$2 "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$1"s \
    -s "$BENCH/wrk/random-keys.lua" "http://127.0.0.1:$3" >> "$4" 2>&1 || true
}

warm_up() { # seconds [server] [port] [log]
  local t=$1 server=${2:-} port=${3:-$PORT} wlog=${4:-$OUT/logs/warmup.log}
  : > "$wlog"
  if [[ $server == proxy && $NORM == 1 ]]; then
    # the same total as the other JVMs: WARMUP - NORM_WARMUP s on the passthrough keys, then NORM_WARMUP s
    # on the normalized route's keys (which primes all of them: KEYS misses, then hits)
    random_load "$((t - NORM_WARMUP))" /products/ "$port" "$wlog"
    random_load "$NORM_WARMUP" /norm/products/ "$port" "$wlog"
  else
    random_load "$t" /products/ "$port" "$wlog"
  fi
  "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d1s "http://127.0.0.1:$port/products/1" >> "$wlog" 2>&1 || true
}

lookups() { # -> "memory_hits redis_hits": the proxy's wplp_cache_lookups_total{result="hit"} per tier; NaN NaN if unknown
  { curl -sf --max-time 5 "http://127.0.0.1:$PORT/metrics" 2>/dev/null || true; } | awk '
    /^wplp_cache_lookups_total\{/ && /result="hit"/ {
      seen = 1
      if ($0 ~ /tier="memory"/) m += $2; else if ($0 ~ /tier="redis"/) r += $2
    }
    END { if (seen) printf "%.0f %.0f\n", m, r; else print "NaN NaN" }'
}

xcache_of() { # path -> the X-Cache header of one GET on PORT
  curl -s -o /dev/null -D - --max-time 5 "http://127.0.0.1:$PORT$1" 2>/dev/null | tr -d '\r' \
    | awk -F': *' 'tolower($1) == "x-cache" { print $2; f = 1 } END { if (!f) print "none" }'
}

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) ; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

measure() { # round server scenario
  local round=$1 server=$2 scenario=$3 f=$OUT/logs/wrk-r$1-$2-$3.txt prefix
  local o0 o1 s0 s1 w0=0 w1 t0 t1 b0 b1 r0=NaN r1=NaN m0=NaN m1=NaN h0=NaN h1=NaN
  prefix=$(scenario_prefix "$scenario")
  WRK_PIDFILE=$f.pid
  rm -f "$f.times" "$WRK_PIDFILE"
  o0=$(origin_count)
  [[ $server == proxy* ]] && read -r m0 h0 < <(lookups)
  [[ -n $REDIS_PID ]] && r0=$(ticks "$REDIS_PID")
  s0=$(ticks "$SERVER_PID"); b0=$(busy_ticks); t0=$(date +%s.%N)
  # wrk runs in a subshell whose `times` gives wrk's own CPU time once it has ended
  (
    if [[ $scenario == *hot ]]; then
      "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION"s --latency "http://127.0.0.1:$PORT${prefix}1" > "$f" 2>&1 &
    else
      KEYS=$KEYS KEY_PREFIX=$prefix "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION"s --latency \
        -s "$BENCH/wrk/random-keys.lua" "http://127.0.0.1:$PORT" > "$f" 2>&1 &
    fi
    echo $! > "$WRK_PIDFILE"
    wait $! || true
    times > "$f.times"
  )
  s1=$(ticks "$SERVER_PID"); b1=$(busy_ticks); t1=$(date +%s.%N)
  [[ -n $REDIS_PID ]] && r1=$(ticks "$REDIS_PID")
  [[ $server == proxy* ]] && read -r m1 h1 < <(lookups)
  rm -f "$WRK_PIDFILE"
  WRK_PIDFILE=""
  w1=$(awk -v hz="$CLK_TCK" 'NR == 2 { split($1, u, "m"); split($2, k, "m"); printf "%.0f", (u[1] * 60 + u[2] + k[1] * 60 + k[2]) * hz }' "$f.times" 2>/dev/null)
  [[ -n $w1 ]] || w1=NaN
  o1=$(origin_count)
  local rps p50 p99 non2xx serr nreq
  read -r rps p50 p99 non2xx serr nreq < <(awk '
    / requests in / { nreq = $1 }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { non = $NF }
    /Socket errors:/ { gsub(",", ""); serr = $4 + $6 + $8 + $10 }
    END { print (rps == "" ? "NaN" : rps), (p50 == "" ? "NaN" : p50), (p99 == "" ? "NaN" : p99), non + 0, serr + 0, (nreq == "" ? "NaN" : nreq) }' "$f")
  local cpu_s cpu_w cpu_o cpu_r=NaN
  cpu_s=$(cpu_pct "$s0" "$s1" "$t0" "$t1")
  cpu_w=$(cpu_pct "$w0" "$w1" "$t0" "$t1")
  [[ -n $REDIS_PID ]] && cpu_r=$(cpu_pct "$r0" "$r1" "$t0" "$t1")
  # everything else the machine ran meanwhile (other processes, the kernel outside our processes, steal);
  # the bench's Redis is reported on its own (it works only for proxy-redis, and idles otherwise)
  cpu_o=$(awk -v a="$b0" -v b="$b1" -v s0="$s0" -v s1="$s1" -v w0="$w0" -v w1="$w1" -v r0="$r0" -v r1="$r1" -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" \
    'BEGIN { if (s0 == "NaN" || s1 == "NaN" || w0 == "NaN" || w1 == "NaN") { print "NaN"; exit }
             r = (r0 == "NaN" || r1 == "NaN") ? 0 : r1 - r0
             o = (b - a - (s1 - s0) - (w1 - w0) - r) / hz / (t1 - t0) * 100; if (o < 0) o = 0; printf "%.0f", o }')
  local od="NaN" mh="NaN" rh="NaN"
  [[ $o0 != NaN && $o1 != NaN ]] && od=$((o1 - o0))
  [[ $m0 != NaN && $m1 != NaN ]] && mh=$((m1 - m0)) && rh=$((h1 - h0))
  # columns: round server scenario req/s p50 p99 non-2xx socket-errors origin-requests CPU%-server CPU%-wrk
  #          CPU%-other CPU%-redis requests memory-tier-hits redis-tier-hits (the last two from /metrics)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$server" "$scenario" "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" \
    "$non2xx" "$serr" "$od" "$cpu_s" "$cpu_w" "$cpu_o" "$cpu_r" "$nreq" "$mh" "$rh" >> "$OUT/results.tsv"
  log "  round $round $server $scenario: $rps req/s, p50 $p50, p99 $p99, non-2xx $non2xx, socket errors $serr, origin requests $od, CPU server ${cpu_s}% wrk ${cpu_w}% redis ${cpu_r}% other ${cpu_o}%$([[ $mh == NaN ]] || echo ", hits memory $mh redis $rh of $nreq requests")"
}

# ---------------------------------------------------------------- checks
burst() { # label path keys connections requests -> one line of key=value pairs, echoed (BURST_PORTS: p1,p2 [PORT])
  local line b0 b1 t0 t1
  b0=$(busy_ticks); t0=$(date +%s.%N)
  line=$("${CLI[@]}" java -cp "$OUT/classes" Burst --ports "${BURST_PORTS:-$PORT}" --label "$1" --path "$2" --keys "$3" \
    --connections "$4" --requests "$5" --timeout-ms 30000 2>> "$OUT/logs/burst.log")
  b1=$(busy_ticks); t1=$(date +%s.%N)
  # how busy both CPUs were meanwhile (the bench's own processes included), in % of one core
  echo "$line machine_busy_pct=$(awk -v a="$b0" -v b="$b1" -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", (b - a) / hz / (t1 - t0) * 100 }')"
}

herd_runs() { # server kind key_base: HERD_RUNS bursts of HERD_REQUESTS requests for a fresh key each (to BURST_PORTS)
  local server=$1 kind=$2 base=$3 i key line after
  for ((i = 1; i <= HERD_RUNS; i++)); do
    key=$((base + i))
    origin "config?delay=$HERD_DELAY_MS&maxAge=600"
    origin reset
    line=$(burst "$kind" "/herd/products/$key" 1 "$HERD_REQUESTS" "$HERD_REQUESTS")
    sleep 0.2
    after=$(origin_count)
    printf '%s\t%s\t%s\torigin_requests=%s delay_ms=%s %s\n' "$server" "$kind" "$i" "$after" "$HERD_DELAY_MS" "$line" >> "$OUT/checks.tsv"
    log "  $kind run $i: origin requests $after; $line"
  done
}

herd_and_down() { # server
  local server=$1 line
  log "checks on $server: herd ($HERD_RUNS x $HERD_REQUESTS requests, origin delay ${HERD_DELAY_MS}ms) and upstream down"
  herd_runs "$server" herd 900000
  # upstream down: prime DOWN_KEYS keys with a short ttl / max-age, stop the origin, ask once stale
  origin "config?delay=0&maxAge=$STALE_TTL_S"
  origin reset
  line=$(burst prime "/stale/products/{k}" "$DOWN_KEYS" "$DOWN_CONNECTIONS" "$DOWN_KEYS")
  log "  primed $DOWN_KEYS keys (origin requests $(origin_count)): $line"
  stop_pid "$ORIGIN_PID"
  ORIGIN_PID=""
  sleep $((STALE_TTL_S + 1))
  line=$(burst down "/stale/products/{k}" "$DOWN_KEYS" "$DOWN_CONNECTIONS" "$DOWN_REQUESTS")
  printf '%s\tdown\t1\tstale_after_s=%s %s\n' "$server" "$((STALE_TTL_S + 1))" "$line" >> "$OUT/checks.tsv"
  log "  upstream down: $line"
  start_origin
}

herd_two_instances() { # the herd split over two proxies (memory tier on) sharing the bench Redis
  local a b wa
  log "two-instance herd: proxies on $PORT and $PORT2 sharing the Redis on $REDIS_PORT ($HERD_RUNS x $HERD_REQUESTS requests, origin delay ${HERD_DELAY_MS}ms)"
  redis_flush
  start_server proxy "$TMP/proxy-herd2-a.yaml" "$PORT"
  a=$SERVER_PID
  start_server proxy "$TMP/proxy-herd2-b.yaml" "$PORT2"
  b=$SERVER_PID
  # both warmed up at the same time (both on SERVER_CPU: each gets about half of it), on the same keys,
  # so each one runs misses, fetches, Redis hits and memory hits
  warm_up "$WARMUP" "" "$PORT" "$OUT/logs/warmup-herd2-a.log" &
  wa=$!
  warm_up "$WARMUP" "" "$PORT2" "$OUT/logs/warmup-herd2-b.log"
  wait "$wa" || true
  BURST_PORTS="$PORT,$PORT2" herd_runs proxy-x2 herd2 910000
  stop_pid "$a"
  stop_pid "$b"
  SERVER_PID=""
}

# ---------------------------------------------------------------- machine facts
write_meta() {
  local m=$OUT/meta.env
  {
    echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "quick=$QUICK"
    echo "nproc=$(nproc)"
    echo "cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "kernel=$(uname -sr)"
    echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java=$(java -version 2>&1 | head -1) / $(java -version 2>&1 | sed -n 3p)"
    echo "nginx=$(nginx -v 2>&1)"
    needs_redis && echo "redis=$(redis-server --version 2>&1 | head -1)"
    echo "wrk=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "jvm_opts=$JVM_OPTS"
    echo "nice=$NICE"
    echo "git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'no commit'), $(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) changed paths"
    echo "knobs=WARMUP=$WARMUP NORM_WARMUP=$NORM_WARMUP NGINX_WARMUP=$NGINX_WARMUP DURATION=$DURATION ROUNDS=$ROUNDS CONNECTIONS=$CONNECTIONS KEYS=$KEYS NORM=$NORM NORM_RANDOM=$NORM_RANDOM HERD2=$HERD2 HERD_REQUESTS=$HERD_REQUESTS HERD_DELAY_MS=$HERD_DELAY_MS HERD_RUNS=$HERD_RUNS DOWN_REQUESTS=$DOWN_REQUESTS DOWN_CONNECTIONS=$DOWN_CONNECTIONS DOWN_KEYS=$DOWN_KEYS STALE_TTL_S=$STALE_TTL_S SERVER_CPU=$SERVER_CPU CLIENT_CPU=$CLIENT_CPU"
    echo "ports=PORT=$PORT PORT2=$PORT2 ORIGIN_PORT=$ORIGIN_PORT REDIS_PORT=$REDIS_PORT"
    echo "servers=$SERVERS"
    echo "herd_delay_ms=$HERD_DELAY_MS"
    echo "cmd_build=mvn ${MVN_ARGS:--q -B package -DskipTests} && javac -d bench/target/classes -cp target/wp-live-proxy.jar bench/src/*.java"
    echo "cmd_origin=taskset -c $CLIENT_CPU java -cp target/wp-live-proxy.jar:bench/target/classes Origin --port $ORIGIN_PORT --delay-ms 0 --max-age 600"
    echo "cmd_proxy=taskset -c $SERVER_CPU java $JVM_OPTS -jar target/wp-live-proxy.jar --config bench/target/proxy-throughput.yaml"
    needs_redis && echo "cmd_redis=taskset -c $CLIENT_CPU redis-server --port $REDIS_PORT --bind 127.0.0.1 --save \"\" --appendonly no (FLUSHALL before each proxy-redis start)"
    has_server proxy-redis && echo "cmd_proxy_redis=taskset -c $SERVER_CPU java $JVM_OPTS -jar target/wp-live-proxy.jar --config bench/target/proxy-redis.yaml (redis url redis://127.0.0.1:$REDIS_PORT, cache.memory.maxSize 0)"
    echo "cmd_raw=taskset -c $SERVER_CPU java $JVM_OPTS -cp target/wp-live-proxy.jar:bench/target/classes RawServer --port $PORT"
    echo "cmd_nginx=taskset -c $SERVER_CPU nginx -p \$TMP/nginx -c \$TMP/nginx/nginx.conf (config copied to bench/target/nginx.conf)"
    echo "cmd_warmup=taskset -c $CLIENT_CPU wrk -t1 -c$CONNECTIONS -d${WARMUP}s -s bench/wrk/random-keys.lua ... (NGINX: ${NGINX_WARMUP}s; the proxy: $((WARMUP - NORM_WARMUP))s on /products/ + ${NORM_WARMUP}s on /norm/products/), then 1 s on the hot key"
    echo "cmd_hot=taskset -c $CLIENT_CPU $WRK_HOT"
    echo "cmd_random=$WRK_RANDOM (pinned with taskset -c $CLIENT_CPU)"
    [[ $NORM == 1 ]] && echo "cmd_norm=the same on the normalized route: .../norm/products/1 (norm-hot)$([[ $NORM_RANDOM == 1 ]] && echo ", KEY_PREFIX=/norm/products/ (norm-random)"), proxy only"
    echo "cmd_herd=taskset -c $CLIENT_CPU java -cp bench/target/classes Burst --port $PORT --path /herd/products/900001 --connections $HERD_REQUESTS --requests $HERD_REQUESTS (origin delay ${HERD_DELAY_MS} ms; proxy config bench/target/proxy-checks.yaml, after a ${WARMUP}s JIT warm-up on other keys)"
    [[ $CHECKS == 1 && $HERD2 == 1 ]] && has_server proxy && echo "cmd_herd2=taskset -c $CLIENT_CPU java -cp bench/target/classes Burst --ports $PORT,$PORT2 --path /herd/products/910001 --connections $HERD_REQUESTS --requests $HERD_REQUESTS (two proxies, configs bench/target/proxy-herd2-{a,b}.yaml, memory tier on, one Redis, FLUSHALL first, both warmed up ${WARMUP}s at the same time)"
    echo "cmd_down=Burst --path '/stale/products/{k}' --keys $DOWN_KEYS --connections $DOWN_CONNECTIONS --requests $DOWN_KEYS (prime, origin max-age ${STALE_TTL_S}s, route ttl ${STALE_TTL_S}s + staleIfError 1h), kill the origin, sleep $((STALE_TTL_S + 1)) s, then --requests $DOWN_REQUESTS"
  } > "$m"
}

report() {
  local md=$1
  java "${HELPER_JVM[@]}" -cp "$CP" Report --out "$OUT" --results-md "$md" --elapsed "$(( $(date +%s) - START_TS ))"
}

# ---------------------------------------------------------------- modes
check_answers() { # round server: after the warm-up, what one request answers (logged; kept in meta.env)
  local r=$1 s=$2 xc body
  case "$s" in
    proxy-redis)
      xc=$(xcache_of /products/1)
      log "  proxy-redis: X-Cache of /products/1: $xc; hits so far (memory redis): $(lookups); Redis keys: $(redis_cmd DBSIZE)"
      echo "check_proxy_redis_xcache_r$r=$xc" >> "$OUT/meta.env" ;;
    proxy)
      if [[ $NORM == 1 && $r == 1 ]]; then
        # once: the normalized route answers the envelope of SPEC §6, about as large as the passthrough body
        body=$OUT/norm-products-1.json
        curl -sf --max-time 5 -o "$body" "http://127.0.0.1:$PORT/norm/products/1" || : > "$body"
        xc=$(xcache_of /norm/products/1)
        local ok=no
        if [[ $(head -c 9 "$body") == '{"data":{' ]] && grep -q '"meta":{' "$body" && grep -q '"sku":"SKU-' "$body" \
          && grep -q '"price":[0-9]' "$body" && grep -q '"inStock":\(true\|false\)' "$body"; then
          ok=yes
        fi
        log "  normalized route: /norm/products/1 is $(wc -c < "$body") bytes, envelope {data:{...},meta:{...}}: $ok, X-Cache $xc (body in $body)"
        { echo "norm_envelope=$ok"; echo "norm_bytes=$(wc -c < "$body")"; echo "norm_xcache=$xc"
          echo "norm_passthrough_bytes=$(curl -sf --max-time 5 "http://127.0.0.1:$PORT/products/1" | wc -c)"; } >> "$OUT/meta.env"
      fi ;;
  esac
}

main_bench() {
  ensure_tools
  build
  set_autogroup_nice
  TMP=$(mktemp -d -p "$( [[ -w /dev/shm ]] && echo /dev/shm || echo /tmp )" wplp-bench.XXXXXX)
  rm -f "$OUT/results.tsv" "$OUT/checks.tsv" "$OUT/logs/burst.log"
  write_meta
  write_proxy_configs
  write_nginx_config
  port_free "$PORT" || die "port $PORT is in use"
  start_origin
  needs_redis && start_redis
  local servers; read -r -a servers <<< "$SERVERS"
  local n=${#servers[@]} r i s sc
  for ((r = 1; r <= ROUNDS; r++)); do
    for ((i = 0; i < n; i++)); do
      s=${servers[$(((i + r - 1) % n))]}
      log "round $r/$ROUNDS: $s"
      wait_quiet
      start_server "$s"
      echo "cmd_${s//-/_}_actual=$SERVER_CMD" >> "$OUT/meta.env"
      if [[ $s == nginx ]]; then warm_up "$NGINX_WARMUP" "$s"; else warm_up "$WARMUP" "$s"; fi
      check_answers "$r" "$s"
      for sc in $(scenarios_of "$s"); do
        measure "$r" "$s" "$sc"
      done
      stop_server
    done
  done
  if [[ $CHECKS == 1 ]]; then
    for s in "${servers[@]}"; do
      case "$s" in
        proxy)
          wait_quiet
          start_server proxy "$TMP/proxy-checks.yaml"
          warm_up "$WARMUP"
          herd_and_down proxy
          stop_server
          if [[ $HERD2 == 1 ]]; then
            wait_quiet
            herd_two_instances
          fi ;;
        nginx)
          wait_quiet
          start_server nginx
          warm_up "$NGINX_WARMUP"
          herd_and_down nginx
          stop_server ;;
      esac
    done
  fi
  echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/meta.env"
  report "$RESULTS"
  log "done in $(( $(date +%s) - START_TS )) s; results in $RESULTS"
}

main_profile() {
  ensure_tools
  build
  set_autogroup_nice
  TMP=$(mktemp -d)
  write_proxy_configs
  start_origin
  needs_redis && start_redis
  local target=${PROFILE_TARGET:-proxy} prof=${PROFILE_SECONDS:-30} scenario=${PROFILE_SCENARIO:-hot} prefix
  local jfr=$OUT/$target-$scenario.jfr
  prefix=$(scenario_prefix "$scenario")
  rm -f "$jfr"
  wait_quiet
  EXTRA_JVM_OPTS="-XX:StartFlightRecording=delay=${WARMUP}s,duration=${prof}s,settings=profile,filename=$jfr" start_server "$target"
  log "profiling $target: ${WARMUP}s warm-up, then ${prof}s of the $scenario load under JFR"
  warm_up "$WARMUP" "$target"
  if [[ $scenario == *hot ]]; then
    "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$((prof + 2))"s --latency "http://127.0.0.1:$PORT${prefix}1" | tee "$OUT/logs/profile-$target-$scenario-wrk.txt"
  else
    KEYS=$KEYS KEY_PREFIX=$prefix "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$((prof + 2))"s --latency \
      -s "$BENCH/wrk/random-keys.lua" "http://127.0.0.1:$PORT" | tee "$OUT/logs/profile-$target-$scenario-wrk.txt"
  fi
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s $jfr ]] && break
    sleep 0.1
  done
  stop_server
  [[ -s $jfr ]] || die "no JFR recording at $jfr"
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$jfr" > "$OUT/$target-$scenario-samples.txt"
  awk -f "$BENCH/jfr-top.awk" "$OUT/$target-$scenario-samples.txt" | tee "$OUT/$target-$scenario-top.txt"
  log "recording $jfr; summary $OUT/$target-$scenario-top.txt"
}

main_jmh() {
  grep -q '<id>bench</id>' "$ROOT/pom.xml" || die "pom.xml has no 'bench' profile: paste bench/jmh-profile.xml into <profiles> first"
  log "building benchmarks: mvn -q -B -Pbench package -DskipTests"
  (cd "$ROOT" && mvn -q -B -Pbench package -DskipTests) || die "mvn -Pbench package failed"
  mkdir -p "$OUT"
  set_autogroup_nice
  wait_quiet
  # short settings: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement, pinned to one core
  "${SRV[@]}" java -jar "$ROOT/target/benchmarks.jar" -f 1 -wi 3 -w 1s -i 5 -r 1s -tu ns -bm avgt \
    ${JMH_ARGS:-} -rf text -rff "$OUT/jmh.txt" "${JMH_FILTER:-io.wplive.proxy.bench}"
  log "JMH results in $OUT/jmh.txt"
}

case "$MODE" in
  bench) main_bench ;;
  profile) main_profile ;;
  jmh) main_jmh ;;
esac
