<?php
/**
 * Tests of WPLP_Client and WPLP_Store: headers sent, memoization, last-known-good fallback.
 *
 * phpcs:disable Squiz.Commenting
 *
 * @package WP_Live_Proxy
 */

use PHPUnit\Framework\TestCase;

final class ClientTest extends TestCase {

	const ENVELOPE = '{"data":[{"id":"A-100","name":"Oak table","price":349.0,"inStock":true}],"meta":{"route":"products","total":1,"page":1,"perPage":5,"totalPages":1,"fetchedAt":"2026-11-30T10:00:00Z"}}';

	/** @var WPLP_Fake_Transport */
	private $transport;

	/** @var WPLP_Fake_Clock */
	private $clock;

	protected function setUp(): void {
		WPLP_Test_State::reset();
		$this->transport = new WPLP_Fake_Transport();
		$this->clock     = new WPLP_Fake_Clock();
	}

	private function client( array $settings = array() ) {
		$settings += array(
			'proxy_url' => 'http://127.0.0.1:18080',
			'api_key'   => 'site-key-1234',
			'timeout'   => 2,
		);
		return new WPLP_Client( $settings, new WPLP_Store(), $this->transport, $this->clock );
	}

	private function ok( $x_cache = 'MISS', $age = '0', $body = self::ENVELOPE ) {
		return WPLP_Fake_Transport::response(
			200,
			$body,
			array(
				'X-Cache'      => $x_cache,
				'Age'          => $age,
				'X-Request-Id' => 'echoed-id',
			)
		);
	}

	public function test_success_returns_data_meta_and_cache_state() {
		$this->transport->push( $this->ok( 'HIT', '12' ) );
		$result = $this->client()->get( '/api/inventory/products', array( 'per_page' => 5 ) );

		$this->assertIsArray( $result );
		$this->assertSame( 'Oak table', $result['data'][0]['name'] );
		$this->assertSame( 'products', $result['meta']['route'] );
		$this->assertSame( 'HIT', $result['x_cache'] );
		$this->assertSame( 12, $result['age'] );
		$this->assertFalse( $result['stale'] );
		$this->assertSame( 'proxy', $result['source'] );
		$this->assertSame( 200, $result['status'] );
		$this->assertSame( 'echoed-id', $result['request_id'] );
		$this->assertNull( $result['error'] );
	}

	public function test_sends_the_key_a_request_id_and_the_timeout_without_following_redirects() {
		$this->transport->push( $this->ok() );
		$this->client()->get( '/api/inventory/products?page=2', array( 'per_page' => 5 ) );

		list( $url, $args ) = $this->transport->calls[0];
		$this->assertSame( 'http://127.0.0.1:18080/api/inventory/products?page=2&per_page=5', $url );
		$this->assertSame( 'site-key-1234', $args['headers']['X-Api-Key'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f-]{36}$/', $args['headers']['X-Request-Id'] );
		$this->assertSame( 2.0, $args['timeout'] );
		$this->assertSame( 0, $args['redirection'] );
	}

	public function test_no_key_header_without_a_key() {
		$this->transport->push( $this->ok() );
		$this->client( array( 'api_key' => '' ) )->get( '/x' );
		$this->assertArrayNotHasKey( 'X-Api-Key', $this->transport->calls[0][1]['headers'] );
	}

	public function test_memoizes_within_a_page_view() {
		$this->transport->push( $this->ok() );
		$client = $this->client();
		$first  = $client->get( '/api/inventory/products', array( 'per_page' => 5, 'page' => 1 ) );
		$second = $client->get( '/api/inventory/products?page=1', array( 'per_page' => '5' ) );
		$this->assertCount( 1, $this->transport->calls, 'same path and query, one request' );
		$this->assertSame( $first, $second );

		$client->get( '/api/inventory/products', array( 'per_page' => 6 ) );
		$this->assertCount( 2, $this->transport->calls );

		$client->reset();
		$client->get( '/api/inventory/products', array( 'per_page' => 6 ) );
		$this->assertCount( 3, $this->transport->calls );
	}

	public function test_memoizes_failures_too() {
		$this->transport->push( new WP_Error( 'http_request_failed', 'cURL error 7: Connection refused' ) );
		$client = $this->client();
		$client->get( '/x' );
		$client->get( '/x' );
		$this->assertCount( 1, $this->transport->calls, 'a down proxy costs one timeout per page view, not one per call' );
	}

	public function test_stores_the_answer_with_autoload_off() {
		$this->transport->push( $this->ok() );
		$this->client()->get( '/api/inventory/products', array( 'per_page' => 5 ) );

		$store = new WPLP_Store();
		$name  = $store->option_name( '/api/inventory/products?per_page=5' );
		$this->assertArrayHasKey( $name, $GLOBALS['wplp_test']['options'] );
		$this->assertFalse( $GLOBALS['wplp_test']['autoload'][ $name ] );
		$this->assertStringStartsWith( 'wplp_lkg_', $name );
		$copy = $store->load( '/api/inventory/products?per_page=5' );
		$this->assertSame( 'Oak table', $copy['data'][0]['name'] );
		$this->assertSame( $this->clock->now, $copy['stored_at'] );
	}

	public function test_unreachable_proxy_gives_the_last_known_good_copy_flagged_stale() {
		$this->transport->push( $this->ok( 'MISS', '3' ) );
		$this->client()->get( '/api/inventory/products' );

		$this->clock->now += 100;
		$this->transport = new WPLP_Fake_Transport();
		$this->transport->push( new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' ) );
		$result = $this->client()->get( '/api/inventory/products' );

		$this->assertIsArray( $result );
		$this->assertSame( 'Oak table', $result['data'][0]['name'] );
		$this->assertTrue( $result['stale'] );
		$this->assertSame( 'last-known-good', $result['source'] );
		$this->assertNull( $result['x_cache'] );
		$this->assertSame( 103, $result['age'], 'the age of the copy: its Age when stored plus the time since' );
		$this->assertSame( 'wplp_unreachable', $result['error']->get_error_code() );
		$this->assertStringContainsString( 'Failed to connect', $result['error']->get_error_message() );
		$this->assertSame( 'wplp_request_failed', $GLOBALS['wplp_test']['actions'][0][0] );
	}

	/**
	 * @dataProvider transient_failures
	 */
	public function test_transient_failures_fall_back( $response ) {
		$this->transport->push( $this->ok() );
		$this->client()->get( '/x' );
		$fresh = new WPLP_Fake_Transport();
		$fresh->push( $response );
		$client = new WPLP_Client( array( 'proxy_url' => 'http://127.0.0.1:1' ), new WPLP_Store(), $fresh, $this->clock );
		$result = $client->get( '/x' );
		$this->assertIsArray( $result );
		$this->assertSame( 'last-known-good', $result['source'] );
	}

	public function transient_failures() {
		return array(
			'502 upstream_error'       => array( WPLP_Fake_Transport::response( 502, '{"error":{"status":502,"code":"upstream_error","message":"boom"}}' ) ),
			'503 upstream_unavailable' => array( WPLP_Fake_Transport::response( 503, '{"error":{"status":503,"code":"upstream_unavailable","message":"circuit open"}}' ) ),
			'504 from a load balancer' => array( WPLP_Fake_Transport::response( 504, '<html>Gateway Timeout</html>' ) ),
			'429 over the site quota'  => array( WPLP_Fake_Transport::response( 429, '{"error":{"status":429,"code":"rate_limited","message":"slow down"}}' ) ),
			'200 that is not JSON'     => array( WPLP_Fake_Transport::response( 200, '<html>captive portal</html>' ) ),
		);
	}

	public function test_5xx_without_a_copy_is_an_error_with_the_proxy_code() {
		$this->transport->push( WPLP_Fake_Transport::response( 503, '{"error":{"status":503,"code":"upstream_unavailable","message":"circuit open","route":"products"}}' ) );
		$result = $this->client()->get( '/api/inventory/products' );
		$this->assertInstanceOf( WP_Error::class, $result );
		$this->assertSame( 'wplp_upstream_unavailable', $result->get_error_code() );
		$this->assertSame( 'The proxy answered 503: circuit open', $result->get_error_message() );
		$this->assertSame( 503, $result->get_error_data()['status'] );
	}

	public function test_4xx_is_an_error_even_with_a_copy() {
		$this->transport->push( $this->ok() );
		$this->client()->get( '/x' );
		$fresh = new WPLP_Fake_Transport();
		$fresh->push( WPLP_Fake_Transport::response( 401, '{"error":{"status":401,"code":"unauthorized","message":"bad key"}}' ) );
		$result = ( new WPLP_Client( array( 'proxy_url' => 'http://127.0.0.1:1' ), new WPLP_Store(), $fresh, $this->clock ) )->get( '/x' );
		$this->assertInstanceOf( WP_Error::class, $result );
		$this->assertSame( 'wplp_unauthorized', $result->get_error_code() );
	}

	public function test_invalid_path_sends_nothing() {
		$result = $this->client()->get( 'http://evil.example/' );
		$this->assertSame( 'wplp_bad_path', $result->get_error_code() );
		$this->assertCount( 0, $this->transport->calls );
	}

	public function test_not_configured() {
		$result = $this->client( array( 'proxy_url' => '' ) )->get( '/x' );
		$this->assertSame( 'wplp_not_configured', $result->get_error_code() );
		$this->assertCount( 0, $this->transport->calls );
	}

	public function test_store_skips_an_unchanged_answer_for_a_while() {
		$store  = new WPLP_Store();
		$answer = array(
			'data' => array( 1 ),
			'meta' => array(),
			'age'  => 0,
		);
		$this->assertTrue( $store->save( 'k', $answer, 1000 ) );
		$this->assertFalse( $store->save( 'k', $answer, 1000 + WPLP_Store::REFRESH - 1 ) );
		$this->assertTrue( $store->save( 'k', $answer, 1000 + WPLP_Store::REFRESH ) );
		$this->assertTrue( $store->save( 'k', array( 'data' => array( 2 ) ) + $answer, 1000 + WPLP_Store::REFRESH + 1 ), 'changed data is written at once' );
		$this->assertSame( 3, $GLOBALS['wplp_test']['option_writes'] );
	}

	public function test_store_ignores_a_copy_of_another_key_or_garbage() {
		$store = new WPLP_Store();
		$GLOBALS['wplp_test']['options'][ $store->option_name( 'a' ) ] = array(
			'key'       => 'b',
			'data'      => 1,
			'stored_at' => 1,
		);
		$GLOBALS['wplp_test']['options'][ $store->option_name( 'c' ) ] = 'garbage';
		$this->assertNull( $store->load( 'a' ) );
		$this->assertNull( $store->load( 'c' ) );
		$this->assertNull( $store->load( 'never' ) );
	}
}
