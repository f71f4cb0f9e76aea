<?php
/**
 * The [wplp] shortcode.
 *
 * @package WP_Live_Proxy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Renders proxy data with a template: list, table, json, or one of the theme's (wplp/NAME.php).
 */
final class WPLP_Shortcode {

	/**
	 * Shortcode tag.
	 */
	const TAG = 'wplp';

	/**
	 * Attributes and their defaults.
	 *
	 * @var array
	 */
	const DEFAULTS = array(
		'path'     => '',
		'template' => 'list',
		'per_page' => '',
		'page'     => '',
		'query'    => '',
		'fields'   => '',
		'class'    => '',
	);

	/**
	 * Registers the shortcode.
	 */
	public static function init() {
		add_shortcode( self::TAG, array( __CLASS__, 'render' ) );
	}

	/**
	 * Shortcode callback.
	 *
	 * @param array|string $atts    Attributes.
	 * @param string|null  $content Enclosed content (unused).
	 * @param string       $tag     Tag.
	 * @return string HTML.
	 */
	public static function render( $atts, $content = null, $tag = self::TAG ) {
		$atts  = shortcode_atts( self::DEFAULTS, is_array( $atts ) ? $atts : array(), $tag );
		$query = self::query( $atts );
		$data  = wplp_get( (string) $atts['path'], $query );
		if ( is_wp_error( $data ) ) {
			return self::error_html( $data );
		}
		$template = WPLP_Util::template_name( $atts['template'] );
		$file     = self::locate( '' !== $template ? $template : 'list' );
		if ( '' === $file ) {
			$template = 'list';
			$file     = self::locate( $template );
		}
		return self::render_file( $file, $template, $data, $atts );
	}

	/**
	 * The query sent for the attributes: query="a=1&b=2" plus per_page and page.
	 *
	 * @param array $atts Attributes after shortcode_atts().
	 * @return array
	 */
	public static function query( array $atts ) {
		$query = array();
		if ( '' !== trim( (string) $atts['query'] ) ) {
			parse_str( html_entity_decode( (string) $atts['query'], ENT_QUOTES, 'UTF-8' ), $query );
		}
		foreach ( array( 'per_page', 'page' ) as $name ) {
			if ( '' !== trim( (string) $atts[ $name ] ) ) {
				$query[ $name ] = (string) absint( $atts[ $name ] );
			}
		}
		return $query;
	}

	/**
	 * The template file: the theme's wplp/NAME.php first, then the plugin's templates/NAME.php.
	 *
	 * @param string $template Template name (already validated).
	 * @return string Path, or '' when there is none.
	 */
	public static function locate( $template ) {
		$file = locate_template( array( 'wplp/' . $template . '.php' ) );
		if ( '' === $file ) {
			$bundled = WPLP_PLUGIN_DIR . 'templates/' . $template . '.php';
			$file    = is_readable( $bundled ) ? $bundled : '';
		}
		/**
		 * Filters the template file used by the shortcode.
		 *
		 * @param string $file     Path, or '' when none was found.
		 * @param string $template Template name.
		 */
		return (string) apply_filters( 'wplp_template_file', $file, $template );
	}

	/**
	 * Renders a template file. It sees $wplp_result, $wplp_items, $wplp_fields, $wplp_atts and
	 * $wplp_classes, and must escape everything it prints.
	 *
	 * @param string $file     Template path.
	 * @param string $template Template name.
	 * @param array  $result   Result of wplp_get().
	 * @param array  $atts     Attributes.
	 * @return string HTML.
	 */
	public static function render_file( $file, $template, array $result, array $atts ) {
		$wplp_result  = $result;
		$wplp_items   = WPLP_Util::items( $result['data'] );
		$wplp_atts    = $atts;
		$wplp_classes = self::classes( $template, $result, (string) $atts['class'] );
		$skip         = array();
		if ( 'list' === $template && $wplp_items ) {
			$skip = array_filter( array( 'id', WPLP_Util::label_key( $wplp_items[0] ) ) );
		}
		$wplp_fields = WPLP_Util::fields( $wplp_items, (string) $atts['fields'], $skip );
		ob_start();
		include $file;
		return (string) ob_get_clean();
	}

	/**
	 * CSS classes of the wrapper: wplp, wplp-TEMPLATE, wplp-stale when the data is stale, and the
	 * class attribute's own.
	 *
	 * @param string $template Template name.
	 * @param array  $result   Result of wplp_get().
	 * @param string $extra    Classes from the class attribute.
	 * @return string Unescaped; print with esc_attr().
	 */
	public static function classes( $template, array $result, $extra = '' ) {
		$classes = array( 'wplp', 'wplp-' . $template );
		if ( ! empty( $result['stale'] ) ) {
			$classes[] = 'wplp-stale';
		}
		foreach ( preg_split( '/\s+/', trim( $extra ) ) as $class ) {
			$class = sanitize_html_class( $class );
			if ( '' !== $class ) {
				$classes[] = $class;
			}
		}
		return implode( ' ', array_unique( $classes ) );
	}

	/**
	 * The note shown over data from the last-known-good copy, '' for live data.
	 *
	 * @param array $result Result of wplp_get().
	 * @return string Unescaped text.
	 */
	public static function stale_note( array $result ) {
		if ( empty( $result['source'] ) || 'last-known-good' !== $result['source'] ) {
			return '';
		}
		$age = isset( $result['age'] ) ? (int) $result['age'] : 0;
		return sprintf(
			/* translators: %s: a time span such as "5 mins". */
			__( 'Live data is unavailable right now; this is a saved copy from %s ago.', 'wp-live-proxy' ),
			human_time_diff( 0, max( 1, $age ) )
		);
	}

	/**
	 * What a page shows when there is no data at all: a short notice; its reason only for
	 * administrators.
	 *
	 * @param WP_Error $error Error.
	 * @return string HTML.
	 */
	public static function error_html( WP_Error $error ) {
		$html = sprintf(
			'<div class="wplp wplp-error" role="status" data-wplp-error="%s"><p>%s</p>',
			esc_attr( (string) $error->get_error_code() ),
			esc_html__( 'Live data is temporarily unavailable.', 'wp-live-proxy' )
		);
		if ( current_user_can( 'manage_options' ) ) {
			$html .= sprintf( '<p class="wplp-error-detail"><code>%s</code></p>', esc_html( $error->get_error_message() ) );
		}
		$html .= '</div>';
		/**
		 * Filters the HTML shown instead of the data when there is none.
		 *
		 * @param string   $html  HTML.
		 * @param WP_Error $error Error.
		 */
		return (string) apply_filters( 'wplp_error_html', $html, $error );
	}
}
