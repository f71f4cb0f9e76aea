<?php
/**
 * Template "table": one row per item, one column per field.
 *
 * Copy this file to your-theme/wplp/table.php to change it. Escape everything you print.
 *
 * @package WP_Live_Proxy
 *
 * @var array    $wplp_result  Result of wplp_get(): data, meta, x_cache, age, stale, source, …
 * @var array[]  $wplp_items   The items to show.
 * @var string[] $wplp_fields  Columns.
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
	<table class="wplp-table">
		<thead>
			<tr>
<?php foreach ( $wplp_fields as $wplp_field ) : ?>
				<th scope="col" class="wplp-field-<?php echo esc_attr( WPLP_Util::css_token( $wplp_field ) ); ?>"><?php echo esc_html( $wplp_field ); ?></th>
<?php endforeach; ?>
			</tr>
		</thead>
		<tbody>
<?php foreach ( $wplp_items as $wplp_item ) : ?>
			<tr class="wplp-item">
<?php foreach ( $wplp_fields as $wplp_field ) : ?>
				<td class="wplp-field-<?php echo esc_attr( WPLP_Util::css_token( $wplp_field ) ); ?>"><?php echo esc_html( WPLP_Util::format_value( isset( $wplp_item[ $wplp_field ] ) ? $wplp_item[ $wplp_field ] : null ) ); ?></td>
<?php endforeach; ?>
			</tr>
<?php endforeach; ?>
		</tbody>
	</table>
<?php endif; ?>
</div>
