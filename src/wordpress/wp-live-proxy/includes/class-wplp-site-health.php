<?php
/**
 * Site Health test: the proxy's /health/ready.
 *
 * @package WP_Live_Proxy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reports the proxy as UP, DEGRADED or DOWN in Tools → Site Health.
 */
final class WPLP_Site_Health {

	/**
	 * Test id.
	 */
	const TEST = 'wplp_proxy_ready';

	/**
	 * Hooks the test in.
	 */
	public static function init() {
		add_filter( 'site_status_tests', array( __CLASS__, 'register' ) );
	}

	/**
	 * Adds the test to the direct tests.
	 *
	 * @param array $tests Tests.
	 * @return array
	 */
	public static function register( $tests ) {
		$tests['direct'][ self::TEST ] = array(
			'label' => __( 'wp-live-proxy readiness', 'wp-live-proxy' ),
			'test'  => array( __CLASS__, 'run' ),
		);
		return $tests;
	}

	/**
	 * Asks the proxy for /health/ready.
	 *
	 * @param array         $settings  Settings (proxy_url, timeout).
	 * @param callable|null $transport HTTP GET; wp_safe_remote_get() when null.
	 * @return array Keys configured (bool), state (UP, DEGRADED or DOWN), message (text), checks (array).
	 */
	public static function check( array $settings, $transport = null ) {
		$base = isset( $settings['proxy_url'] ) ? (string) $settings['proxy_url'] : '';
		if ( '' === $base ) {
			return array(
				'configured' => false,
				'state'      => 'DOWN',
				'message'    => __( 'No proxy URL is configured: define WPLP_PROXY_URL in wp-config.php or fill in Settings → WP Live Proxy.', 'wp-live-proxy' ),
				'checks'     => array(),
			);
		}
		$url      = $base . '/health/ready';
		$response = call_user_func(
			$transport ? $transport : 'wp_safe_remote_get',
			$url,
			array(
				'timeout'     => WPLP_Util::sanitize_timeout( isset( $settings['timeout'] ) ? $settings['timeout'] : 3 ),
				'redirection' => 0,
				'headers'     => array(
					'Accept'       => 'application/json',
					'X-Request-Id' => wp_generate_uuid4(),
				),
			)
		);
		if ( is_wp_error( $response ) ) {
			return array(
				'configured' => true,
				'state'      => 'DOWN',
				/* translators: 1: URL, 2: error message. */
				'message'    => sprintf( __( '%1$s could not be reached: %2$s', 'wp-live-proxy' ), $url, $response->get_error_message() ),
				'checks'     => array(),
			);
		}
		$status  = (int) wp_remote_retrieve_response_code( $response );
		$body    = (string) wp_remote_retrieve_body( $response );
		$decoded = json_decode( $body, true );
		$checks  = ( is_array( $decoded ) && isset( $decoded['checks'] ) && is_array( $decoded['checks'] ) ) ? $decoded['checks'] : array();
		$state   = WPLP_Util::health_state( $status, $body );
		return array(
			'configured' => true,
			'state'      => $state,
			/* translators: 1: URL, 2: HTTP status, 3: UP, DEGRADED or DOWN, 4: details. */
			'message'    => sprintf( __( '%1$s answered %2$d (%3$s). %4$s', 'wp-live-proxy' ), $url, $status, $state, self::describe( $checks ) ),
			'checks'     => $checks,
		);
	}

	/**
	 * One line about the checks: Redis state and each upstream's circuit.
	 *
	 * @param array $checks The "checks" object of /health/ready.
	 * @return string
	 */
	public static function describe( array $checks ) {
		$parts = array();
		if ( isset( $checks['redis'] ) && is_scalar( $checks['redis'] ) ) {
			$parts[] = 'Redis: ' . $checks['redis'];
		}
		if ( isset( $checks['upstreams'] ) && is_array( $checks['upstreams'] ) ) {
			$upstreams = array();
			foreach ( $checks['upstreams'] as $name => $state ) {
				$upstreams[] = $name . ' ' . ( is_scalar( $state ) ? $state : wp_json_encode( $state ) );
			}
			if ( $upstreams ) {
				$parts[] = 'upstreams: ' . implode( ', ', $upstreams );
			}
		}
		return $parts ? implode( '; ', $parts ) . '.' : '';
	}

	/**
	 * The Site Health result.
	 *
	 * @return array
	 */
	public static function run() {
		$check  = self::check( WPLP_Settings::get() );
		$status = array(
			'UP'       => 'good',
			'DEGRADED' => 'recommended',
			'DOWN'     => 'critical',
		);
		if ( ! $check['configured'] ) {
			$label  = __( 'wp-live-proxy is not configured', 'wp-live-proxy' );
			$result = 'recommended';
		} else {
			/* translators: %s: UP, DEGRADED or DOWN. */
			$label  = sprintf( __( 'wp-live-proxy is %s', 'wp-live-proxy' ), $check['state'] );
			$result = $status[ $check['state'] ];
		}
		$explain = array(
			'UP'       => __( 'The proxy is ready: live data on this site comes from its cache.', 'wp-live-proxy' ),
			'DEGRADED' => __( 'The proxy still serves, but Redis is unreachable or an upstream circuit is open: some data may be stale.', 'wp-live-proxy' ),
			'DOWN'     => __( 'The proxy is not ready. Pages show the last-known-good copies this site kept, flagged stale, until it is back.', 'wp-live-proxy' ),
		);
		return array(
			'label'       => $label,
			'status'      => $result,
			'badge'       => array(
				'label' => __( 'Performance', 'wp-live-proxy' ),
				'color' => 'blue',
			),
			'description' => sprintf( '<p>%s</p><p>%s</p>', esc_html( $explain[ $check['state'] ] ), esc_html( $check['message'] ) ),
			'actions'     => sprintf(
				'<p><a href="%s">%s</a></p>',
				esc_url( admin_url( 'options-general.php?page=' . WPLP_Admin::PAGE ) ),
				esc_html__( 'WP Live Proxy settings', 'wp-live-proxy' )
			),
			'test'        => self::TEST,
		);
	}
}
