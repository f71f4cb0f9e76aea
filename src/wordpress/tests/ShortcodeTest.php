<?php
/**
 * Tests of the [wplp] shortcode and its templates: escaping, stale marker, errors, overrides.
 *
 * phpcs:disable Squiz.Commenting
 *
 * @package WP_Live_Proxy
 */

use PHPUnit\Framework\TestCase;

final class ShortcodeTest extends TestCase {

	/** @var WPLP_Fake_Transport */
	private $transport;

	/** @var WPLP_Fake_Clock */
	private $clock;

	protected function setUp(): void {
		WPLP_Test_State::reset();
		$this->transport = new WPLP_Fake_Transport();
		$this->clock     = new WPLP_Fake_Clock();
		$this->use_new_client();
	}

	private function use_new_client() {
		wplp_client( new WPLP_Client( array( 'proxy_url' => 'http://127.0.0.1:18080' ), new WPLP_Store(), $this->transport, $this->clock ) );
	}

	private function answer( array $items, $x_cache = 'MISS' ) {
		$this->transport->push(
			WPLP_Fake_Transport::response(
				200,
				json_encode(
					array(
						'data' => $items,
						'meta' => array( 'route' => 'products' ),
					)
				),
				array(
					'X-Cache' => $x_cache,
					'Age'     => '0',
				)
			)
		);
	}

	public function test_list_renders_items_with_every_value_escaped() {
		$this->answer(
			array(
				array(
					'id'      => 'A-1"><script>',
					'name'    => '<script>alert(1)</script> & Oak',
					'price'   => 349.5,
					'inStock' => true,
				),
			)
		);
		$html = WPLP_Shortcode::render( array( 'path' => '/api/inventory/products' ) );

		$this->assertStringContainsString( 'class="wplp wplp-list"', $html );
		$this->assertStringContainsString( '&lt;script&gt;alert(1)&lt;/script&gt; &amp; Oak', $html );
		$this->assertStringContainsString( 'data-wplp-id="A-1&quot;&gt;&lt;script&gt;"', $html );
		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertStringContainsString( 'wplp-field-price', $html );
		$this->assertStringContainsString( '349.5', $html );
		$this->assertStringContainsString( 'wplp-field-instock', $html );
		$this->assertStringContainsString( 'data-wplp-cache="MISS"', $html );
		$this->assertStringContainsString( 'data-wplp-source="proxy"', $html );
		$this->assertStringContainsString( 'data-wplp-stale="0"', $html );
		$this->assertStringNotContainsString( 'wplp-stale-note', $html );
	}

	public function test_attributes_become_the_query() {
		$this->answer( array() );
		WPLP_Shortcode::render(
			array(
				'path'     => '/api/inventory/products',
				'per_page' => '5',
				'page'     => '2x',
				'query'    => 'category=chairs&amp;sort=name',
			)
		);
		$this->assertSame( 'http://127.0.0.1:18080/api/inventory/products?category=chairs&page=2&per_page=5&sort=name', $this->transport->calls[0][0] );
	}

	public function test_empty_data() {
		$this->answer( array() );
		$html = WPLP_Shortcode::render( array( 'path' => '/x' ) );
		$this->assertStringContainsString( 'wplp-empty', $html );
	}

	public function test_table_has_a_column_per_field() {
		$this->answer(
			array(
				array( 'id' => 1, 'name' => 'A<b>' ),
				array( 'id' => 2, 'name' => 'B', 'price' => 3 ),
			)
		);
		$html = WPLP_Shortcode::render( array( 'path' => '/x', 'template' => 'table' ) );
		$this->assertStringContainsString( 'class="wplp wplp-table"', $html );
		$this->assertSame( 3, substr_count( $html, '<th scope="col"' ) );
		$this->assertSame( 2, substr_count( $html, '<tr class="wplp-item">' ) );
		$this->assertStringContainsString( 'A&lt;b&gt;', $html );
	}

	public function test_json_cannot_break_out_of_the_pre_element() {
		$this->answer( array( array( 'name' => '</code></pre><script>x</script>' ) ) );
		$html = WPLP_Shortcode::render( array( 'path' => '/x', 'template' => 'json' ) );
		$this->assertStringContainsString( 'class="wplp wplp-json"', $html );
		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertSame( 1, substr_count( $html, '</pre>' ) );
	}

	public function test_last_known_good_copy_is_marked_stale() {
		$this->answer( array( array( 'name' => 'Oak table' ) ) );
		WPLP_Shortcode::render( array( 'path' => '/x' ) );

		$this->clock->now += 600;
		$this->transport = new WPLP_Fake_Transport();
		$this->transport->push( new WP_Error( 'http_request_failed', 'Connection refused' ) );
		$this->use_new_client();
		$html = WPLP_Shortcode::render( array( 'path' => '/x' ) );

		$this->assertStringContainsString( 'Oak table', $html );
		$this->assertStringContainsString( 'class="wplp wplp-list wplp-stale"', $html );
		$this->assertStringContainsString( 'data-wplp-source="last-known-good"', $html );
		$this->assertStringContainsString( 'data-wplp-stale="1"', $html );
		$this->assertStringContainsString( 'class="wplp-stale-note"', $html );
		$this->assertStringContainsString( '10 mins ago', $html );
	}

	public function test_proxy_stale_answer_is_marked_without_the_note() {
		$this->answer( array( array( 'name' => 'Oak table' ) ), 'STALE' );
		$html = WPLP_Shortcode::render( array( 'path' => '/x' ) );
		$this->assertStringContainsString( 'wplp-stale', $html );
		$this->assertStringContainsString( 'data-wplp-cache="STALE"', $html );
		$this->assertStringContainsString( 'data-wplp-source="proxy"', $html );
		$this->assertStringNotContainsString( 'wplp-stale-note', $html );
	}

	public function test_no_data_at_all_is_a_short_notice_with_details_for_admins_only() {
		$this->transport->push( new WP_Error( 'http_request_failed', 'cURL error 7: <refused>' ) );
		$html = WPLP_Shortcode::render( array( 'path' => '/x' ) );
		$this->assertStringContainsString( 'class="wplp wplp-error"', $html );
		$this->assertStringContainsString( 'data-wplp-error="wplp_unreachable"', $html );
		$this->assertStringContainsString( 'Live data is temporarily unavailable.', $html );
		$this->assertStringNotContainsString( 'cURL', $html );

		$GLOBALS['wplp_test']['can'] = true;
		$html                        = WPLP_Shortcode::render( array( 'path' => '/x' ) );
		$this->assertStringContainsString( 'cURL error 7: &lt;refused&gt;', $html );
	}

	public function test_theme_template_overrides_and_unknown_names_fall_back_to_list() {
		$theme = tempnam( sys_get_temp_dir(), 'wplp' );
		file_put_contents( $theme, '<?php echo "theme:" . esc_html( count( $wplp_items ) );' );
		$GLOBALS['wplp_test']['theme_templates']['wplp/list.php'] = $theme;
		$this->answer( array( array( 'name' => 'a' ), array( 'name' => 'b' ) ) );
		try {
			$this->assertSame( 'theme:2', WPLP_Shortcode::render( array( 'path' => '/x' ) ) );
			$this->assertSame( 'theme:2', WPLP_Shortcode::render( array( 'path' => '/x', 'template' => 'no-such' ) ) );
			$this->assertSame( 'theme:2', WPLP_Shortcode::render( array( 'path' => '/x', 'template' => '../../../etc/passwd' ) ) );
		} finally {
			unlink( $theme );
		}
	}

	public function test_extra_classes_are_sanitized() {
		$this->assertSame( 'wplp wplp-list shop featured', WPLP_Shortcode::classes( 'list', array( 'stale' => false ), ' shop  featured ' ) );
		$this->assertSame( 'wplp wplp-table wplp-stale onclickalert1', WPLP_Shortcode::classes( 'table', array( 'stale' => true ), '" onclick="alert(1)' ) );
	}
}
