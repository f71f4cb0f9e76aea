<?php
/**
 * Sets up the end-to-end WordPress without WP-CLI.
 *
 *   php wp-setup.php install   DOCROOT       creates the tables and the admin user (wp_install());
 *                                            password from WPLP_E2E_ADMIN_PASSWORD, else random
 *   php wp-setup.php configure DOCROOT       activates wp-live-proxy, creates the shortcode page,
 *                                            prints its ID
 *   php wp-setup.php health    DOCROOT       prints the Site Health test's status and label
 *   php wp-setup.php options   DOCROOT       counts the plugin's options (settings, saved copies)
 *   php wp-setup.php uninstall DOCROOT       deactivates and uninstalls the plugin, then counts
 *
 * @package WP_Live_Proxy
 */

if ( PHP_SAPI !== 'cli' || $argc < 3 ) {
	fwrite( STDERR, "usage: php wp-setup.php install|configure|health|options|uninstall DOCROOT\n" );
	exit( 2 );
}

$wplp_command = $argv[1];
$wplp_docroot = rtrim( $argv[2], '/' );

// wp-settings.php reads these; WP_HOME in wp-config.php gives the real host.
$_SERVER['HTTP_HOST']       = '127.0.0.1';
$_SERVER['SERVER_NAME']     = '127.0.0.1';
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

if ( 'install' === $wplp_command ) {
	define( 'WP_INSTALLING', true );

	/**
	 * No mail server here: the "new site" e-mail is not sent.
	 */
	function wp_new_blog_notification() {
	}

	require $wplp_docroot . '/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	if ( is_blog_installed() ) {
		fwrite( STDERR, "already installed\n" );
		exit( 1 );
	}
	$wplp_password = getenv( 'WPLP_E2E_ADMIN_PASSWORD' );
	$wplp_result   = wp_install( 'wp-live-proxy e2e', 'admin', 'admin@example.invalid', false, '', $wplp_password ? $wplp_password : wp_generate_password( 24 ) );
	if ( empty( $wplp_result['user_id'] ) ) {
		fwrite( STDERR, "wp_install() failed\n" );
		exit( 1 );
	}
	echo 'installed ' . esc_url_raw( home_url( '/' ) ) . "\n";
	exit( 0 );
}

require $wplp_docroot . '/wp-load.php';

if ( 'configure' === $wplp_command ) {
	require_once ABSPATH . 'wp-admin/includes/plugin.php';
	$wplp_activated = activate_plugin( 'wp-live-proxy/wp-live-proxy.php' );
	if ( is_wp_error( $wplp_activated ) ) {
		fwrite( STDERR, 'activate_plugin: ' . $wplp_activated->get_error_message() . "\n" );
		exit( 1 );
	}
	$wplp_page = wp_insert_post(
		array(
			'post_type'    => 'page',
			'post_status'  => 'publish',
			'post_title'   => 'Inventory',
			'post_name'    => 'inventory',
			'post_content' => "[wplp path=\"/api/inventory/products\" per_page=\"5\" template=\"list\"]\n\n[wplp path=\"/api/inventory/products\" per_page=\"5\" template=\"table\"]",
		),
		true
	);
	if ( is_wp_error( $wplp_page ) ) {
		fwrite( STDERR, 'wp_insert_post: ' . $wplp_page->get_error_message() . "\n" );
		exit( 1 );
	}
	echo (int) $wplp_page . "\n";
	exit( 0 );
}

if ( 'options' === $wplp_command || 'uninstall' === $wplp_command ) {
	global $wpdb;
	if ( 'uninstall' === $wplp_command ) {
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		deactivate_plugins( 'wp-live-proxy/wp-live-proxy.php', true );
		uninstall_plugin( 'wp-live-proxy/wp-live-proxy.php' );
		wp_cache_flush();
	}
	$wplp_settings = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name = 'wplp_settings'" );
	$wplp_copies   = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE 'wplp\\_lkg\\_%' AND autoload = 'no'" );
	$wplp_autoload = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE 'wplp\\_lkg\\_%' AND autoload <> 'no'" );
	echo esc_html( "settings={$wplp_settings} copies={$wplp_copies} autoloaded_copies={$wplp_autoload}" ) . "\n";
	exit( 0 );
}

if ( 'health' === $wplp_command ) {
	$wplp_health = WPLP_Site_Health::run();
	echo esc_html( $wplp_health['status'] . ' ' . $wplp_health['label'] ) . "\n";
	exit( 0 );
}

fwrite( STDERR, "unknown command {$wplp_command}\n" );
exit( 2 );
