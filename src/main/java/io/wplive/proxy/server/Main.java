package io.wplive.proxy.server;

import io.wplive.proxy.config.ConfigException;
import io.wplive.proxy.config.ConfigLoader;
import io.wplive.proxy.config.ProxyConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The command line (SPEC §2). Exit codes: 0 after SIGTERM/SIGINT, 2 for config or usage errors,
 * 1 for runtime failures such as a port in use.
 */
public final class Main {
  static final int EXIT_OK = 0;
  static final int EXIT_RUNTIME = 1;
  static final int EXIT_CONFIG = 2;
  /** How often the config file is checked for changes. */
  static final long RELOAD_CHECK_MS = 2_000;

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    String configPath = null;
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config", "-c" -> {
          if (i + 1 >= args.length) {
            System.err.println("--config: needs a file name");
            return EXIT_CONFIG;
          }
          configPath = args[++i];
        }
        case "--check-config" -> check = true;
        case "--help", "-h" -> {
          System.out.println("usage: java -jar wp-live-proxy.jar [--config FILE] [--check-config]");
          System.out.println("  --config FILE    the YAML config (default: $" + ConfigLoader.ENV_VAR + " or " + ConfigLoader.DEFAULT_PATH + ")");
          System.out.println("  --check-config   validate the config, print OK or one line per problem, and exit");
          return EXIT_OK;
        }
        default -> {
          System.err.println(args[i] + ": unknown option (see --help)");
          return EXIT_CONFIG;
        }
      }
    }
    ConfigLoader loader = ConfigLoader.fromSystemEnv();
    Path path = loader.resolvePath(configPath);
    ProxyConfig config;
    try {
      config = loader.load(path);
    } catch (ConfigException e) {
      e.problems().forEach(System.err::println);
      return EXIT_CONFIG;
    }
    if (check) {
      System.out.println("OK: " + config.upstreams().size() + " upstreams, " + config.routeTable().size() + " routes");
      return EXIT_OK;
    }
    LoggingSetup.configure(config.logging().format());
    return serve(config, path);
  }

  private static int serve(ProxyConfig config, Path path) {
    Logger log = LoggerFactory.getLogger(Main.class);
    ProxyServer server = new ProxyServer(config, Clock.systemUTC());
    try {
      server.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      log.error("cannot start: {}", cause.getMessage());
      System.err.println("cannot start: " + cause.getMessage());
      return EXIT_RUNTIME;
    }
    log.info("config {} (watched for changes)", path.toAbsolutePath());
    server.watch(path, ConfigLoader.fromSystemEnv(), RELOAD_CHECK_MS);
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable shutdown = () -> {
      log.info("signal received: draining (grace {})", config.server().shutdownGrace());
      server.stop().onComplete(ar -> stopped.countDown());
    };
    // handle the signals ourselves: a JVM killed by SIGTERM exits 143, operators expect 0
    Signal.handle(new Signal("TERM"), s -> shutdown.run());
    Signal.handle(new Signal("INT"), s -> shutdown.run());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("stopped");
    LoggingSetup.flush();
    return EXIT_OK;
  }
}
