<?php
/**
 * Removes the plugin's options: its settings and every last-known-good copy, on every site.
 *
 * @package WP_Live_Proxy
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/**
 * Deletes the options of the current site.
 */
function wplp_uninstall_site() {
	global $wpdb;
	delete_option( 'wplp_settings' );
	$names = $wpdb->get_col( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one-off cleanup, options are looked up by prefix.
		$wpdb->prepare(
			"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s",
			$wpdb->esc_like( 'wplp_lkg_' ) . '%'
		)
	);
	foreach ( $names as $name ) {
		delete_option( $name );
	}
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $wplp_site_id ) {
		switch_to_blog( $wplp_site_id );
		wplp_uninstall_site();
		restore_current_blog();
	}
} else {
	wplp_uninstall_site();
}
