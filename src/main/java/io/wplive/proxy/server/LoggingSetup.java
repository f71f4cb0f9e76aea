package io.wplive.proxy.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Picks text or JSON log lines (SPEC §3 {@code logging.format}) once, at start-up. */
final class LoggingSetup {
  private LoggingSetup() {
  }

  /** @param format {@code text}, {@code json}, or {@code null} for text on a terminal and JSON otherwise */
  static void configure(String format) {
    boolean json = format == null ? System.console() == null : format.equals("json");
    if (!json || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return; // logback.xml is the text configuration
    }
    URL url = LoggingSetup.class.getResource("/logback-json.xml");
    if (url == null) {
      return;
    }
    ctx.reset();
    JoranConfigurator jc = new JoranConfigurator();
    jc.setContext(ctx);
    try {
      jc.doConfigure(url);
    } catch (JoranException e) {
      System.err.println("logging: cannot switch to JSON lines: " + e.getMessage());
    }
  }

  static void flush() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.stop();
    }
  }
}
