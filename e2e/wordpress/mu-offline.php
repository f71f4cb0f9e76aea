<?php
/**
 * Must-use plugin of the end-to-end test: this machine reaches no WordPress.org, so the admin's
 * update checks are switched off (each would log a PHP warning about the failed connection).
 *
 * @package WP_Live_Proxy
 */

remove_action( 'admin_init', '_maybe_update_core' );
remove_action( 'admin_init', '_maybe_update_plugins' );
remove_action( 'admin_init', '_maybe_update_themes' );
remove_action( 'wp_version_check', 'wp_version_check' );
remove_action( 'wp_update_plugins', 'wp_update_plugins' );
remove_action( 'wp_update_themes', 'wp_update_themes' );
add_filter( 'pre_site_transient_update_core', '__return_null' );
