#!/usr/bin/env bash
# End-to-end test of the WordPress plugin (src/wordpress/wp-live-proxy) with a real WordPress
# (Debian's package), the local MariaDB and the proxy jar with its demo upstreams.
#
#   bash e2e/wordpress/run.sh [PROXY_JAR]      (or PROXY_JAR=… ; default target/wp-live-proxy.jar)
#   WPLP_E2E_ARTIFACTS=DIR keeps the fetched pages and the logs in DIR.
#
# It installs what is missing (wordpress php-cli php-mysql php-curl phpunit, and mariadb-server
# when no MariaDB is there), starts MariaDB if it is not running, installs WordPress in a temp
# docroot with a fresh database, activates the plugin, creates a page with [wplp], serves it with
# `php -S` and starts the proxy. Then it fetches the page over HTTP and checks:
#   - the demo inventory items are rendered, X-Cache MISS then HIT;
#   - demo upstream down → the page still renders them (the proxy serves STALE);
#   - proxy stopped → the page renders them from the plugin's last-known-good copy, marked stale;
#   - no PHP warning or error in any page, the debug log or the server log.
# Everything it started (processes, temp dir, database, MariaDB if it started it) is cleaned up.
# The last line is "N passed, M failed"; the exit code is 0 only when nothing failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
proxy_jar=${1:-${PROXY_JAR:-$root/target/wp-live-proxy.jar}}
[[ "$proxy_jar" = /* ]] || proxy_jar="$PWD/$proxy_jar"

passed=0
failed=0
work=""
db_name=""
php_pid=""
proxy_pid=""
started_mariadb=0
t0=$SECONDS

log() { printf '[e2e +%ss] %s\n' "$((SECONDS - t0))" "$*"; }
pass() { passed=$((passed + 1)); printf 'PASS: %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
check() { # check DESCRIPTION COMMAND...: PASS when the command succeeds
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

show_logs() {
  [ -n "$work" ] || return 0
  local f
  for f in "$work/proxy.log" "$work/php-server.log" "$work/debug.log"; do
    if [ -s "$f" ]; then
      echo "----- last lines of $(basename "$f") -----"
      tail -n 25 "$f"
    fi
  done
}

summary_and_exit() {
  [ "$failed" -eq 0 ] || show_logs
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}

die() { # a setup step failed: nothing after it can be checked
  fail "$*"
  summary_and_exit
}

db() { # db SQL: runs one statement as root on 127.0.0.1:3306
  php -d display_errors=stderr -r '
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    $c = new mysqli("127.0.0.1", "root", "", "", 3306);
    $c->query($argv[1]);' -- "$1"
}

db_up() {
  php -r 'mysqli_report(MYSQLI_REPORT_OFF); exit(@mysqli_connect("127.0.0.1", "root", "", "", 3306) ? 0 : 1);' 2>/dev/null
}

cleanup() {
  local rc=$?
  set +e
  trap - ERR
  if [ -n "${WPLP_E2E_ARTIFACTS:-}" ] && [ -n "$work" ]; then # keep the pages and logs for a look
    mkdir -p "$WPLP_E2E_ARTIFACTS" && cp "$work"/*.html "$work"/*.log "$WPLP_E2E_ARTIFACTS/" 2>/dev/null
  fi
  if [ -n "$php_pid" ]; then kill "$php_pid" 2>/dev/null; wait "$php_pid" 2>/dev/null; fi
  if [ -n "$proxy_pid" ]; then kill "$proxy_pid" 2>/dev/null; wait "$proxy_pid" 2>/dev/null; fi
  if [ -n "$db_name" ]; then db "DROP DATABASE IF EXISTS \`$db_name\`" >/dev/null 2>&1; fi
  if [ "$started_mariadb" = 1 ]; then
    start-stop-daemon --stop --quiet --retry 30 --pidfile "$mariadb_pidfile" --exec /usr/sbin/mariadbd
    rm -f "$mariadb_pidfile"
  fi
  if [ -n "$work" ]; then rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "FAIL: unexpected error at line $LINENO: $BASH_COMMAND" >&2' ERR

# ---------------------------------------------------------------------------------------------
# Packages
need=()
for pkg in wordpress php-cli php-mysql php-curl phpunit; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || need+=("$pkg")
done
if ! db_up 2>/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
  need+=(mariadb-server)
fi
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]}"
  [ "$(id -u)" = 0 ] || die "missing packages ${need[*]} (run as root, or install them)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi
for cmd in php phpunit java curl; do
  command -v "$cmd" >/dev/null || die "$cmd is not installed"
done

# ---------------------------------------------------------------------------------------------
# Static checks and unit tests of the plugin
work=$(mktemp -d "${TMPDIR:-/tmp}/wplp-e2e.XXXXXX")
log "php -l and phpunit"
if bash "$here/unit.sh" >"$work/unit.log" 2>&1; then
  pass "plugin: php -l on every file, phpunit $(grep -Eo 'OK \([0-9]+ tests, [0-9]+ assertions' "$work/unit.log" | tr -d '(' || true)"
else
  cat "$work/unit.log"
  fail "plugin: php -l and phpunit"
fi

# ---------------------------------------------------------------------------------------------
# MariaDB and a fresh database
mariadb_pidfile="${TMPDIR:-/tmp}/wplp-e2e-mariadb.$$.pid"
if ! db_up; then
  log "starting MariaDB"
  install -d -o mysql -g mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --make-pidfile --pidfile "$mariadb_pidfile" --exec /usr/sbin/mariadbd
  started_mariadb=1
  for _ in $(seq 1 60); do db_up && break; sleep 0.5; done
  db_up || die "MariaDB did not come up on 127.0.0.1:3306"
fi
db_name="wplp_e2e_$(date +%s)_$$"
db "CREATE DATABASE \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

# Three free loopback ports, held at once so they differ: WordPress, proxy, demo upstreams.
read -r wp_port proxy_port demo_port < <(php -r '
  $s = array(); $p = array();
  for ($i = 0; $i < 3; $i++) { $s[] = $x = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($x, false); $p[] = substr($n, strrpos($n, ":") + 1); }
  echo implode(" ", $p), "\n";')
client_key="e2e-$(php -r 'echo bin2hex(random_bytes(12));')"
wp_url="http://127.0.0.1:$wp_port"
proxy_url="http://127.0.0.1:$proxy_port"
demo_url="http://127.0.0.1:$demo_port"

# ---------------------------------------------------------------------------------------------
# WordPress in a temp docroot (Debian's wp-config.php reads /etc/wordpress: ours replaces it)
log "WordPress docroot in $work"
docroot="$work/wordpress"
mkdir -p "$docroot"
tar -C /usr/share/wordpress --exclude=./wp-content/languages -cf - . | tar -C "$docroot" -xf -
rm -f "$docroot/wp-config.php"
mkdir -p "$docroot/wp-content/uploads"
cp -a "$root/src/wordpress/wp-live-proxy" "$docroot/wp-content/plugins/"
mkdir -p "$docroot/wp-content/mu-plugins"
cp "$here/mu-offline.php" "$docroot/wp-content/mu-plugins/"
{
  echo '<?php'
  echo '// Written by e2e/wordpress/run.sh.'
  echo "define( 'DB_NAME', '$db_name' );"
  echo "define( 'DB_USER', 'root' );"
  echo "define( 'DB_PASSWORD', '' );"
  echo "define( 'DB_HOST', '127.0.0.1:3306' );"
  echo "define( 'DB_CHARSET', 'utf8mb4' );"
  echo "define( 'DB_COLLATE', '' );"
  php -r 'foreach (array("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT") as $k) { echo "define( \x27$k\x27, \x27", bin2hex(random_bytes(32)), "\x27 );\n"; }'
  echo "\$table_prefix = 'wp_';"
  echo "define( 'WP_HOME', '$wp_url' );"
  echo "define( 'WP_SITEURL', '$wp_url' );"
  echo "define( 'WP_DEBUG', true );"
  echo "define( 'WP_DEBUG_LOG', '$work/debug.log' );"
  echo "define( 'WP_DEBUG_DISPLAY', false );"
  echo "define( 'DISABLE_WP_CRON', true );"
  echo "define( 'AUTOMATIC_UPDATER_DISABLED', true );"
  echo "define( 'WP_HTTP_BLOCK_EXTERNAL', true );"
  echo "define( 'WPLP_PROXY_URL', '$proxy_url' );"
  echo "define( 'WPLP_API_KEY', '$client_key' );"
  echo "if ( ! defined( 'ABSPATH' ) ) {"
  echo "	define( 'ABSPATH', __DIR__ . '/' );"
  echo "}"
  echo "require_once ABSPATH . 'wp-settings.php';"
} >"$docroot/wp-config.php"

log "wp_install()"
admin_password=$(php -r 'echo bin2hex(random_bytes(12));')
WPLP_E2E_ADMIN_PASSWORD=$admin_password php "$here/wp-setup.php" install "$docroot" >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; die "WordPress install"; }
page_id=$(php "$here/wp-setup.php" configure "$docroot" 2>"$work/setup.log") || { cat "$work/setup.log"; die "plugin activation and page creation"; }
pass "WordPress installed, plugin activated, page $page_id has the [wplp] shortcode"

log "php -S on $wp_url"
php -S "127.0.0.1:$wp_port" -t "$docroot" >"$work/php-server.log" 2>&1 &
php_pid=$!
for _ in $(seq 1 50); do curl -sf -o /dev/null "$wp_url/readme.html" && break; sleep 0.2; done

page_n=0
fetch_page() { # fetch_page: GETs the page into $work/page-N.html, sets $page and $page_status
  page_n=$((page_n + 1))
  page="$work/page-$page_n.html"
  page_status=$(curl -sS -m 30 -o "$page" -w '%{http_code}' "$wp_url/?page_id=$page_id" 2>>"$work/curl.log" || true)
}
has() { grep -qF -- "$1" "$page"; }
count() { grep -oF -- "$1" "$page" | wc -l; }
has_all_names() { # every name in $names is in the page
  local n
  [ -n "$names" ] || return 1
  while IFS= read -r n; do grep -qF -- "$n" "$page" || { echo "  missing: $n"; return 1; }; done <<<"$names"
}

# ---------------------------------------------------------------------------------------------
# 0. No proxy yet and no saved copy: a notice, not a fatal error
fetch_page
check "no proxy and no saved copy: HTTP $page_status, the page shows the 'unavailable' notice" \
  eval '[ "$page_status" = 200 ] && has "class=\"wplp wplp-error\"" && has "data-wplp-error=\"wplp_unreachable\"" && has "Live data is temporarily unavailable."'

# ---------------------------------------------------------------------------------------------
# The proxy with its demo upstreams
[ -f "$proxy_jar" ] || die "proxy jar $proxy_jar not found (build it with: mvn -q -B package -DskipTests)"
log "starting the proxy on $proxy_url (demo upstreams on $demo_url)"
WPLP_E2E_PROXY_PORT=$proxy_port WPLP_E2E_DEMO_PORT=$demo_port WPLP_E2E_CLIENT_KEY=$client_key \
  java -jar "$proxy_jar" --config "$here/proxy-e2e.yaml" >"$work/proxy.log" 2>&1 &
proxy_pid=$!
ready=""
for _ in $(seq 1 120); do
  ready=$(curl -s -o /dev/null -w '%{http_code}' "$proxy_url/health/ready" || true)
  [ "$ready" = 200 ] && break
  kill -0 "$proxy_pid" 2>/dev/null || break
  sleep 0.25
done
[ "$ready" = 200 ] || die "proxy ready on $proxy_url/health/ready (got '$ready')"
log "proxy ready"
health=$(php "$here/wp-setup.php" health "$docroot" 2>&1 || true)
check "Site Health test with the proxy up: $health" eval '[[ "$health" == "good wp-live-proxy is UP" ]]'

# The settings page, as an administrator: the key is never printed back, the check works
curl -sS -m 30 -o /dev/null -c "$work/cookies" -b 'wordpress_test_cookie=WP%20Cookie%20check' \
  --data-urlencode "log=admin" --data-urlencode "pwd=$admin_password" --data-urlencode "testcookie=1" \
  --data-urlencode "redirect_to=$wp_url/wp-admin/" "$wp_url/wp-login.php" 2>>"$work/curl.log" || true
page_n=$((page_n + 1))
page="$work/page-$page_n.html"
page_status=$(curl -sS -m 30 -b "$work/cookies" -o "$page" -w '%{http_code}' \
  "$wp_url/wp-admin/options-general.php?page=wp-live-proxy" 2>>"$work/curl.log" || true)
check "settings page (HTTP $page_status) shows the proxy URL and only the last 4 characters of the key" \
  eval '[ "$page_status" = 200 ] && has "<code id=\"wplp_proxy_url\">$proxy_url</code>" && has "${client_key: -4}</code>" && ! has "$client_key"'
form_nonce=$(grep -o 'name="_wpnonce" value="[^"]*"' "$page" | head -n 1 | sed -e 's/.*value="//' -e 's/"$//' || true)
saved=$(curl -sS -m 30 -b "$work/cookies" -o /dev/null -w '%{http_code} %{redirect_url}' \
  --data-urlencode "option_page=wplp" --data-urlencode "action=update" --data-urlencode "_wpnonce=$form_nonce" \
  --data-urlencode "_wp_http_referer=/wp-admin/options-general.php?page=wp-live-proxy" \
  --data-urlencode "wplp_settings[timeout]=2.5" "$wp_url/wp-admin/options.php" 2>>"$work/curl.log" || true)
page_n=$((page_n + 1))
page="$work/page-$page_n.html"
page_status=$(curl -sS -m 30 -b "$work/cookies" -o "$page" -w '%{http_code}' \
  "$wp_url/wp-admin/options-general.php?page=wp-live-proxy&settings-updated=true" 2>>"$work/curl.log" || true)
check "settings form (nonce, sanitize callback) saves the timeout: $saved" \
  eval '[[ "$saved" == "302 "*settings-updated=true* ]] && has "id=\"wplp_timeout\" name=\"wplp_settings[timeout]\" value=\"2.5\"" && has "Settings saved."'
check_link=$(grep -o 'href="[^"]*wplp_check=1[^"]*"' "$page" | head -n 1 | sed -e 's/^href="//' -e 's/"$//' -e 's/&amp;/\&/g' -e 's/&#038;/\&/g' || true)
page_n=$((page_n + 1))
page="$work/page-$page_n.html"
page_status=$(curl -sS -m 30 -b "$work/cookies" -o "$page" -w '%{http_code}' "$check_link" 2>>"$work/curl.log" || true)
check "settings page connection check (nonce link, HTTP $page_status) reports UP" \
  eval '[ -n "$check_link" ] && [ "$page_status" = 200 ] && has "<strong>UP</strong>"'
page_n=$((page_n + 1))
page="$work/page-$page_n.html"
page_status=$(curl -sS -m 30 -b "$work/cookies" -o "$page" -w '%{http_code}' "${check_link%%_wpnonce=*}_wpnonce=forged" 2>>"$work/curl.log" || true)
check "the connection check refuses a forged nonce (HTTP $page_status)" eval '[ "$page_status" = 403 ] && ! has "<strong>UP</strong>"'

# ---------------------------------------------------------------------------------------------
# 1. The items, MISS then HIT
t_page1=$(date +%s.%N)
fetch_page
t_stored=$(date +%s.%N) # the proxy stored the entry before page 1 was complete
page1=$page
page1_status=$page_status
fetch_page
page2=$page
log "two page views in $(php -r 'printf("%.2f", microtime(true) - $argv[1]);' -- "$t_page1")s (the route's ttl is 5s)"
curl -sS -m 10 -D "$work/direct.headers" -o "$work/direct.json" -H "X-Api-Key: $client_key" \
  "$proxy_url/api/inventory/products?per_page=5" || true
names=$(php -r '
  $d = json_decode((string) file_get_contents($argv[1]), true);
  $list = is_array($d) && array_key_exists("data", $d) ? $d["data"] : (isset($d["products"]) ? $d["products"] : $d);
  foreach ((array) $list as $item) {
    $n = isset($item["name"]) ? $item["name"] : (isset($item["title"]) ? $item["title"] : null);
    if (is_string($n) && $n !== "") { echo htmlspecialchars($n, ENT_QUOTES, "UTF-8"), "\n"; }
  }' -- "$work/direct.json")
log "the proxy's items: $(echo "$names" | paste -sd ',' -)"
page=$page1
check "page 1 (HTTP $page1_status) renders the $(echo "$names" | grep -c . || true) demo items of /api/inventory/products?per_page=5" \
  eval '[ "$page1_status" = 200 ] && has "class=\"wplp wplp-list\"" && has "class=\"wplp wplp-table\"" && has_all_names'
check "page 1: X-Cache MISS for both shortcodes (one request per page view)" \
  eval '[ "$(count "data-wplp-cache=\"MISS\"")" = 2 ] && ! has "data-wplp-cache=\"HIT\""'
page=$page2
check "page 2: X-Cache HIT, same items" \
  eval '[ "$(count "data-wplp-cache=\"HIT\"")" = 2 ] && has_all_names && has "data-wplp-source=\"proxy\""'
check "proxy answers the plugin's query with X-Cache HIT and an Age header" \
  eval 'grep -qi "^x-cache: HIT" "$work/direct.headers" && grep -qi "^age: [0-9]" "$work/direct.headers"'
upstream_calls=$(curl -s "$demo_url/__demo/inventory/stats" | php -r '$d = json_decode(stream_get_contents(STDIN), true); echo isset($d["requests"]) ? $d["requests"] : "?";')
check "the demo upstream saw one request for two page views ($upstream_calls)" eval '[ "$upstream_calls" = 1 ]'
no_key=$(curl -s -o /dev/null -w '%{http_code}' "$proxy_url/api/inventory/products?per_page=5" || true)
check "the proxy refuses the same request without the client key (HTTP $no_key), so the plugin's key got through" \
  eval '[ "$no_key" = 401 ]'

# ---------------------------------------------------------------------------------------------
# 2. Demo upstream down: the proxy serves its stale copy
mode=$(curl -sS -m 10 -X POST "$demo_url/__demo/inventory/mode" -d '{"mode":"down"}' || true)
log "demo inventory: $mode"
# the route's ttl is 5s: wait until the entry stored during page 1 is no longer fresh
sleep "$(php -r 'printf("%.2f", max(0, 5.5 - (microtime(true) - $argv[1])));' -- "$t_stored")"
fetch_page
check "upstream down: the page (HTTP $page_status) still renders the items, X-Cache STALE from the proxy" \
  eval '[ "$page_status" = 200 ] && has_all_names && has "data-wplp-cache=\"STALE\"" && has "data-wplp-source=\"proxy\"" && ! has "wplp-error"'

# ---------------------------------------------------------------------------------------------
# 3. Proxy stopped: the plugin's last-known-good copy, marked stale
log "stopping the proxy"
kill -TERM "$proxy_pid"
proxy_rc=0
wait "$proxy_pid" || proxy_rc=$?
proxy_pid=""
log "proxy exited with $proxy_rc"
fetch_page
check "proxy stopped: the page (HTTP $page_status) renders the items from the last-known-good copy" \
  eval '[ "$page_status" = 200 ] && has_all_names && has "data-wplp-source=\"last-known-good\"" && ! has "wplp-error"'
check "proxy stopped: the output carries the stale marker (wplp-stale class, data-wplp-stale, note)" \
  eval 'has "wplp-stale\"" && has "data-wplp-stale=\"1\"" && has "class=\"wplp-stale-note\""'
health=$(php "$here/wp-setup.php" health "$docroot" 2>&1 || true)
check "Site Health test with the proxy stopped: $health" eval '[[ "$health" == "critical wp-live-proxy is DOWN" ]]'

# ---------------------------------------------------------------------------------------------
# 4. Uninstall removes the settings and the saved copies
before=$(php "$here/wp-setup.php" options "$docroot" 2>&1 || true)
after=$(php "$here/wp-setup.php" uninstall "$docroot" 2>&1 || true)
check "the saved copies are options with autoload off ($before); uninstall removes them all ($after)" \
  eval '[[ "$before" == "settings=1 copies=1 autoloaded_copies=0" && "$after" == "settings=0 copies=0 autoloaded_copies=0" ]]'

# ---------------------------------------------------------------------------------------------
# 5. No PHP warning or error anywhere
php_problems='(PHP )?(Warning|Fatal error|Parse error|Notice|Recoverable fatal error|Uncaught)[: ]|<b>(Warning|Notice|Fatal error)</b>'
check "no PHP warning or error in the $page_n pages" eval '! grep -Eq "$php_problems" "$work"/page-*.html'
check "no PHP warning or error in the debug log" eval '! grep -Eq "$php_problems" "$work/debug.log" 2>/dev/null'
check "no PHP warning or error in the php -S log" eval '! grep -Eq "PHP ($php_problems)" "$work/php-server.log"'
check "no PHP deprecation notice from the plugin in the debug log" \
  eval '! grep -E "PHP Deprecated" "$work/debug.log" 2>/dev/null | grep -q "plugins/wp-live-proxy/"'
if grep -q '\[wp-live-proxy\]' "$work/debug.log" 2>/dev/null; then
  log "the plugin's diagnostics in the debug log:"
  grep '\[wp-live-proxy\]' "$work/debug.log" | sed 's/^/    /'
fi

log "done in $((SECONDS - t0))s"
summary_and_exit
