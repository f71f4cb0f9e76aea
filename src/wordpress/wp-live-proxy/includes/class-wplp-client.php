<?php
/**
 * The proxy client behind wplp_get().
 *
 * @package WP_Live_Proxy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Sends GET requests to the proxy, memoizes them for the page view and falls back to the
 * last-known-good copy when the proxy is unreachable or failing.
 */
class WPLP_Client {

	/**
	 * Largest body accepted from the proxy, in bytes.
	 */
	const MAX_BODY = 5242880;

	/**
	 * Settings: proxy_url, api_key, timeout.
	 *
	 * @var array
	 */
	private $settings;

	/**
	 * Last-known-good store.
	 *
	 * @var WPLP_Store
	 */
	private $store;

	/**
	 * Performs the HTTP request: callable( $url, $args ) returning a response array or WP_Error.
	 *
	 * @var callable
	 */
	private $transport;

	/**
	 * Returns the current Unix time.
	 *
	 * @var callable
	 */
	private $clock;

	/**
	 * Answers already fetched in this page view, by request key.
	 *
	 * @var array
	 */
	private $memo = array();

	/**
	 * Creates a client.
	 *
	 * @param array         $settings  Keys proxy_url, api_key, timeout (see WPLP_Settings::get()).
	 * @param WPLP_Store    $store     Last-known-good store.
	 * @param callable|null $transport HTTP GET; wp_safe_remote_get() when null.
	 * @param callable|null $clock     Unix time; time() when null.
	 */
	public function __construct( array $settings, WPLP_Store $store, $transport = null, $clock = null ) {
		$this->settings  = $settings;
		$this->store     = $store;
		$this->transport = $transport ? $transport : 'wp_safe_remote_get';
		$this->clock     = $clock ? $clock : 'time';
	}

	/**
	 * Fetches a path from the proxy.
	 *
	 * @param string $path  Path on the proxy, such as '/api/inventory/products'.
	 * @param array  $query Query parameters.
	 * @return array|WP_Error See wplp_get().
	 */
	public function get( $path, $query = array() ) {
		$split = WPLP_Util::split_path( $path, $query );
		if ( null === $split ) {
			return new WP_Error( 'wplp_bad_path', __( 'The path must start with a single "/" and stay on the proxy.', 'wp-live-proxy' ) );
		}
		list( $path, $query ) = $split;
		$key                  = WPLP_Util::cache_key( $path, $query );
		if ( ! isset( $this->memo[ $key ] ) ) {
			$this->memo[ $key ] = $this->fetch( $path, $query, $key );
		}
		return $this->memo[ $key ];
	}

	/**
	 * Forgets the answers memoized in this page view.
	 */
	public function reset() {
		$this->memo = array();
	}

	/**
	 * One request to the proxy, with the fallback.
	 *
	 * @param string $path  Encoded path.
	 * @param array  $query Sorted query.
	 * @param string $key   Request key.
	 * @return array|WP_Error
	 */
	private function fetch( $path, array $query, $key ) {
		$base = isset( $this->settings['proxy_url'] ) ? (string) $this->settings['proxy_url'] : '';
		if ( '' === $base ) {
			return $this->fallback(
				$key,
				new WP_Error( 'wplp_not_configured', __( 'No proxy URL is configured (WPLP_PROXY_URL).', 'wp-live-proxy' ) )
			);
		}

		$request_id = wp_generate_uuid4();
		$headers    = array(
			'Accept'       => 'application/json',
			'X-Request-Id' => $request_id,
		);
		if ( ! empty( $this->settings['api_key'] ) ) {
			$headers['X-Api-Key'] = (string) $this->settings['api_key'];
		}
		$args = array(
			'timeout'             => WPLP_Util::sanitize_timeout( isset( $this->settings['timeout'] ) ? $this->settings['timeout'] : 3 ),
			'redirection'         => 0,
			'headers'             => $headers,
			'user-agent'          => 'wp-live-proxy/' . WPLP_VERSION,
			'limit_response_size' => self::MAX_BODY,
		);
		/**
		 * Filters the arguments of a request to the proxy.
		 *
		 * @param array  $args HTTP API arguments.
		 * @param string $path Path on the proxy.
		 * @param array  $query Query parameters.
		 */
		$args = apply_filters( 'wplp_request_args', $args, $path, $query );
		$url  = WPLP_Util::build_url( $base, $path, $query );

		$response = call_user_func( $this->transport, $url, $args );
		if ( is_wp_error( $response ) ) {
			return $this->fallback(
				$key,
				new WP_Error(
					'wplp_unreachable',
					/* translators: %s: the HTTP API's error message. */
					sprintf( __( 'The proxy could not be reached: %s', 'wp-live-proxy' ), $response->get_error_message() ),
					array( 'request_id' => $request_id )
				)
			);
		}

		$status = (int) wp_remote_retrieve_response_code( $response );
		$body   = (string) wp_remote_retrieve_body( $response );
		if ( $status < 200 || $status >= 300 ) {
			$error = $this->http_error( $status, $body, $request_id );
			return WPLP_Util::is_transient_status( $status ) ? $this->fallback( $key, $error ) : $error;
		}

		$parsed = WPLP_Util::parse_body( $body );
		if ( null === $parsed ) {
			return $this->fallback(
				$key,
				new WP_Error(
					'wplp_bad_body',
					__( 'The proxy answered with a body that is not JSON.', 'wp-live-proxy' ),
					array(
						'status'     => $status,
						'request_id' => $request_id,
					)
				)
			);
		}

		$x_cache = WPLP_Util::x_cache( wp_remote_retrieve_header( $response, 'x-cache' ) );
		$echoed  = wp_remote_retrieve_header( $response, 'x-request-id' );
		$result  = array(
			'data'       => $parsed['data'],
			'meta'       => $parsed['meta'],
			'x_cache'    => $x_cache,
			'age'        => WPLP_Util::parse_age( wp_remote_retrieve_header( $response, 'age' ) ),
			'stale'      => 'STALE' === $x_cache,
			'source'     => 'proxy',
			'status'     => $status,
			'request_id' => is_string( $echoed ) && '' !== $echoed ? $echoed : $request_id,
			'stored_at'  => null,
			'error'      => null,
		);
		$this->store->save( $key, $result, (int) call_user_func( $this->clock ) );
		return $result;
	}

	/**
	 * The error for a non-2xx answer, with the proxy's error code and message when it sent them.
	 *
	 * @param int    $status     HTTP status.
	 * @param string $body       Body.
	 * @param string $request_id Request id sent.
	 * @return WP_Error
	 */
	private function http_error( $status, $body, $request_id ) {
		$proxy_error = WPLP_Util::parse_error( $body );
		$message     = '' !== $proxy_error['message']
			/* translators: 1: HTTP status, 2: the proxy's error message. */
			? sprintf( __( 'The proxy answered %1$d: %2$s', 'wp-live-proxy' ), $status, $proxy_error['message'] )
			/* translators: %d: HTTP status. */
			: sprintf( __( 'The proxy answered %d.', 'wp-live-proxy' ), $status );
		return new WP_Error(
			'' !== $proxy_error['code'] ? 'wplp_' . preg_replace( '/[^a-z0-9_]/', '', strtolower( $proxy_error['code'] ) ) : 'wplp_http_' . $status,
			$message,
			array(
				'status'     => $status,
				'request_id' => $request_id,
			)
		);
	}

	/**
	 * The last-known-good copy flagged stale, or the error when there is none.
	 *
	 * @param string   $key   Request key.
	 * @param WP_Error $error Why the proxy could not answer.
	 * @return array|WP_Error
	 */
	private function fallback( $key, WP_Error $error ) {
		/**
		 * Fires when a request to the proxy failed in a way that the last-known-good copy covers.
		 *
		 * @param WP_Error $error Why.
		 * @param string   $key   Path and query.
		 */
		do_action( 'wplp_request_failed', $error, $key );

		$copy = $this->store->load( $key );
		if ( null === $copy ) {
			return $error;
		}
		$now = (int) call_user_func( $this->clock );
		return array(
			'data'       => $copy['data'],
			'meta'       => is_array( $copy['meta'] ) ? $copy['meta'] : array(),
			'x_cache'    => null,
			'age'        => max( 0, $now - (int) $copy['stored_at'] ) + (int) $copy['age'],
			'stale'      => true,
			'source'     => 'last-known-good',
			'status'     => null,
			'request_id' => null,
			'stored_at'  => (int) $copy['stored_at'],
			'error'      => $error,
		);
	}
}
