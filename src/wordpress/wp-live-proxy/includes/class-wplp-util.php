<?php
/**
 * Pure helpers: no WordPress function is called here, so the unit tests run them as they are.
 *
 * @package WP_Live_Proxy
 */

defined( 'ABSPATH' ) || exit;

/**
 * URL building, answer parsing and value formatting for the proxy client and the templates.
 */
final class WPLP_Util {

	/**
	 * Keys that hold the list of items when an answer is not yet in the normalized envelope.
	 *
	 * @var string[]
	 */
	const LIST_KEYS = array( 'data', 'items', 'results', 'value', 'records', 'products', 'listings', 'events' );

	/**
	 * Item keys tried, in order, for the human label of an item.
	 *
	 * @var string[]
	 */
	const LABEL_KEYS = array( 'name', 'title', 'summary', 'label', 'id' );

	/**
	 * Validates a proxy base URL: http(s), a host, no credentials, query or fragment.
	 *
	 * @param mixed $url Raw value.
	 * @return string The URL without a trailing slash, or '' when it is not acceptable.
	 */
	public static function sanitize_base_url( $url ) {
		if ( ! is_string( $url ) ) {
			return '';
		}
		$url = trim( $url );
		if ( '' === $url || preg_match( '/[\s\x00-\x1f\x7f]/', $url ) ) {
			return '';
		}
		$parts = parse_url( $url ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- pure helper, no WordPress loaded in unit tests.
		if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
			return '';
		}
		if ( ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
			return '';
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			return '';
		}
		return rtrim( $url, '/' );
	}

	/**
	 * The host of a proxy base URL, lower case, without IPv6 brackets.
	 *
	 * @param string $base_url A URL accepted by sanitize_base_url().
	 * @return string
	 */
	public static function host_of( $base_url ) {
		$host = parse_url( (string) $base_url, PHP_URL_HOST ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
		return is_string( $host ) ? strtolower( trim( $host, '[]' ) ) : '';
	}

	/**
	 * The port of a proxy base URL, the scheme's default when none is written.
	 *
	 * @param string $base_url A URL accepted by sanitize_base_url().
	 * @return int
	 */
	public static function port_of( $base_url ) {
		$parts = parse_url( (string) $base_url ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
		if ( ! empty( $parts['port'] ) ) {
			return (int) $parts['port'];
		}
		return ( isset( $parts['scheme'] ) && 'https' === strtolower( $parts['scheme'] ) ) ? 443 : 80;
	}

	/**
	 * Clamps a timeout to 0.5 … 30 seconds; anything unreadable becomes the default 3.
	 *
	 * @param mixed $value Raw value.
	 * @return float
	 */
	public static function sanitize_timeout( $value ) {
		if ( ! is_numeric( $value ) ) {
			return 3.0;
		}
		return (float) max( 0.5, min( 30.0, (float) $value ) );
	}

	/**
	 * Splits a theme-supplied path into a clean path and the query to send.
	 *
	 * The path is relative to the proxy: it must start with one '/', and may not contain '..'
	 * segments, a scheme, backslashes, control characters or a fragment (spaces are encoded). A query string in the
	 * path is merged with $query ($query wins). Segments are percent-encoded once.
	 *
	 * @param mixed $path  Path such as '/api/inventory/products?page=2'.
	 * @param mixed $query Query parameters.
	 * @return array|null array( path, query ) with the query sorted by name, or null when invalid.
	 */
	public static function split_path( $path, $query = array() ) {
		if ( ! is_string( $path ) || '' === $path || '/' !== $path[0] || 0 === strpos( $path, '//' ) ) {
			return null;
		}
		if ( preg_match( '/[\x00-\x1f\x7f\\\\#]/', $path ) ) {
			return null;
		}
		$path_query = array();
		$qpos       = strpos( $path, '?' );
		if ( false !== $qpos ) {
			parse_str( substr( $path, $qpos + 1 ), $path_query );
			$path = substr( $path, 0, $qpos );
		}
		$segments = explode( '/', $path );
		foreach ( $segments as $i => $segment ) {
			$decoded = rawurldecode( $segment );
			if ( '.' === $decoded || '..' === $decoded ) {
				return null;
			}
			$segments[ $i ] = rawurlencode( $decoded );
		}
		$query = is_array( $query ) ? $query : array();
		$query = array_merge( $path_query, $query );
		foreach ( $query as $name => $value ) {
			if ( null === $value || '' === $value ) {
				unset( $query[ $name ] );
			} elseif ( is_bool( $value ) ) {
				$query[ $name ] = $value ? 'true' : 'false';
			}
		}
		ksort( $query );
		return array( implode( '/', $segments ), $query );
	}

	/**
	 * Joins the proxy base URL, a path from split_path() and its query.
	 *
	 * @param string $base  Proxy base URL (may carry a path prefix).
	 * @param string $path  Encoded path.
	 * @param array  $query Query parameters.
	 * @return string
	 */
	public static function build_url( $base, $path, array $query ) {
		$url = rtrim( $base, '/' ) . $path;
		if ( $query ) {
			$url .= '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 );
		}
		return $url;
	}

	/**
	 * The key under which an answer is memoized and kept as the last-known-good copy.
	 *
	 * @param string $path  Encoded path.
	 * @param array  $query Sorted query.
	 * @return string
	 */
	public static function cache_key( $path, array $query ) {
		return $query ? $path . '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 ) : $path;
	}

	/**
	 * Decodes an answer body into data and meta.
	 *
	 * The normalized envelope is {"data": …, "meta": {…}}. A body without a "data" key (a route
	 * without normalization) is data as a whole, with empty meta.
	 *
	 * @param string $body Raw body.
	 * @return array|null array( 'data' => mixed, 'meta' => array ), or null when it is not JSON.
	 */
	public static function parse_body( $body ) {
		if ( ! is_string( $body ) || '' === trim( $body ) ) {
			return null;
		}
		$decoded = json_decode( $body, true );
		if ( null === $decoded && JSON_ERROR_NONE !== json_last_error() ) {
			return null;
		}
		if ( is_array( $decoded ) && array_key_exists( 'data', $decoded ) ) {
			return array(
				'data' => $decoded['data'],
				'meta' => ( isset( $decoded['meta'] ) && is_array( $decoded['meta'] ) ) ? $decoded['meta'] : array(),
			);
		}
		return array(
			'data' => $decoded,
			'meta' => array(),
		);
	}

	/**
	 * Reads the proxy's error JSON ({"error": {"status", "code", "message", …}}) if there is one.
	 *
	 * @param string $body Raw body.
	 * @return array Keys code and message, empty strings when the body is not the error shape.
	 */
	public static function parse_error( $body ) {
		$decoded = is_string( $body ) ? json_decode( $body, true ) : null;
		$error   = ( is_array( $decoded ) && isset( $decoded['error'] ) && is_array( $decoded['error'] ) ) ? $decoded['error'] : array();
		return array(
			'code'    => isset( $error['code'] ) && is_scalar( $error['code'] ) ? (string) $error['code'] : '',
			'message' => isset( $error['message'] ) && is_scalar( $error['message'] ) ? (string) $error['message'] : '',
		);
	}

	/**
	 * Whether an HTTP status from the proxy means "use the last-known-good copy".
	 *
	 * 5xx (upstream down, no stale copy at the proxy) and 429 (this site over its quota) are
	 * transient; other 4xx are answers about the request itself and are returned as errors.
	 *
	 * @param int $status HTTP status.
	 * @return bool
	 */
	public static function is_transient_status( $status ) {
		$status = (int) $status;
		return $status >= 500 || 429 === $status;
	}

	/**
	 * Normalizes an X-Cache header value: HIT, MISS, STALE, BYPASS, or null when absent.
	 *
	 * @param mixed $value Header value (a string, or an array when repeated).
	 * @return string|null
	 */
	public static function x_cache( $value ) {
		if ( is_array( $value ) ) {
			$value = reset( $value );
		}
		if ( ! is_string( $value ) || '' === trim( $value ) ) {
			return null;
		}
		$value = strtoupper( trim( $value ) );
		return preg_match( '/^[A-Z_-]{1,32}$/', $value ) ? $value : null;
	}

	/**
	 * Reads an Age header: whole seconds, null when absent or malformed.
	 *
	 * @param mixed $value Header value.
	 * @return int|null
	 */
	public static function parse_age( $value ) {
		if ( is_array( $value ) ) {
			$value = reset( $value );
		}
		if ( ! is_string( $value ) && ! is_int( $value ) ) {
			return null;
		}
		$value = trim( (string) $value );
		return preg_match( '/^\d{1,10}$/', $value ) ? (int) $value : null;
	}

	/**
	 * The state that /health/ready reports: UP, DEGRADED or DOWN.
	 *
	 * @param int    $status HTTP status of the answer.
	 * @param string $body   Its body.
	 * @return string
	 */
	public static function health_state( $status, $body ) {
		$decoded = is_string( $body ) ? json_decode( $body, true ) : null;
		$state   = ( is_array( $decoded ) && isset( $decoded['status'] ) && is_string( $decoded['status'] ) ) ? strtoupper( $decoded['status'] ) : '';
		if ( 200 === (int) $status ) {
			return in_array( $state, array( 'UP', 'DEGRADED' ), true ) ? $state : ( 'DOWN' === $state ? 'DOWN' : 'UP' );
		}
		return 'DOWN';
	}

	/**
	 * Shows the last four characters of a secret and nothing else.
	 *
	 * @param string $secret The secret.
	 * @return string '' when empty, '••••abcd' otherwise (only bullets when it is short).
	 */
	public static function mask_secret( $secret ) {
		$secret = (string) $secret;
		$length = strlen( $secret );
		if ( 0 === $length ) {
			return '';
		}
		$bullets = str_repeat( "\u{2022}", 8 );
		return $length < 12 ? $bullets : $bullets . substr( $secret, -4 );
	}

	/**
	 * Whether an array is a list (keys 0…n-1).
	 *
	 * @param mixed $value Value.
	 * @return bool
	 */
	public static function is_list( $value ) {
		return is_array( $value ) && array_keys( $value ) === range( 0, count( $value ) - 1 );
	}

	/**
	 * The items a template iterates over.
	 *
	 * A list is used as it is; an object that holds a list under a usual key (a raw vendor body)
	 * gives that list; any other object is one item; scalars and null give no item.
	 *
	 * @param mixed $data Decoded data.
	 * @return array[] Items, each an array.
	 */
	public static function items( $data ) {
		if ( ! is_array( $data ) || array() === $data ) {
			return array();
		}
		if ( ! self::is_list( $data ) ) {
			foreach ( self::LIST_KEYS as $key ) {
				if ( isset( $data[ $key ] ) && self::is_list( $data[ $key ] ) ) {
					return self::items( $data[ $key ] );
				}
			}
			return array( $data );
		}
		$items = array();
		foreach ( $data as $item ) {
			$items[] = is_array( $item ) ? $item : array( 'value' => $item );
		}
		return $items;
	}

	/**
	 * The key of an item's label: the first of name, title, summary, label, id that it has.
	 *
	 * @param array $item Item.
	 * @return string|null
	 */
	public static function label_key( array $item ) {
		foreach ( self::LABEL_KEYS as $key ) {
			if ( isset( $item[ $key ] ) && is_scalar( $item[ $key ] ) && '' !== (string) $item[ $key ] ) {
				return $key;
			}
		}
		return null;
	}

	/**
	 * The fields shown for items: the requested ones, or every key of the first items in order.
	 *
	 * @param array[]      $items     Items.
	 * @param string|array $requested Comma-separated or array of field names; empty for all.
	 * @param string[]     $skip      Keys left out of the automatic list.
	 * @return string[]
	 */
	public static function fields( array $items, $requested = '', array $skip = array() ) {
		if ( is_string( $requested ) ) {
			$requested = '' === trim( $requested ) ? array() : explode( ',', $requested );
		}
		$fields = array();
		foreach ( (array) $requested as $field ) {
			$field = trim( (string) $field );
			if ( '' !== $field && ! in_array( $field, $fields, true ) ) {
				$fields[] = $field;
			}
		}
		if ( $fields ) {
			return $fields;
		}
		foreach ( array_slice( $items, 0, 20 ) as $item ) {
			foreach ( array_keys( $item ) as $key ) {
				$key = (string) $key;
				if ( ! in_array( $key, $fields, true ) && ! in_array( $key, $skip, true ) ) {
					$fields[] = $key;
				}
			}
		}
		return $fields;
	}

	/**
	 * Turns a value into display text (the caller escapes it).
	 *
	 * @param mixed $value Value.
	 * @return string
	 */
	public static function format_value( $value ) {
		if ( null === $value ) {
			return '';
		}
		if ( is_bool( $value ) ) {
			return $value ? 'yes' : 'no';
		}
		if ( is_float( $value ) ) {
			return (string) json_encode( $value ); // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode -- pure helper.
		}
		if ( is_scalar( $value ) ) {
			return (string) $value;
		}
		if ( self::is_list( $value ) && count( array_filter( $value, 'is_scalar' ) ) === count( $value ) ) {
			return implode( ', ', array_map( array( __CLASS__, 'format_value' ), $value ) );
		}
		return (string) json_encode( $value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ); // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode -- pure helper.
	}

	/**
	 * A template name from a shortcode attribute: lower-case letters, digits, '-' and '_'.
	 *
	 * @param mixed $name Raw name.
	 * @return string '' when invalid.
	 */
	public static function template_name( $name ) {
		$name = is_string( $name ) ? strtolower( trim( $name ) ) : '';
		return preg_match( '/^[a-z0-9][a-z0-9_-]{0,63}$/', $name ) ? $name : '';
	}

	/**
	 * A CSS class fragment from a field name.
	 *
	 * @param string $name Field name.
	 * @return string
	 */
	public static function css_token( $name ) {
		$token = strtolower( preg_replace( '/[^A-Za-z0-9_-]+/', '-', (string) $name ) );
		return trim( $token, '-' );
	}
}
