<?php
/**
 * Settings: constants in wp-config.php win over the values saved on the settings page.
 *
 * @package WP_Live_Proxy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads and sanitizes the plugin's settings.
 */
final class WPLP_Settings {

	/**
	 * The option that holds the settings saved on the settings page.
	 */
	const OPTION = 'wplp_settings';

	/**
	 * The settings group used by the Settings API.
	 */
	const GROUP = 'wplp';

	/**
	 * Constant that overrides each setting.
	 *
	 * @var string[]
	 */
	const CONSTANTS = array(
		'proxy_url' => 'WPLP_PROXY_URL',
		'api_key'   => 'WPLP_API_KEY',
		'timeout'   => 'WPLP_TIMEOUT',
	);

	/**
	 * Default values.
	 *
	 * @var array
	 */
	const DEFAULTS = array(
		'proxy_url' => '',
		'api_key'   => '',
		'timeout'   => 3.0,
	);

	/**
	 * The effective settings.
	 *
	 * @return array Keys proxy_url (sanitized, '' when unset or invalid), api_key, timeout (seconds).
	 */
	public static function get() {
		$saved = get_option( self::OPTION, array() );
		$saved = is_array( $saved ) ? $saved : array();
		$out   = array();
		foreach ( self::DEFAULTS as $name => $default ) {
			if ( self::locked( $name ) ) {
				$out[ $name ] = constant( self::CONSTANTS[ $name ] );
			} else {
				$out[ $name ] = isset( $saved[ $name ] ) ? $saved[ $name ] : $default;
			}
		}
		$out['proxy_url'] = WPLP_Util::sanitize_base_url( $out['proxy_url'] );
		$out['api_key']   = is_scalar( $out['api_key'] ) ? trim( (string) $out['api_key'] ) : '';
		$out['timeout']   = WPLP_Util::sanitize_timeout( $out['timeout'] );
		return $out;
	}

	/**
	 * Whether a setting comes from its wp-config.php constant (and cannot be edited).
	 *
	 * @param string $name Setting name.
	 * @return bool
	 */
	public static function locked( $name ) {
		return isset( self::CONSTANTS[ $name ] ) && defined( self::CONSTANTS[ $name ] );
	}

	/**
	 * Registers the option with the Settings API.
	 */
	public static function register() {
		register_setting(
			self::GROUP,
			self::OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => array( __CLASS__, 'sanitize' ),
				'default'           => self::DEFAULTS,
				'show_in_rest'      => false,
			)
		);
	}

	/**
	 * Sanitize callback of the option.
	 *
	 * A blank API key field keeps the stored key (the page never prints it back); the
	 * "clear" box removes it. An invalid URL is refused with a settings error and the old one kept.
	 *
	 * @param mixed $input Submitted value.
	 * @return array
	 */
	public static function sanitize( $input ) {
		$input = is_array( $input ) ? $input : array();
		$old   = get_option( self::OPTION, array() );
		$old   = array_merge( self::DEFAULTS, is_array( $old ) ? $old : array() );
		$out   = $old;

		if ( isset( $input['proxy_url'] ) ) {
			$raw = trim( sanitize_text_field( (string) $input['proxy_url'] ) );
			$url = WPLP_Util::sanitize_base_url( $raw );
			if ( '' === $raw || '' !== $url ) {
				$out['proxy_url'] = $url;
			} else {
				add_settings_error( self::OPTION, 'wplp_proxy_url', __( 'The proxy URL must be an http:// or https:// address without credentials, query or fragment. The old value was kept.', 'wp-live-proxy' ) );
			}
		}

		if ( ! empty( $input['clear_api_key'] ) ) {
			$out['api_key'] = '';
		} elseif ( isset( $input['api_key'] ) && '' !== trim( (string) $input['api_key'] ) ) {
			$out['api_key'] = preg_replace( '/[^\x21-\x7e]/', '', (string) $input['api_key'] );
		}

		if ( isset( $input['timeout'] ) ) {
			$out['timeout'] = WPLP_Util::sanitize_timeout( $input['timeout'] );
		}

		return array_intersect_key( $out, self::DEFAULTS );
	}
}
