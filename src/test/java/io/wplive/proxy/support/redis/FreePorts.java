package io.wplive.proxy.support.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports nobody listens on, for the redis-server processes the fixtures start. */
final class FreePorts {
  /** Redis Cluster also listens on port + 10000 (the cluster bus), so both must be free. */
  static final int CLUSTER_BUS_OFFSET = 10_000;

  private FreePorts() {
  }

  static int any() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  /** A port {@code p} with {@code p + 10000} free as well. */
  static int withClusterBus() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int p = ThreadLocalRandom.current().nextInt(20_000, 55_000);
      if (free(p) && free(p + CLUSTER_BUS_OFFSET)) {
        return p;
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
