<?php
/**
 * Tests of the settings, the Site Health check and the host allow-list filters.
 *
 * phpcs:disable Squiz.Commenting
 *
 * @package WP_Live_Proxy
 */

use PHPUnit\Framework\TestCase;

final class SettingsTest extends TestCase {

	protected function setUp(): void {
		WPLP_Test_State::reset();
	}

	private function saved( array $values ) {
		$GLOBALS['wplp_test']['options'][ WPLP_Settings::OPTION ] = $values;
	}

	public function test_defaults_and_saved_values() {
		$this->assertSame(
			array(
				'proxy_url' => '',
				'api_key'   => '',
				'timeout'   => 3.0,
			),
			WPLP_Settings::get()
		);
		$this->saved(
			array(
				'proxy_url' => 'http://10.0.0.5:8080/',
				'api_key'   => ' k ',
				'timeout'   => '1.5',
			)
		);
		$this->assertSame(
			array(
				'proxy_url' => 'http://10.0.0.5:8080',
				'api_key'   => 'k',
				'timeout'   => 1.5,
			),
			WPLP_Settings::get()
		);
	}

	public function test_blank_key_keeps_the_stored_key_and_clear_removes_it() {
		$this->saved(
			array(
				'proxy_url' => 'http://127.0.0.1:8080',
				'api_key'   => 'stored-secret-key',
				'timeout'   => 3.0,
			)
		);
		$kept = WPLP_Settings::sanitize(
			array(
				'proxy_url' => 'http://127.0.0.1:9000',
				'api_key'   => '',
				'timeout'   => '2',
			)
		);
		$this->assertSame( 'stored-secret-key', $kept['api_key'] );
		$this->assertSame( 'http://127.0.0.1:9000', $kept['proxy_url'] );
		$this->assertSame( 2.0, $kept['timeout'] );

		$cleared = WPLP_Settings::sanitize(
			array(
				'api_key'       => '',
				'clear_api_key' => '1',
			)
		);
		$this->assertSame( '', $cleared['api_key'] );

		$replaced = WPLP_Settings::sanitize( array( 'api_key' => " new\tkey " ) );
		$this->assertSame( 'newkey', $replaced['api_key'] );
		$this->assertSame( array( 'proxy_url', 'api_key', 'timeout' ), array_keys( $replaced ) );
	}

	public function test_invalid_url_is_refused_and_the_old_one_kept() {
		$this->saved( array( 'proxy_url' => 'http://127.0.0.1:8080' ) );
		$out = WPLP_Settings::sanitize( array( 'proxy_url' => 'javascript:alert(1)' ) );
		$this->assertSame( 'http://127.0.0.1:8080', $out['proxy_url'] );
		$this->assertSame( array( 'wplp_proxy_url' ), $GLOBALS['wplp_test']['settings_errors'] );

		$out = WPLP_Settings::sanitize( array( 'proxy_url' => '' ) );
		$this->assertSame( '', $out['proxy_url'], 'an empty field unsets the URL' );
	}

	public function test_only_the_configured_proxy_host_and_port_are_let_through() {
		$this->saved( array( 'proxy_url' => 'http://127.0.0.1:18080' ) );
		$this->assertTrue( wplp_allow_proxy_host( false, '127.0.0.1' ) );
		$this->assertFalse( wplp_allow_proxy_host( false, '10.0.0.1' ) );
		$this->assertFalse( wplp_allow_proxy_host( false, 'localhost' ) );
		$this->assertSame( array( 80, 443, 8080, 18080 ), wplp_allow_proxy_port( array( 80, 443, 8080 ), '127.0.0.1' ) );
		$this->assertSame( array( 80, 443, 8080 ), wplp_allow_proxy_port( array( 80, 443, 8080 ), '192.168.1.1' ) );

		$this->saved( array() );
		$this->assertFalse( wplp_allow_proxy_host( false, '127.0.0.1' ) );
		$this->assertSame( array( 80 ), wplp_allow_proxy_port( array( 80 ), '127.0.0.1' ) );
	}

	public function test_health_check_states() {
		$settings = array( 'proxy_url' => 'http://127.0.0.1:18080' );
		$up       = new WPLP_Fake_Transport();
		$up->push( WPLP_Fake_Transport::response( 200, '{"status":"UP","checks":{"redis":"DISABLED","upstreams":{"inventory":"CLOSED"}}}' ) );
		$check = WPLP_Site_Health::check( $settings, $up );
		$this->assertSame( 'UP', $check['state'] );
		$this->assertSame( 'http://127.0.0.1:18080/health/ready', $up->calls[0][0] );
		$this->assertStringContainsString( 'Redis: DISABLED; upstreams: inventory CLOSED.', $check['message'] );

		$degraded = new WPLP_Fake_Transport();
		$degraded->push( WPLP_Fake_Transport::response( 200, '{"status":"DEGRADED","checks":{"redis":"DOWN","upstreams":{"inventory":"OPEN"}}}' ) );
		$this->assertSame( 'DEGRADED', WPLP_Site_Health::check( $settings, $degraded )['state'] );

		$draining = new WPLP_Fake_Transport();
		$draining->push( WPLP_Fake_Transport::response( 503, '{"status":"DOWN","checks":{}}' ) );
		$this->assertSame( 'DOWN', WPLP_Site_Health::check( $settings, $draining )['state'] );

		$refused = new WPLP_Fake_Transport();
		$refused->push( new WP_Error( 'http_request_failed', 'Connection refused' ) );
		$check = WPLP_Site_Health::check( $settings, $refused );
		$this->assertSame( 'DOWN', $check['state'] );
		$this->assertStringContainsString( 'Connection refused', $check['message'] );

		$check = WPLP_Site_Health::check( array( 'proxy_url' => '' ), $refused );
		$this->assertFalse( $check['configured'] );
	}
}
