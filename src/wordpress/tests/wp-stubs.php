<?php
/**
 * Minimal stand-ins for the WordPress functions the plugin calls. State lives in
 * $GLOBALS['wplp_test'] and WPLP_Test_State::reset() clears it between tests.
 *
 * phpcs:disable WordPress.NamingConventions, Squiz.Commenting, Generic.Files.OneObjectStructurePerFile
 *
 * @package WP_Live_Proxy
 */

/**
 * Shared state of the stubs.
 */
final class WPLP_Test_State {
	public static function reset() {
		$GLOBALS['wplp_test'] = array(
			'options'         => array(),
			'autoload'        => array(),
			'option_writes'   => 0,
			'actions'         => array(),
			'filters'         => array(),
			'settings_errors' => array(),
			'can'             => false,
			'theme_templates' => array(),
		);
	}
}
WPLP_Test_State::reset();

class WP_Error {
	private $code;
	private $message;
	private $data;

	public function __construct( $code = '', $message = '', $data = '' ) {
		$this->code    = $code;
		$this->message = $message;
		$this->data    = $data;
	}

	public function get_error_code() {
		return $this->code;
	}

	public function get_error_message() {
		return $this->message;
	}

	public function get_error_data() {
		return $this->data;
	}
}

function is_wp_error( $thing ) {
	return $thing instanceof WP_Error;
}

function __( $text, $domain = 'default' ) {
	return $text;
}

function esc_html__( $text, $domain = 'default' ) {
	return esc_html( $text );
}

function esc_html_e( $text, $domain = 'default' ) {
	echo esc_html( $text );
}

function esc_html( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}

function esc_attr( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}

function esc_url( $url ) {
	return htmlspecialchars( (string) $url, ENT_QUOTES, 'UTF-8' );
}

function wp_json_encode( $data, $options = 0, $depth = 512 ) {
	return json_encode( $data, $options, $depth );
}

function wp_generate_uuid4() {
	return sprintf( '%08x-0000-4000-8000-%012x', mt_rand(), mt_rand() );
}

function absint( $value ) {
	return abs( (int) $value );
}

function sanitize_text_field( $text ) {
	return trim( preg_replace( '/[\r\n\t ]+/', ' ', strip_tags( (string) $text ) ) );
}

function sanitize_html_class( $class ) {
	return preg_replace( '|%[a-fA-F0-9][a-fA-F0-9]|', '', preg_replace( '/[^A-Za-z0-9_-]/', '', (string) $class ) );
}

function shortcode_atts( $pairs, $atts, $shortcode = '' ) {
	$out = array();
	foreach ( $pairs as $name => $default ) {
		$out[ $name ] = array_key_exists( $name, (array) $atts ) ? $atts[ $name ] : $default;
	}
	return $out;
}

function human_time_diff( $from, $to ) {
	$seconds = abs( $to - $from );
	return $seconds < 60 ? $seconds . ' secs' : (int) round( $seconds / 60 ) . ' mins';
}

function plugin_dir_path( $file ) {
	return rtrim( dirname( $file ), '/' ) . '/';
}

function plugin_basename( $file ) {
	return basename( dirname( $file ) ) . '/' . basename( $file );
}

function admin_url( $path = '' ) {
	return 'http://example.test/wp-admin/' . ltrim( $path, '/' );
}

function is_admin() {
	return false;
}

function current_user_can( $capability ) {
	return ! empty( $GLOBALS['wplp_test']['can'] );
}

function locate_template( $names ) {
	foreach ( (array) $names as $name ) {
		if ( isset( $GLOBALS['wplp_test']['theme_templates'][ $name ] ) ) {
			return $GLOBALS['wplp_test']['theme_templates'][ $name ];
		}
	}
	return '';
}

function add_filter( $tag, $callback, $priority = 10, $args = 1 ) {
	$GLOBALS['wplp_test']['filters'][ $tag ][] = $callback;
	return true;
}

function add_action( $tag, $callback, $priority = 10, $args = 1 ) {
	return add_filter( $tag, $callback, $priority, $args );
}

function add_shortcode( $tag, $callback ) {
}

/**
 * Filters registered by tests run; the plugin's own registrations (made at load) are not.
 */
function apply_filters( $tag, $value, ...$args ) {
	return $value;
}

function do_action( $tag, ...$args ) {
	$GLOBALS['wplp_test']['actions'][] = array( $tag, $args );
}

function get_option( $name, $default = false ) {
	return array_key_exists( $name, $GLOBALS['wplp_test']['options'] ) ? $GLOBALS['wplp_test']['options'][ $name ] : $default;
}

function update_option( $name, $value, $autoload = null ) {
	$GLOBALS['wplp_test']['options'][ $name ]  = $value;
	$GLOBALS['wplp_test']['autoload'][ $name ] = $autoload;
	++$GLOBALS['wplp_test']['option_writes'];
	return true;
}

function add_settings_error( $setting, $code, $message, $type = 'error' ) {
	$GLOBALS['wplp_test']['settings_errors'][] = $code;
}

function wp_remote_retrieve_response_code( $response ) {
	return isset( $response['response']['code'] ) ? $response['response']['code'] : '';
}

function wp_remote_retrieve_body( $response ) {
	return isset( $response['body'] ) ? $response['body'] : '';
}

function wp_remote_retrieve_header( $response, $header ) {
	$header = strtolower( $header );
	return isset( $response['headers'][ $header ] ) ? $response['headers'][ $header ] : '';
}
