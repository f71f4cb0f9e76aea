package io.wplive.proxy.proxy;

import io.wplive.proxy.cache.CacheStore;
import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.observability.AccessLog;
import io.wplive.proxy.observability.ProxyMetrics;
import io.wplive.proxy.upstream.Upstreams;
import java.time.Clock;

/**
 * Everything one configuration needs at request time. A hot reload builds a new one and swaps it
 * in; a request keeps the runtime it started with.
 */
public record ProxyRuntime(ProxyConfig config, Upstreams upstreams, CacheStore store, Fetcher fetcher,
    io.wplive.proxy.cache.Purger purger, ProxyMetrics metrics, AccessLog accessLog, Clock clock,
    io.wplive.proxy.security.ClientAuth clientAuth, io.wplive.proxy.security.Cors cors,
    io.wplive.proxy.security.QuotaLimiter quotas) {
}
