<?php
/**
 * Template "list": one <li> per item, its name (or title, summary, label, id) then its fields.
 *
 * Copy this file to your-theme/wplp/list.php to change it. Escape everything you print.
 *
 * @package WP_Live_Proxy
 *
 * @var array    $wplp_result  Result of wplp_get(): data, meta, x_cache, age, stale, source, …
 * @var array[]  $wplp_items   The items to show.
 * @var string[] $wplp_fields  Field names to show after the label.
 * @var array    $wplp_atts    Shortcode attributes.
 * @var string   $wplp_classes Wrapper CSS classes (unescaped).
 */

defined( 'ABSPATH' ) || exit;

$wplp_note = WPLP_Shortcode::stale_note( $wplp_result );
?>
<div class="<?php echo esc_attr( $wplp_classes ); ?>" data-wplp-source="<?php echo esc_attr( $wplp_result['source'] ); ?>" data-wplp-cache="<?php echo esc_attr( (string) $wplp_result['x_cache'] ); ?>" data-wplp-stale="<?php echo esc_attr( $wplp_result['stale'] ? '1' : '0' ); ?>" data-wplp-age="<?php echo esc_attr( (string) $wplp_result['age'] ); ?>">
<?php if ( '' !== $wplp_note ) : ?>
	<p class="wplp-stale-note"><?php echo esc_html( $wplp_note ); ?></p>
<?php endif; ?>
<?php if ( ! $wplp_items ) : ?>
	<p class="wplp-empty"><?php esc_html_e( 'Nothing to show right now.', 'wp-live-proxy' ); ?></p>
<?php else : ?>
	<ul class="wplp-items">
<?php foreach ( $wplp_items as $wplp_item ) : ?>
<?php $wplp_label = WPLP_Util::label_key( $wplp_item ); ?>
		<li class="wplp-item"<?php echo isset( $wplp_item['id'] ) && is_scalar( $wplp_item['id'] ) ? ' data-wplp-id="' . esc_attr( (string) $wplp_item['id'] ) . '"' : ''; ?>>
			<span class="wplp-label"><?php echo esc_html( null !== $wplp_label ? WPLP_Util::format_value( $wplp_item[ $wplp_label ] ) : '' ); ?></span>
<?php foreach ( $wplp_fields as $wplp_field ) : ?>
<?php if ( $wplp_field !== $wplp_label && array_key_exists( $wplp_field, $wplp_item ) ) : ?>
			<span class="wplp-field wplp-field-<?php echo esc_attr( WPLP_Util::css_token( $wplp_field ) ); ?>"><span class="wplp-key"><?php echo esc_html( $wplp_field ); ?>:</span> <?php echo esc_html( WPLP_Util::format_value( $wplp_item[ $wplp_field ] ) ); ?></span>
<?php endif; ?>
<?php endforeach; ?>
		</li>
<?php endforeach; ?>
	</ul>
<?php endif; ?>
</div>
