package io.wplive.proxy.proxy;

import io.wplive.proxy.cache.CachedResponse;
import java.util.List;

/**
 * The result of one upstream fetch for a cache key, shared by every request that waited for it.
 *
 * @param answer what to send (stored or not)
 * @param upstreamStatus the status the upstream gave (304 on a revalidation)
 * @param stored whether {@code answer} went into the cache
 * @param revalidated a stale entry was renewed by a 304
 * @param upstreamCacheControl the upstream's Cache-Control, relayed when the answer is not stored
 * @param setCookies the upstream's Set-Cookie values: only the request that caused the fetch gets them
 * @param upstreamMs how long the upstream exchange took
 * @param variantKey the key of the variant fetched when the upstream said {@code Vary}, else null:
 *     a waiter whose own variant differs must not take this answer
 * @param fromPeer another instance fetched it (read from Redis): every request here only waited
 */
public record Fetched(CachedResponse answer, int upstreamStatus, boolean stored, boolean revalidated,
    String upstreamCacheControl, List<String> setCookies, long upstreamMs, String variantKey, boolean fromPeer) {
}
