package io.wplive.proxy.proxy;

import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.wplive.proxy.observability.ProxyMetrics.Outcome;
import io.wplive.proxy.routing.Route;

/** One client request on its way through the proxy: what it asked and what it got, for logs and metrics. */
public final class Exchange {
  final HttpServerRequest request;
  final HttpServerResponse response;
  final Context context;
  final long startNanos;
  final String requestId;
  final HttpMethod method;
  final boolean head;
  Route route;
  RequestTarget target;
  Outcome outcome = Outcome.ERROR;
  int upstreamStatus;
  long upstreamMs = -1;
  boolean upstreamTried;
  /** The key concurrent requests coalesce on when it is not the cache key (a Vary variant). */
  String flightKey;
  /** The client asked for a revalidation (honorCacheControl mode only). */
  boolean clientNoCache;
  /** The client asked never to reach the upstream (honorCacheControl mode only). */
  boolean onlyIfCached;
  /** The request was paused for an asynchronous check before its body could be read. */
  boolean paused;
  /** The shared tier was unreachable when this request was looked up. */
  boolean sharedDown;
  /** The client that authenticated, or null. */
  io.wplive.proxy.security.ClientAuth.Client client;

  Exchange(HttpServerRequest request, Context context, long startNanos, String requestId) {
    this.request = request;
    this.response = request.response();
    this.context = context;
    this.startNanos = startNanos;
    this.requestId = requestId;
    this.method = request.method();
    this.head = method == HttpMethod.HEAD;
  }

  public HttpServerRequest request() { return request; }

  /** Resumes a request paused for an asynchronous check (once its body handlers are set). */
  void resumeIfPaused() {
    if (paused) {
      paused = false;
      request.resume();
    }
  }
  public String requestId() { return requestId; }
  public Route route() { return route; }
  public String routeName() { return route == null ? null : route.name(); }
  public Outcome outcome() { return outcome; }
  public int upstreamStatus() { return upstreamStatus; }
  public long upstreamMs() { return upstreamMs; }
  public long startNanos() { return startNanos; }
  /** The lower-cased header that authenticated the client to the proxy (never forwarded), or null. */
  public String authHeader() { return client == null ? null : client.header(); }
}
