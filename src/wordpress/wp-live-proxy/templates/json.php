<?php
/**
 * Template "json": the data as pretty-printed JSON, for debugging a route or a theme.
 *
 * Copy this file to your-theme/wplp/json.php to change it. Escape everything you print.
 *
 * @package WP_Live_Proxy
 *
 * @var array  $wplp_result  Result of wplp_get(): data, meta, x_cache, age, stale, source, …
 * @var string $wplp_classes Wrapper CSS classes (unescaped).
 */

defined( 'ABSPATH' ) || exit;

$wplp_note = WPLP_Shortcode::stale_note( $wplp_result );
$wplp_json = wp_json_encode(
	array(
		'data' => $wplp_result['data'],
		'meta' => $wplp_result['meta'],
	),
	JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
);
?>
<div class="<?php echo esc_attr( $wplp_classes ); ?>" data-wplp-source="<?php echo esc_attr( $wplp_result['source'] ); ?>" data-wplp-cache="<?php echo esc_attr( (string) $wplp_result['x_cache'] ); ?>" data-wplp-stale="<?php echo esc_attr( $wplp_result['stale'] ? '1' : '0' ); ?>" data-wplp-age="<?php echo esc_attr( (string) $wplp_result['age'] ); ?>">
<?php if ( '' !== $wplp_note ) : ?>
	<p class="wplp-stale-note"><?php echo esc_html( $wplp_note ); ?></p>
<?php endif; ?>
	<pre class="wplp-json"><code><?php echo esc_html( (string) $wplp_json ); ?></code></pre>
</div>
