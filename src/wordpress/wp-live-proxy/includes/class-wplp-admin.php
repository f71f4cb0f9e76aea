<?php
/**
 * The settings page: Settings → WP Live Proxy.
 *
 * @package WP_Live_Proxy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Renders the settings page and its connection check.
 */
final class WPLP_Admin {

	/**
	 * Page slug.
	 */
	const PAGE = 'wp-live-proxy';

	/**
	 * Capability needed for the page, the form and the connection check.
	 */
	const CAPABILITY = 'manage_options';

	/**
	 * Nonce action of the connection check link.
	 */
	const CHECK_ACTION = 'wplp_check_connection';

	/**
	 * Result of the connection check run for this request, if any.
	 *
	 * @var array|null
	 */
	private static $check = null;

	/**
	 * Hooks the page in.
	 */
	public static function init() {
		add_action( 'admin_init', array( __CLASS__, 'register_fields' ) );
		add_action( 'admin_menu', array( __CLASS__, 'add_page' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( WPLP_PLUGIN_FILE ), array( __CLASS__, 'action_links' ) );
	}

	/**
	 * Adds the page under Settings.
	 */
	public static function add_page() {
		$hook = add_options_page(
			__( 'WP Live Proxy', 'wp-live-proxy' ),
			__( 'WP Live Proxy', 'wp-live-proxy' ),
			self::CAPABILITY,
			self::PAGE,
			array( __CLASS__, 'render_page' )
		);
		if ( $hook ) {
			add_action( 'load-' . $hook, array( __CLASS__, 'handle_check' ) );
		}
	}

	/**
	 * Runs the connection check when its link was followed, before any output, so a bad nonce
	 * or a missing capability ends in a proper 403.
	 */
	public static function handle_check() {
		if ( ! isset( $_GET['wplp_check'] ) ) {
			return;
		}
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage this plugin.', 'wp-live-proxy' ), 403 );
		}
		check_admin_referer( self::CHECK_ACTION );
		self::$check = WPLP_Site_Health::check( WPLP_Settings::get() );
	}

	/**
	 * Adds a Settings link on the Plugins screen.
	 *
	 * @param string[] $links Links.
	 * @return string[]
	 */
	public static function action_links( $links ) {
		$url = admin_url( 'options-general.php?page=' . self::PAGE );
		array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'wp-live-proxy' ) . '</a>' );
		return $links;
	}

	/**
	 * Registers the option, the section and the fields.
	 */
	public static function register_fields() {
		WPLP_Settings::register();
		add_settings_section( 'wplp_connection', __( 'Connection', 'wp-live-proxy' ), '__return_false', self::PAGE );
		add_settings_field( 'wplp_proxy_url', __( 'Proxy URL', 'wp-live-proxy' ), array( __CLASS__, 'field_proxy_url' ), self::PAGE, 'wplp_connection', array( 'label_for' => 'wplp_proxy_url' ) );
		add_settings_field( 'wplp_api_key', __( 'Client API key', 'wp-live-proxy' ), array( __CLASS__, 'field_api_key' ), self::PAGE, 'wplp_connection', array( 'label_for' => 'wplp_api_key' ) );
		add_settings_field( 'wplp_timeout', __( 'Timeout (seconds)', 'wp-live-proxy' ), array( __CLASS__, 'field_timeout' ), self::PAGE, 'wplp_connection', array( 'label_for' => 'wplp_timeout' ) );
	}

	/**
	 * The proxy URL field.
	 */
	public static function field_proxy_url() {
		$settings = WPLP_Settings::get();
		if ( WPLP_Settings::locked( 'proxy_url' ) ) {
			printf(
				'<code id="wplp_proxy_url">%s</code><p class="description">%s</p>',
				esc_html( '' !== $settings['proxy_url'] ? $settings['proxy_url'] : __( '(invalid)', 'wp-live-proxy' ) ),
				esc_html__( 'Set by WPLP_PROXY_URL in wp-config.php.', 'wp-live-proxy' )
			);
			return;
		}
		printf(
			'<input type="url" class="regular-text code" id="wplp_proxy_url" name="%s" value="%s" placeholder="http://127.0.0.1:8080" /><p class="description">%s</p>',
			esc_attr( WPLP_Settings::OPTION . '[proxy_url]' ),
			esc_attr( $settings['proxy_url'] ),
			esc_html__( 'Base URL of wp-live-proxy, without a trailing path. Or define WPLP_PROXY_URL in wp-config.php.', 'wp-live-proxy' )
		);
	}

	/**
	 * The API key field: never prints the key, only its last four characters.
	 */
	public static function field_api_key() {
		$settings = WPLP_Settings::get();
		$masked   = WPLP_Util::mask_secret( $settings['api_key'] );
		if ( WPLP_Settings::locked( 'api_key' ) ) {
			printf(
				'<code id="wplp_api_key">%s</code><p class="description">%s</p>',
				esc_html( '' !== $masked ? $masked : __( '(empty)', 'wp-live-proxy' ) ),
				esc_html__( 'Set by WPLP_API_KEY in wp-config.php.', 'wp-live-proxy' )
			);
			return;
		}
		printf(
			'<input type="password" class="regular-text code" id="wplp_api_key" name="%s" value="" autocomplete="new-password" placeholder="%s" />',
			esc_attr( WPLP_Settings::OPTION . '[api_key]' ),
			esc_attr( '' !== $masked ? $masked : __( 'not set', 'wp-live-proxy' ) )
		);
		if ( '' !== $masked ) {
			printf(
				' <label><input type="checkbox" name="%s" value="1" /> %s</label>',
				esc_attr( WPLP_Settings::OPTION . '[clear_api_key]' ),
				esc_html__( 'Remove the stored key', 'wp-live-proxy' )
			);
		}
		printf(
			'<p class="description">%s</p>',
			esc_html__( 'Sent as X-Api-Key. Leave blank to keep the stored key. Defining WPLP_API_KEY in wp-config.php keeps it out of the database.', 'wp-live-proxy' )
		);
	}

	/**
	 * The timeout field.
	 */
	public static function field_timeout() {
		$settings = WPLP_Settings::get();
		if ( WPLP_Settings::locked( 'timeout' ) ) {
			printf(
				'<code id="wplp_timeout">%s</code><p class="description">%s</p>',
				esc_html( (string) $settings['timeout'] ),
				esc_html__( 'Set by WPLP_TIMEOUT in wp-config.php.', 'wp-live-proxy' )
			);
			return;
		}
		printf(
			'<input type="number" class="small-text" id="wplp_timeout" name="%s" value="%s" min="0.5" max="30" step="0.5" /><p class="description">%s</p>',
			esc_attr( WPLP_Settings::OPTION . '[timeout]' ),
			esc_attr( (string) $settings['timeout'] ),
			esc_html__( 'How long a page waits for the proxy before it shows the last-known-good copy.', 'wp-live-proxy' )
		);
	}

	/**
	 * The page.
	 */
	public static function render_page() {
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage this plugin.', 'wp-live-proxy' ), 403 );
		}
		$check      = self::$check;
		$all_locked = WPLP_Settings::locked( 'proxy_url' ) && WPLP_Settings::locked( 'api_key' ) && WPLP_Settings::locked( 'timeout' );
		$check_url  = wp_nonce_url( admin_url( 'options-general.php?page=' . self::PAGE . '&wplp_check=1' ), self::CHECK_ACTION );
		?>
		<div class="wrap">
			<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
			<?php if ( $check ) : ?>
				<div class="notice <?php echo esc_attr( 'UP' === $check['state'] ? 'notice-success' : ( 'DEGRADED' === $check['state'] ? 'notice-warning' : 'notice-error' ) ); ?>">
					<p><strong><?php echo esc_html( $check['state'] ); ?></strong> &mdash; <?php echo esc_html( $check['message'] ); ?></p>
				</div>
			<?php endif; ?>
			<?php if ( $all_locked ) : ?>
				<?php do_settings_sections( self::PAGE ); ?>
			<?php else : ?>
				<form action="options.php" method="post">
					<?php
					settings_fields( WPLP_Settings::GROUP );
					do_settings_sections( self::PAGE );
					submit_button();
					?>
				</form>
			<?php endif; ?>
			<h2><?php esc_html_e( 'Connection check', 'wp-live-proxy' ); ?></h2>
			<p><?php esc_html_e( 'Asks the proxy for /health/ready, as the Site Health test does.', 'wp-live-proxy' ); ?></p>
			<p><a class="button" href="<?php echo esc_url( $check_url ); ?>"><?php esc_html_e( 'Check the connection', 'wp-live-proxy' ); ?></a></p>
			<h2><?php esc_html_e( 'Usage', 'wp-live-proxy' ); ?></h2>
			<p><code>[wplp path="/api/inventory/products" per_page="5" template="list"]</code></p>
			<p><code>&lt;?php $result = wplp_get( '/api/inventory/products', array( 'per_page' =&gt; 5 ) ); ?&gt;</code></p>
		</div>
		<?php
	}
}
