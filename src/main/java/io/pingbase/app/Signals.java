package io.pingbase.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGHUP reloads the config, as daemons do. Quietly unavailable where the JVM does not offer signals. */
final class Signals {
  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  @SuppressWarnings("restriction")
  static void onHangup(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
        log.info("SIGHUP: reloading the config");
        Thread.ofVirtual().start(action);
      });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.info("SIGHUP not available here ({}); reload by editing the file", e.getMessage());
    }
  }
}
