#!/usr/bin/env bash
# wp-live-proxy benchmark (issue #3). Loopback only, bounded loads, < 10 minutes with the defaults.
#
#   bench/run.sh              full run: build, 3 servers x 2 scenarios x ROUNDS, herd and upstream-down
#                             checks; writes bench/RESULTS.md
#   QUICK=1 bench/run.sh      ~1-minute smoke run (1 round, short loads); writes bench/target/RESULTS-quick.md
#   bench/run.sh --profile    JFR profile of the proxy under the one-key load; prints the hot methods
#                             (PROFILE_TARGET=raw profiles the raw server, PROFILE_SCENARIO=random the
#                             random-keys load; PROFILE_SECONDS [30])
#   bench/run.sh --jmh        JMH microbenchmarks (needs the `bench` profile of bench/jmh-profile.xml in pom.xml)
#   bench/run.sh --no-build   skip `mvn package` (use the existing target/wp-live-proxy.jar)
#
# What it measures:
#   servers (one at a time, pinned to CPU SERVER_CPU; wrk and the helpers on CLIENT_CPU):
#     proxy  - wp-live-proxy, memory tier only (no redis section)
#     raw    - bench/src/RawServer.java: bare Vert.x 5, 1 event loop, same 2 KB body from a map (the ceiling)
#     nginx  - NGINX proxy_cache in front of the same origin (cache on tmpfs, keys zone in shared memory)
#   scenarios (wrk --latency after a warm-up): hot = one cached key; random = KEYS cached keys at random
#   checks: thundering herd (HERD_REQUESTS requests for one uncached key released at once, origin delay
#           HERD_DELAY_MS) and upstream down (prime, stop the origin, DOWN_REQUESTS once stale)
#
# Knobs (environment variables, defaults in brackets):
#   WARMUP [15]        seconds of load before measuring each JVM server (random keys: primes the cache too)
#   NGINX_WARMUP [5]   the same for NGINX (no JIT to warm)
#   DURATION [10]      measured seconds per scenario (>= 3)
#   ROUNDS [3]         rounds; the servers are interleaved, their order rotated each round; medians reported
#   CONNECTIONS [64]   wrk connections (wrk runs 1 thread)
#   KEYS [1000]        keys of the random scenario
#   SERVERS ["proxy raw nginx"]  which servers to measure
#   CHECKS [1]         0 skips the herd and upstream-down checks
#   HERD_REQUESTS [200] HERD_DELAY_MS [500] HERD_RUNS [3]
#   DOWN_REQUESTS [1000] DOWN_CONNECTIONS [10] DOWN_KEYS [100] STALE_TTL_S [2]
#   JVM_OPTS ["-Xms1g -Xmx1g -XX:+AlwaysPreTouch"]  the same flags for the proxy and the raw server
#   PORT [18080] ORIGIN_PORT [18081] SERVER_CPU [0] CLIENT_CPU [1]
#   RESULTS [bench/RESULTS.md, or bench/target/RESULTS-quick.md with QUICK=1]
#   SKIP_BUILD [0]     1 = like --no-build;  MVN_ARGS ["-q -B package -DskipTests"] the build command's arguments
#   NICE [0]           nice value for everything the bench starts, and for this session's autogroup
#                      (e.g. -10 on a machine shared with builds; negative values need root)
#   QUIET_WAIT [5]     before starting each server, wait up to this many seconds for the machine to be idle
#                      (0 = don't); what other processes used while measuring is reported either way
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
  HERD_RUNS=${HERD_RUNS:-1}; RESULTS=${RESULTS:-$OUT/RESULTS-quick.md}
fi
WARMUP=${WARMUP:-15}
NGINX_WARMUP=${NGINX_WARMUP:-5}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
KEYS=${KEYS:-1000}
SERVERS=${SERVERS:-proxy raw nginx}
CHECKS=${CHECKS:-1}
HERD_REQUESTS=${HERD_REQUESTS:-200}
HERD_DELAY_MS=${HERD_DELAY_MS:-500}
HERD_RUNS=${HERD_RUNS:-3}
DOWN_REQUESTS=${DOWN_REQUESTS:-1000}
DOWN_CONNECTIONS=${DOWN_CONNECTIONS:-10}
DOWN_KEYS=${DOWN_KEYS:-100}
STALE_TTL_S=${STALE_TTL_S:-2}
JVM_OPTS=${JVM_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}
PORT=${PORT:-18080}
ORIGIN_PORT=${ORIGIN_PORT:-18081}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
RESULTS=${RESULTS:-$BENCH/RESULTS.md}
SKIP_BUILD=${SKIP_BUILD:-0}
QUIET_WAIT=${QUIET_WAIT:-5}
NICE=${NICE:-0}

(( DURATION >= 3 )) || { echo "DURATION must be >= 3" >&2; exit 2; }
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
ensure_tools() {
  local missing=()
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v taskset >/dev/null || missing+=(util-linux)
  command -v curl >/dev/null || missing+=(curl)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v pgrep >/dev/null || missing+=(procps)
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

write_proxy_configs() {
  cat > "$TMP/proxy-throughput.yaml" <<EOF
server: { host: 127.0.0.1, port: $PORT }
logging: { access: false }
upstreams:
  origin: { baseUrl: "http://127.0.0.1:$ORIGIN_PORT", timeout: 5s, maxConnections: 50 }
routes:
  - name: products
    path: /products/:id
    upstream: origin
    cache: { ttl: 10m, staleIfError: 1h }
EOF
  cat > "$TMP/proxy-checks.yaml" <<EOF
server: { host: 127.0.0.1, port: $PORT }
logging: { access: false }
upstreams:
  origin: { baseUrl: "http://127.0.0.1:$ORIGIN_PORT", timeout: 5s, maxConnections: 50 }
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
start_server() { # name [config]
  local name=$1 cfg=${2:-$TMP/proxy-throughput.yaml} log=$OUT/logs/$1-$(date +%H%M%S).log ready
  port_free "$PORT" || die "port $PORT is in use"
  case "$name" in
    proxy)
      SERVER_CMD="taskset -c $SERVER_CPU java $JVM_OPTS ${EXTRA_JVM_OPTS:-} -jar target/wp-live-proxy.jar --config $(basename "$cfg")"
      # shellcheck disable=SC2086
      "${SRV[@]}" java $JVM_OPTS ${EXTRA_JVM_OPTS:-} -jar "$JAR" --config "$cfg" > "$log" 2>&1 &
      ready="http://127.0.0.1:$PORT/health/ready" ;;
    raw)
      SERVER_CMD="taskset -c $SERVER_CPU java $JVM_OPTS -cp target/wp-live-proxy.jar:bench/target/classes RawServer --port $PORT --keys $KEYS"
      # shellcheck disable=SC2086
      "${SRV[@]}" java $JVM_OPTS ${EXTRA_JVM_OPTS:-} "${HELPER_JVM[@]}" -cp "$CP" RawServer --port "$PORT" --keys "$((KEYS > DOWN_KEYS ? KEYS : DOWN_KEYS))" > "$log" 2>&1 &
      ready="http://127.0.0.1:$PORT/products/1" ;;
    nginx)
      rm -rf "$TMP/nginx/cache" && mkdir -p "$TMP/nginx/cache"
      SERVER_CMD="taskset -c $SERVER_CPU nginx -p TMP/nginx -e TMP/nginx/error.log -c TMP/nginx/nginx.conf (bench/target/nginx.conf)"
      "${SRV[@]}" nginx -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" > "$log" 2>&1 &
      ready="http://127.0.0.1:$PORT/products/1" ;;
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

warm_up() { # seconds
  KEYS=$KEYS KEY_PREFIX=/products/ "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$1"s \
    -s "$BENCH/wrk/random-keys.lua" "http://127.0.0.1:$PORT" > "$OUT/logs/warmup.log" 2>&1 || true
  KEYS=1 KEY_PREFIX=/products/ "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d1s \
    "http://127.0.0.1:$PORT/products/1" >> "$OUT/logs/warmup.log" 2>&1 || true
}

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) ; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

measure() { # round server scenario
  local round=$1 server=$2 scenario=$3 f=$OUT/logs/wrk-r$1-$2-$3.txt
  local o0 o1 s0 s1 w0=0 w1 t0 t1 b0 b1
  WRK_PIDFILE=$f.pid
  rm -f "$f.times" "$WRK_PIDFILE"
  o0=$(origin_count)
  s0=$(ticks "$SERVER_PID"); b0=$(busy_ticks); t0=$(date +%s.%N)
  # wrk runs in a subshell whose `times` gives wrk's own CPU time once it has ended
  (
    if [[ $scenario == hot ]]; then
      "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION"s --latency "http://127.0.0.1:$PORT/products/1" > "$f" 2>&1 &
    else
      KEYS=$KEYS KEY_PREFIX=/products/ "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION"s --latency \
        -s "$BENCH/wrk/random-keys.lua" "http://127.0.0.1:$PORT" > "$f" 2>&1 &
    fi
    echo $! > "$WRK_PIDFILE"
    wait $! || true
    times > "$f.times"
  )
  s1=$(ticks "$SERVER_PID"); b1=$(busy_ticks); t1=$(date +%s.%N)
  rm -f "$WRK_PIDFILE"
  WRK_PIDFILE=""
  w1=$(awk -v hz="$CLK_TCK" 'NR == 2 { split($1, u, "m"); split($2, k, "m"); printf "%.0f", (u[1] * 60 + u[2] + k[1] * 60 + k[2]) * hz }' "$f.times" 2>/dev/null)
  [[ -n $w1 ]] || w1=NaN
  o1=$(origin_count)
  local rps p50 p99 non2xx serr
  read -r rps p50 p99 non2xx serr < <(awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { non = $NF }
    /Socket errors:/ { gsub(",", ""); serr = $4 + $6 + $8 + $10 }
    END { print (rps == "" ? "NaN" : rps), (p50 == "" ? "NaN" : p50), (p99 == "" ? "NaN" : p99), non + 0, serr + 0 }' "$f")
  local cpu_s cpu_w cpu_o
  cpu_s=$(cpu_pct "$s0" "$s1" "$t0" "$t1")
  cpu_w=$(cpu_pct "$w0" "$w1" "$t0" "$t1")
  # everything else the machine ran meanwhile (other processes, the kernel outside our processes, steal)
  cpu_o=$(awk -v a="$b0" -v b="$b1" -v s0="$s0" -v s1="$s1" -v w0="$w0" -v w1="$w1" -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" \
    'BEGIN { if (s0 == "NaN" || s1 == "NaN" || w0 == "NaN" || w1 == "NaN") { print "NaN"; exit }
             o = (b - a - (s1 - s0) - (w1 - w0)) / hz / (t1 - t0) * 100; if (o < 0) o = 0; printf "%.0f", o }')
  local od="NaN"
  [[ $o0 != NaN && $o1 != NaN ]] && od=$((o1 - o0))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$server" "$scenario" "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" \
    "$non2xx" "$serr" "$od" "$cpu_s" "$cpu_w" "$cpu_o" >> "$OUT/results.tsv"
  log "  round $round $server $scenario: $rps req/s, p50 $p50, p99 $p99, non-2xx $non2xx, socket errors $serr, origin requests $od, CPU server ${cpu_s}% wrk ${cpu_w}% other ${cpu_o}%"
}

# ---------------------------------------------------------------- checks
burst() { # label path keys connections requests -> one line of key=value pairs, echoed
  local line b0 b1 t0 t1
  b0=$(busy_ticks); t0=$(date +%s.%N)
  line=$("${CLI[@]}" java -cp "$OUT/classes" Burst --port "$PORT" --label "$1" --path "$2" --keys "$3" \
    --connections "$4" --requests "$5" --timeout-ms 30000 2>> "$OUT/logs/burst.log")
  b1=$(busy_ticks); t1=$(date +%s.%N)
  # how busy both CPUs were meanwhile (the bench's own processes included), in % of one core
  echo "$line machine_busy_pct=$(awk -v a="$b0" -v b="$b1" -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", (b - a) / hz / (t1 - t0) * 100 }')"
}

herd_and_down() { # server
  local server=$1 i key line before after
  log "checks on $server: herd ($HERD_RUNS x $HERD_REQUESTS requests, origin delay ${HERD_DELAY_MS}ms) and upstream down"
  for ((i = 1; i <= HERD_RUNS; i++)); do
    key=$((900000 + i))
    origin "config?delay=$HERD_DELAY_MS&maxAge=600"
    origin reset
    line=$(burst herd "/herd/products/$key" 1 "$HERD_REQUESTS" "$HERD_REQUESTS")
    sleep 0.2
    after=$(origin_count)
    printf '%s\therd\t%s\torigin_requests=%s delay_ms=%s %s\n' "$server" "$i" "$after" "$HERD_DELAY_MS" "$line" >> "$OUT/checks.tsv"
    log "  herd run $i: origin requests $after; $line"
  done
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
    echo "wrk=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "jvm_opts=$JVM_OPTS"
    echo "nice=$NICE"
    echo "git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'no commit'), $(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) changed paths"
    echo "knobs=WARMUP=$WARMUP NGINX_WARMUP=$NGINX_WARMUP DURATION=$DURATION ROUNDS=$ROUNDS CONNECTIONS=$CONNECTIONS KEYS=$KEYS HERD_REQUESTS=$HERD_REQUESTS HERD_DELAY_MS=$HERD_DELAY_MS HERD_RUNS=$HERD_RUNS DOWN_REQUESTS=$DOWN_REQUESTS DOWN_CONNECTIONS=$DOWN_CONNECTIONS DOWN_KEYS=$DOWN_KEYS STALE_TTL_S=$STALE_TTL_S SERVER_CPU=$SERVER_CPU CLIENT_CPU=$CLIENT_CPU"
    echo "servers=$SERVERS"
    echo "herd_delay_ms=$HERD_DELAY_MS"
    echo "cmd_build=mvn ${MVN_ARGS:--q -B package -DskipTests} && javac -d bench/target/classes -cp target/wp-live-proxy.jar bench/src/*.java"
    echo "cmd_origin=taskset -c $CLIENT_CPU java -cp target/wp-live-proxy.jar:bench/target/classes Origin --port $ORIGIN_PORT --delay-ms 0 --max-age 600"
    echo "cmd_proxy=taskset -c $SERVER_CPU java $JVM_OPTS -jar target/wp-live-proxy.jar --config bench/target/proxy-throughput.yaml"
    echo "cmd_raw=taskset -c $SERVER_CPU java $JVM_OPTS -cp target/wp-live-proxy.jar:bench/target/classes RawServer --port $PORT"
    echo "cmd_nginx=taskset -c $SERVER_CPU nginx -p \$TMP/nginx -c \$TMP/nginx/nginx.conf (config copied to bench/target/nginx.conf)"
    echo "cmd_warmup=taskset -c $CLIENT_CPU wrk -t1 -c$CONNECTIONS -d${WARMUP}s -s bench/wrk/random-keys.lua ... (NGINX: ${NGINX_WARMUP}s), then 1 s on the hot key"
    echo "cmd_hot=taskset -c $CLIENT_CPU $WRK_HOT"
    echo "cmd_random=$WRK_RANDOM (pinned with taskset -c $CLIENT_CPU)"
    echo "cmd_herd=taskset -c $CLIENT_CPU java -cp bench/target/classes Burst --port $PORT --path /herd/products/900001 --connections $HERD_REQUESTS --requests $HERD_REQUESTS (origin delay ${HERD_DELAY_MS} ms; proxy config bench/target/proxy-checks.yaml, after a ${WARMUP}s JIT warm-up on other keys)"
    echo "cmd_down=Burst --path '/stale/products/{k}' --keys $DOWN_KEYS --connections $DOWN_CONNECTIONS --requests $DOWN_KEYS (prime, origin max-age ${STALE_TTL_S}s, route ttl ${STALE_TTL_S}s + staleIfError 1h), kill the origin, sleep $((STALE_TTL_S + 1)) s, then --requests $DOWN_REQUESTS"
  } > "$m"
}

report() {
  local md=$1
  java "${HELPER_JVM[@]}" -cp "$CP" Report --out "$OUT" --results-md "$md" --elapsed "$(( $(date +%s) - START_TS ))"
}

# ---------------------------------------------------------------- modes
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
  local servers; read -r -a servers <<< "$SERVERS"
  local n=${#servers[@]} r i s
  for ((r = 1; r <= ROUNDS; r++)); do
    for ((i = 0; i < n; i++)); do
      s=${servers[$(((i + r - 1) % n))]}
      log "round $r/$ROUNDS: $s"
      wait_quiet
      start_server "$s"
      echo "cmd_${s}_actual=$SERVER_CMD" >> "$OUT/meta.env"
      if [[ $s == nginx ]]; then warm_up "$NGINX_WARMUP"; else warm_up "$WARMUP"; fi
      measure "$r" "$s" hot
      measure "$r" "$s" random
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
          stop_server ;;
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
  local target=${PROFILE_TARGET:-proxy} prof=${PROFILE_SECONDS:-30} scenario=${PROFILE_SCENARIO:-hot}
  local jfr=$OUT/$target-$scenario.jfr
  rm -f "$jfr"
  wait_quiet
  EXTRA_JVM_OPTS="-XX:StartFlightRecording=delay=${WARMUP}s,duration=${prof}s,settings=profile,filename=$jfr" start_server "$target"
  log "profiling $target: ${WARMUP}s warm-up, then ${prof}s of the $scenario load under JFR"
  warm_up "$WARMUP"
  if [[ $scenario == hot ]]; then
    "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$((prof + 2))"s --latency "http://127.0.0.1:$PORT/products/1" | tee "$OUT/logs/profile-$target-$scenario-wrk.txt"
  else
    KEYS=$KEYS KEY_PREFIX=/products/ "${CLI[@]}" wrk -t1 -c"$CONNECTIONS" -d"$((prof + 2))"s --latency \
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
