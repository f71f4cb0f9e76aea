<?php
/**
 * Plugin Name:       WP Live Proxy
 * Description:       Live data from slow or rate-limited APIs through wp-live-proxy: a PHP API for themes (wplp_get()), the [wplp] shortcode, a Site Health test, and a last-known-good copy so a page never goes blank.
 * Version:           0.1.0
 * Requires at least: 5.9
 * Requires PHP:      7.4
 * Author:            wp-live-proxy contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       wp-live-proxy
 *
 * @package WP_Live_Proxy
 */

defined( 'ABSPATH' ) || exit;

define( 'WPLP_VERSION', '0.1.0' );
define( 'WPLP_PLUGIN_FILE', __FILE__ );
define( 'WPLP_PLUGIN_DIR', plugin_dir_path( __FILE__ ) );

require_once WPLP_PLUGIN_DIR . 'includes/class-wplp-util.php';
require_once WPLP_PLUGIN_DIR . 'includes/class-wplp-settings.php';
require_once WPLP_PLUGIN_DIR . 'includes/class-wplp-store.php';
require_once WPLP_PLUGIN_DIR . 'includes/class-wplp-client.php';
require_once WPLP_PLUGIN_DIR . 'includes/class-wplp-shortcode.php';
require_once WPLP_PLUGIN_DIR . 'includes/class-wplp-site-health.php';
require_once WPLP_PLUGIN_DIR . 'includes/class-wplp-admin.php';

/**
 * The client shared by every call in this page view (and so its memo).
 *
 * @param WPLP_Client|null $replace A client to use from now on (tests); null to keep the current one.
 * @return WPLP_Client
 */
function wplp_client( $replace = null ) {
	static $client = null;
	if ( null !== $replace ) {
		$client = $replace;
	} elseif ( null === $client ) {
		$client = new WPLP_Client( WPLP_Settings::get(), new WPLP_Store() );
	}
	return $client;
}

/**
 * Fetches live data from the proxy.
 *
 * Sends the client API key and an X-Request-Id; one request per path and query per page view.
 * Every successful answer is kept as the last-known-good copy, which is returned (stale =>
 * true, source => 'last-known-good') when the proxy is unreachable or answers 5xx or 429.
 *
 * @param string $path  Path on the proxy, such as '/api/inventory/products'.
 * @param array  $query Query parameters, such as array( 'per_page' => 5 ).
 * @return array|WP_Error On success an array with:
 *     - data       mixed       the envelope's "data" (the whole body when the route is not normalized);
 *     - meta       array       the envelope's "meta" (route, total, page, perPage, totalPages, fetchedAt);
 *     - x_cache    string|null the proxy's X-Cache (HIT, MISS, STALE, BYPASS), null for a saved copy;
 *     - age        int|null    the proxy's Age, or how old the saved copy is, in seconds;
 *     - stale      bool        true for X-Cache STALE and for the saved copy;
 *     - source     string      'proxy' or 'last-known-good';
 *     - status     int|null    HTTP status of the answer;
 *     - request_id string|null X-Request-Id of the request;
 *     - stored_at  int|null    when the saved copy was stored (Unix time);
 *     - error      WP_Error|null why the saved copy is shown.
 *   A WP_Error when the path is invalid, the proxy answered another 4xx, or it failed and
 *   there is no saved copy.
 */
function wplp_get( $path, $query = array() ) {
	return wplp_client()->get( $path, $query );
}

/**
 * Lets wp_safe_remote_get() reach the configured proxy when it is on loopback or a private
 * address (WordPress refuses those by default), and nothing else.
 *
 * @param bool   $external Whether the host is allowed so far.
 * @param string $host     Host of the requested URL.
 * @return bool
 */
function wplp_allow_proxy_host( $external, $host ) {
	$proxy = WPLP_Util::host_of( WPLP_Settings::get()['proxy_url'] );
	return ( '' !== $proxy && strtolower( trim( (string) $host, '.' ) ) === $proxy ) ? true : $external;
}
add_filter( 'http_request_host_is_external', 'wplp_allow_proxy_host', 10, 2 );

/**
 * Adds the proxy's port to the ports wp_safe_remote_get() accepts, for the proxy host only.
 *
 * @param int[]  $ports Allowed ports.
 * @param string $host  Host of the requested URL.
 * @return int[]
 */
function wplp_allow_proxy_port( $ports, $host ) {
	$url = WPLP_Settings::get()['proxy_url'];
	if ( '' !== $url && is_array( $ports ) && strtolower( trim( (string) $host, '.' ) ) === WPLP_Util::host_of( $url ) ) {
		$ports[] = WPLP_Util::port_of( $url );
	}
	return $ports;
}
add_filter( 'http_allowed_safe_ports', 'wplp_allow_proxy_port', 10, 2 );

/**
 * Writes a line to the debug log when a request failed (only with WP_DEBUG_LOG on).
 *
 * @param WP_Error $error Why.
 * @param string   $key   Path and query.
 */
function wplp_log_failure( $error, $key ) {
	if ( defined( 'WP_DEBUG' ) && WP_DEBUG && defined( 'WP_DEBUG_LOG' ) && WP_DEBUG_LOG && is_wp_error( $error ) ) {
		error_log( sprintf( '[wp-live-proxy] %s: %s (%s)', $key, $error->get_error_message(), $error->get_error_code() ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- opt-in diagnostics.
	}
}
add_action( 'wplp_request_failed', 'wplp_log_failure', 10, 2 );

add_action( 'init', array( 'WPLP_Shortcode', 'init' ) );
WPLP_Site_Health::init();
if ( is_admin() ) {
	WPLP_Admin::init();
}
