package io.pingbase.app;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A small background chore run every {@code every} on a daemon thread: caught, logged, and run again next time. */
final class Periodic implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Periodic.class);
  private final Thread thread;

  Periodic(String name, Duration every, Runnable chore) {
    thread = Thread.ofPlatform().name("pingbase-" + name).daemon().start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(every);
          chore.run();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          log.warn("{} failed; trying again in {}: {}", name, every, e.getMessage());
        }
      }
    });
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
