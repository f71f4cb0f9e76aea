<?php
/**
 * Tests of WPLP_Util.
 *
 * phpcs:disable Squiz.Commenting
 *
 * @package WP_Live_Proxy
 */

use PHPUnit\Framework\TestCase;

final class UtilTest extends TestCase {

	/**
	 * @dataProvider base_urls
	 */
	public function test_sanitize_base_url( $input, $expected ) {
		$this->assertSame( $expected, WPLP_Util::sanitize_base_url( $input ) );
	}

	public function base_urls() {
		return array(
			'loopback with port'     => array( 'http://127.0.0.1:8080', 'http://127.0.0.1:8080' ),
			'trailing slash dropped' => array( ' https://proxy.internal/ ', 'https://proxy.internal' ),
			'path prefix kept'       => array( 'http://10.0.0.5/wplp/', 'http://10.0.0.5/wplp' ),
			'ftp refused'            => array( 'ftp://proxy', '' ),
			'no scheme'              => array( '127.0.0.1:8080', '' ),
			'credentials refused'    => array( 'http://u:p@proxy', '' ),
			'query refused'          => array( 'http://proxy/?a=1', '' ),
			'fragment refused'       => array( 'http://proxy/#x', '' ),
			'whitespace inside'      => array( "http://pro xy\n", '' ),
			'not a string'           => array( array( 'http://proxy' ), '' ),
			'empty'                  => array( '', '' ),
		);
	}

	public function test_host_and_port() {
		$this->assertSame( '127.0.0.1', WPLP_Util::host_of( 'http://127.0.0.1:18080' ) );
		$this->assertSame( 18080, WPLP_Util::port_of( 'http://127.0.0.1:18080' ) );
		$this->assertSame( 'proxy.internal', WPLP_Util::host_of( 'https://Proxy.Internal' ) );
		$this->assertSame( 443, WPLP_Util::port_of( 'https://proxy.internal' ) );
		$this->assertSame( 80, WPLP_Util::port_of( 'http://proxy.internal/prefix' ) );
	}

	public function test_sanitize_timeout_clamps() {
		$this->assertSame( 3.0, WPLP_Util::sanitize_timeout( 'abc' ) );
		$this->assertSame( 0.5, WPLP_Util::sanitize_timeout( '0' ) );
		$this->assertSame( 30.0, WPLP_Util::sanitize_timeout( 600 ) );
		$this->assertSame( 1.5, WPLP_Util::sanitize_timeout( '1.5' ) );
	}

	public function test_split_path_merges_and_sorts_the_query() {
		$this->assertSame(
			array(
				'/api/inventory/products',
				array(
					'category' => 'chairs',
					'page'     => '2',
					'per_page' => 5,
				),
			),
			WPLP_Util::split_path( '/api/inventory/products?page=1&category=chairs', array( 'per_page' => 5, 'page' => '2' ) )
		);
	}

	public function test_split_path_encodes_segments_once() {
		list( $path ) = WPLP_Util::split_path( '/api/inventory/products/A 100' );
		$this->assertSame( '/api/inventory/products/A%20100', $path );
		list( $path ) = WPLP_Util::split_path( '/api/inventory/products/A%20100' );
		$this->assertSame( '/api/inventory/products/A%20100', $path );
		list( $path ) = WPLP_Util::split_path( '/api/inventory/products/a%2Fb' );
		$this->assertSame( '/api/inventory/products/a%2Fb', $path, 'an encoded slash stays inside its segment' );
	}

	public function test_split_path_drops_empty_values_and_spells_booleans() {
		list( , $query ) = WPLP_Util::split_path( '/x', array( 'a' => '', 'b' => null, 'c' => true, 'd' => false ) );
		$this->assertSame( array( 'c' => 'true', 'd' => 'false' ), $query );
	}

	/**
	 * @dataProvider bad_paths
	 */
	public function test_split_path_refuses( $path ) {
		$this->assertNull( WPLP_Util::split_path( $path ) );
	}

	public function bad_paths() {
		return array(
			'relative'             => array( 'api/products' ),
			'absolute URL'         => array( 'http://evil.example/' ),
			'protocol-relative'    => array( '//evil.example/x' ),
			'dot dot'              => array( '/api/../admin/purge' ),
			'encoded dot dot'      => array( '/api/%2e%2E/admin' ),
			'dot'                  => array( '/api/./x' ),
			'backslash'            => array( '/api\\x' ),
			'control character'    => array( "/api/x\r\nHost: evil" ),
			'fragment'             => array( '/api/x#frag' ),
			'empty'                => array( '' ),
			'not a string'         => array( 42 ),
		);
	}

	public function test_build_url_and_cache_key() {
		$this->assertSame(
			'http://127.0.0.1:8080/api/inventory/products?page=1&per_page=5',
			WPLP_Util::build_url( 'http://127.0.0.1:8080/', '/api/inventory/products', array( 'page' => '1', 'per_page' => '5' ) )
		);
		$this->assertSame( 'http://p/prefix/x', WPLP_Util::build_url( 'http://p/prefix', '/x', array() ) );
		$this->assertSame( '/x?q=a%20b', WPLP_Util::cache_key( '/x', array( 'q' => 'a b' ) ) );
		$this->assertSame( '/x', WPLP_Util::cache_key( '/x', array() ) );
	}

	public function test_parse_body_reads_the_envelope() {
		$parsed = WPLP_Util::parse_body( '{"data":[{"id":"A-100","name":"Oak table"}],"meta":{"route":"products","total":93}}' );
		$this->assertSame( array( array( 'id' => 'A-100', 'name' => 'Oak table' ) ), $parsed['data'] );
		$this->assertSame( array( 'route' => 'products', 'total' => 93 ), $parsed['meta'] );
	}

	public function test_parse_body_takes_a_body_without_data_as_data() {
		$parsed = WPLP_Util::parse_body( '{"items":[{"sku":"A"}],"total":1}' );
		$this->assertSame( array( 'items' => array( array( 'sku' => 'A' ) ), 'total' => 1 ), $parsed['data'] );
		$this->assertSame( array(), $parsed['meta'] );

		$parsed = WPLP_Util::parse_body( '[1,2]' );
		$this->assertSame( array( 1, 2 ), $parsed['data'] );

		$parsed = WPLP_Util::parse_body( '{"data":{"id":1},"meta":"oops"}' );
		$this->assertSame( array( 'id' => 1 ), $parsed['data'] );
		$this->assertSame( array(), $parsed['meta'] );

		$parsed = WPLP_Util::parse_body( 'null' );
		$this->assertNull( $parsed['data'] );
	}

	public function test_parse_body_refuses_what_is_not_json() {
		$this->assertNull( WPLP_Util::parse_body( '<html>Bad gateway</html>' ) );
		$this->assertNull( WPLP_Util::parse_body( '' ) );
		$this->assertNull( WPLP_Util::parse_body( '{"data":' ) );
	}

	public function test_parse_error() {
		$this->assertSame(
			array(
				'code'    => 'route_not_found',
				'message' => 'No route',
			),
			WPLP_Util::parse_error( '{"error":{"status":404,"code":"route_not_found","message":"No route","route":null}}' )
		);
		$this->assertSame( array( 'code' => '', 'message' => '' ), WPLP_Util::parse_error( 'Bad gateway' ) );
	}

	public function test_transient_statuses() {
		$this->assertTrue( WPLP_Util::is_transient_status( 500 ) );
		$this->assertTrue( WPLP_Util::is_transient_status( 502 ) );
		$this->assertTrue( WPLP_Util::is_transient_status( 503 ) );
		$this->assertTrue( WPLP_Util::is_transient_status( 504 ) );
		$this->assertTrue( WPLP_Util::is_transient_status( 429 ) );
		$this->assertFalse( WPLP_Util::is_transient_status( 404 ) );
		$this->assertFalse( WPLP_Util::is_transient_status( 401 ) );
		$this->assertFalse( WPLP_Util::is_transient_status( 400 ) );
	}

	public function test_x_cache_and_age_headers() {
		$this->assertSame( 'HIT', WPLP_Util::x_cache( ' hit ' ) );
		$this->assertSame( 'STALE', WPLP_Util::x_cache( array( 'STALE', 'HIT' ) ) );
		$this->assertNull( WPLP_Util::x_cache( '' ) );
		$this->assertNull( WPLP_Util::x_cache( '<b>HIT</b>' ) );
		$this->assertSame( 0, WPLP_Util::parse_age( '0' ) );
		$this->assertSame( 42, WPLP_Util::parse_age( ' 42 ' ) );
		$this->assertNull( WPLP_Util::parse_age( '-1' ) );
		$this->assertNull( WPLP_Util::parse_age( '' ) );
		$this->assertNull( WPLP_Util::parse_age( '1.5' ) );
	}

	public function test_health_state() {
		$this->assertSame( 'UP', WPLP_Util::health_state( 200, '{"status":"UP","checks":{}}' ) );
		$this->assertSame( 'DEGRADED', WPLP_Util::health_state( 200, '{"status":"DEGRADED"}' ) );
		$this->assertSame( 'DOWN', WPLP_Util::health_state( 503, '{"status":"DOWN"}' ) );
		$this->assertSame( 'DOWN', WPLP_Util::health_state( 503, '' ) );
		$this->assertSame( 'DOWN', WPLP_Util::health_state( 404, '{"status":"UP"}' ) );
		$this->assertSame( 'UP', WPLP_Util::health_state( 200, 'OK' ) );
	}

	public function test_mask_secret_never_shows_more_than_four_characters() {
		$this->assertSame( '', WPLP_Util::mask_secret( '' ) );
		$this->assertSame( str_repeat( "\u{2022}", 8 ), WPLP_Util::mask_secret( 'short-key' ) );
		$masked = WPLP_Util::mask_secret( 'a-long-client-key-wxyz' );
		$this->assertSame( str_repeat( "\u{2022}", 8 ) . 'wxyz', $masked );
		$this->assertStringNotContainsString( 'client', $masked );
	}

	public function test_items() {
		$list = array( array( 'id' => 1 ), array( 'id' => 2 ) );
		$this->assertSame( $list, WPLP_Util::items( $list ) );
		$this->assertSame( $list, WPLP_Util::items( array( 'items' => $list, 'total' => 2 ) ), 'a raw body with a list inside' );
		$this->assertSame( array( array( 'id' => 7 ) ), WPLP_Util::items( array( 'id' => 7 ) ), 'a single object' );
		$this->assertSame( array( array( 'value' => 'a' ), array( 'value' => 'b' ) ), WPLP_Util::items( array( 'a', 'b' ) ) );
		$this->assertSame( array(), WPLP_Util::items( null ) );
		$this->assertSame( array(), WPLP_Util::items( 'text' ) );
		$this->assertSame( array(), WPLP_Util::items( array() ) );
	}

	public function test_label_key() {
		$this->assertSame( 'name', WPLP_Util::label_key( array( 'id' => 1, 'name' => 'Oak' ) ) );
		$this->assertSame( 'summary', WPLP_Util::label_key( array( 'summary' => 'Meeting', 'uid' => 'x' ) ) );
		$this->assertSame( 'id', WPLP_Util::label_key( array( 'id' => 0, 'name' => '' ) ) );
		$this->assertNull( WPLP_Util::label_key( array( 'name' => array( 'x' ) ) ) );
	}

	public function test_fields() {
		$items = array(
			array( 'id' => 1, 'name' => 'a', 'price' => 1 ),
			array( 'id' => 2, 'name' => 'b', 'inStock' => true ),
		);
		$this->assertSame( array( 'id', 'name', 'price', 'inStock' ), WPLP_Util::fields( $items ) );
		$this->assertSame( array( 'price', 'inStock' ), WPLP_Util::fields( $items, '', array( 'id', 'name' ) ) );
		$this->assertSame( array( 'name', 'price' ), WPLP_Util::fields( $items, ' name, price ,name,' ) );
		$this->assertSame( array( 'x' ), WPLP_Util::fields( $items, array( 'x' ) ) );
	}

	public function test_format_value() {
		$this->assertSame( '', WPLP_Util::format_value( null ) );
		$this->assertSame( 'yes', WPLP_Util::format_value( true ) );
		$this->assertSame( 'no', WPLP_Util::format_value( false ) );
		$this->assertSame( '349', WPLP_Util::format_value( 349.0 ) );
		$this->assertSame( '19.99', WPLP_Util::format_value( 19.99 ) );
		$this->assertSame( '7', WPLP_Util::format_value( 7 ) );
		$this->assertSame( 'a, b', WPLP_Util::format_value( array( 'a', 'b' ) ) );
		$this->assertSame( '{"url":"http://x/y"}', WPLP_Util::format_value( array( 'url' => 'http://x/y' ) ) );
	}

	public function test_template_name_and_css_token() {
		$this->assertSame( 'list', WPLP_Util::template_name( 'List' ) );
		$this->assertSame( 'my-cards_2', WPLP_Util::template_name( 'my-cards_2' ) );
		$this->assertSame( '', WPLP_Util::template_name( '../../wp-config' ) );
		$this->assertSame( '', WPLP_Util::template_name( 'list.php' ) );
		$this->assertSame( '', WPLP_Util::template_name( null ) );
		$this->assertSame( 'instock', WPLP_Util::css_token( 'inStock' ) );
		$this->assertSame( 'media-url', WPLP_Util::css_token( 'Media/URL' ) );
	}
}
