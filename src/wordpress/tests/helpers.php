<?php
/**
 * Test helpers: a scripted HTTP transport and a controllable clock.
 *
 * phpcs:disable Squiz.Commenting, Generic.Files.OneObjectStructurePerFile
 *
 * @package WP_Live_Proxy
 */

/**
 * Answers wp_safe_remote_get() calls from a queue and records them.
 */
final class WPLP_Fake_Transport {
	/** @var array[] Recorded calls: array( url, args ). */
	public $calls = array();

	/** @var array Queued responses (arrays or WP_Error); the last one repeats. */
	private $queue = array();

	public function push( $response ) {
		$this->queue[] = $response;
		return $this;
	}

	public function __invoke( $url, $args ) {
		$this->calls[] = array( $url, $args );
		return count( $this->queue ) > 1 ? array_shift( $this->queue ) : reset( $this->queue );
	}

	public static function response( $status, $body, array $headers = array() ) {
		return array(
			'headers'  => array_change_key_case( $headers, CASE_LOWER ),
			'body'     => $body,
			'response' => array(
				'code'    => $status,
				'message' => '',
			),
		);
	}
}

/**
 * A clock the test moves by hand.
 */
final class WPLP_Fake_Clock {
	public $now = 1700000000;

	public function __invoke() {
		return $this->now;
	}
}
