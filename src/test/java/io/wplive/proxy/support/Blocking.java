package io.wplive.proxy.support;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking helpers for test threads (never call these on an event loop). */
public final class Blocking {
  private Blocking() {
  }

  public static <T> T await(Future<T> f) {
    return await(f, 10, TimeUnit.SECONDS);
  }

  public static <T> T await(Future<T> f, long amount, TimeUnit unit) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(amount, unit);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + amount + " " + unit, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A port that was free a moment ago (nothing listens on it now). */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
