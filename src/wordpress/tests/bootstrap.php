<?php
/**
 * PHPUnit bootstrap: loads the plugin with the few WordPress functions it calls stubbed here,
 * so its pure parts and its logic run without a WordPress install or a database.
 *
 * @package WP_Live_Proxy
 */

define( 'ABSPATH', __DIR__ . '/' );

require __DIR__ . '/wp-stubs.php';
require __DIR__ . '/helpers.php';
require dirname( __DIR__ ) . '/wp-live-proxy/wp-live-proxy.php';
