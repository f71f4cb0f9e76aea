<?php
/**
 * Last-known-good copies: one option per path and query, autoload off.
 *
 * @package WP_Live_Proxy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Keeps the last successful answer for each request so a page can still render it when the
 * proxy is unreachable or failing.
 */
class WPLP_Store {

	/**
	 * Prefix of the option names; uninstall.php deletes every option that starts with it.
	 */
	const PREFIX = 'wplp_lkg_';

	/**
	 * An unchanged answer is written again only after this many seconds (saves a database write
	 * on every page view while the data does not change).
	 */
	const REFRESH = 60;

	/**
	 * Option name for a request key.
	 *
	 * @param string $key Key from WPLP_Util::cache_key().
	 * @return string
	 */
	public function option_name( $key ) {
		return self::PREFIX . md5( $key );
	}

	/**
	 * The stored copy for a key.
	 *
	 * @param string $key Request key.
	 * @return array|null Keys key, data, meta, age, stored_at, hash; null when there is none.
	 */
	public function load( $key ) {
		$copy = $this->read( $this->option_name( $key ) );
		if ( ! is_array( $copy ) || ! array_key_exists( 'data', $copy ) || ! isset( $copy['stored_at'], $copy['key'] ) ) {
			return null;
		}
		return $copy['key'] === $key ? $copy : null;
	}

	/**
	 * Stores a successful answer unless the same one was stored less than REFRESH seconds ago.
	 *
	 * @param string $key    Request key.
	 * @param array  $result Answer with data, meta and age.
	 * @param int    $now    Current Unix time.
	 * @return bool Whether it was written.
	 */
	public function save( $key, array $result, $now ) {
		$hash = md5( (string) wp_json_encode( array( $result['data'], $result['meta'] ) ) );
		$old  = $this->load( $key );
		if ( $old && isset( $old['hash'] ) && $old['hash'] === $hash && $now - (int) $old['stored_at'] < self::REFRESH ) {
			return false;
		}
		$copy = array(
			'key'       => $key,
			'data'      => $result['data'],
			'meta'      => $result['meta'],
			'age'       => isset( $result['age'] ) ? (int) $result['age'] : 0,
			'stored_at' => (int) $now,
			'hash'      => $hash,
		);
		return $this->write( $this->option_name( $key ), $copy );
	}

	/**
	 * Reads an option.
	 *
	 * @param string $name Option name.
	 * @return mixed
	 */
	protected function read( $name ) {
		return get_option( $name, null );
	}

	/**
	 * Writes an option with autoload off (it is read only when the proxy fails).
	 *
	 * @param string $name  Option name.
	 * @param array  $value Value.
	 * @return bool
	 */
	protected function write( $name, array $value ) {
		return update_option( $name, $value, false );
	}
}
