package io.wplive.proxy.bench;

import io.wplive.proxy.config.ConfigLoader;
import io.wplive.proxy.config.ProxyConfig;

/**
 * A realistic route table for the hit-path benchmarks: a WordPress site fronting several APIs,
 * with exact, {@code :param} and {@code /*} routes, query allow-lists and a vary header. The
 * benchmark route ({@code products}, {@code /api/inventory/products/:sku}) is not the first one
 * checked, as in a real config.
 */
final class BenchConfig {
  static final String YAML = """
      server: { host: 127.0.0.1, port: 18080 }
      logging: { access: false }
      upstreams:
        inventory: { baseUrl: "http://127.0.0.1:18081/api/v2", timeout: 5s }
        listings: { baseUrl: "http://127.0.0.1:18082", timeout: 5s }
        calendar: { baseUrl: "http://127.0.0.1:18083", timeout: 5s }
      routes:
        - { name: stock-summary, path: /api/inventory/summary, upstream: inventory, cache: { ttl: 30s } }
        - { name: categories, path: /api/inventory/categories, upstream: inventory, cache: { ttl: 10m } }
        - name: product-stock
          path: /api/inventory/products/:sku/stock
          upstream: inventory
          upstreamPath: /items/:sku/stock
          cache: { ttl: 10s, staleIfError: 1h }
        - name: products
          path: /api/inventory/products/:sku
          upstream: inventory
          upstreamPath: /items/:sku
          query: { allow: [fields, lang] }
          cache: { ttl: 60s, staleIfError: 24h }
        - name: product-list
          path: /api/inventory/products
          upstream: inventory
          upstreamPath: /items
          query: { allow: [page, per_page, category, sort], defaults: { per_page: "20" } }
          cache: { ttl: 60s, staleIfError: 24h, varyHeaders: [Accept-Language] }
        - name: listing
          path: /api/listings/:id
          upstream: listings
          upstreamPath: /Property/:id
          cache: { ttl: 5m }
        - name: listing-media
          path: /api/listings/:id/media/:n
          upstream: listings
          upstreamPath: /Property/:id/Media/:n
          cache: { ttl: 1h }
        - name: agent
          path: /api/agents/:id
          upstream: listings
          upstreamPath: /Member/:id
          cache: { ttl: 1h }
        - { name: calendar, path: /api/calendar/*, upstream: calendar, cache: { ttl: 5m } }
        - { name: listings-any, path: /api/listings/*, upstream: listings, cache: { ttl: 1m } }
      """;

  private BenchConfig() {
  }

  static ProxyConfig load() {
    return new ConfigLoader(name -> null).parse(YAML, "jmh");
  }
}
