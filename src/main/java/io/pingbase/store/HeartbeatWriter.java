package io.pingbase.store;

import io.pingbase.check.heartbeat.HeartbeatHub;
import io.pingbase.check.heartbeat.PingState;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists heartbeat ping states in the background: every {@code every}, the states that changed
 * since the last round, latest only, in one transaction. Thousands of pings a second to one monitor
 * cost one row write a second; a ping never waits for the database.
 *
 * <p>Durability: what a crash (kill -9, power loss) can lose is the pings of the last round, about
 * a second; the in-memory state, which the engine judges, is always the latest. A failed write is
 * retried next round (the states are marked changed again), and {@link #close} writes what is left.
 */
public final class HeartbeatWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatWriter.class);

  private final HeartbeatHub hub;
  private final HeartbeatStore store;
  private final Duration every;
  private final Object wake = new Object();
  private volatile boolean running;
  private Thread thread;

  public HeartbeatWriter(HeartbeatHub hub, HeartbeatStore store, Duration every) {
    this.hub = hub;
    this.store = store;
    this.every = every;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("pingbase-heartbeat-writer").daemon(true).start(this::loop);
  }

  /** Writes the changed states now; true when there was nothing to write or the write succeeded. */
  public boolean flush() {
    Map<String, PingState> changed = hub.drainChanged();
    if (changed.isEmpty()) {
      return true;
    }
    try {
      store.saveAll(changed);
      return true;
    } catch (RuntimeException e) {
      hub.retry(changed.keySet());
      log.warn("could not store {} heartbeat ping state(s); retrying: {}", changed.size(), e.getMessage());
      return false;
    }
  }

  private void loop() {
    while (running) {
      synchronized (wake) {
        try {
          if (running) {
            wake.wait(every.toMillis());
          }
        } catch (InterruptedException e) {
          return;
        }
      }
      try {
        flush();
      } catch (RuntimeException | Error e) {
        log.error("heartbeat writer round failed; continuing", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      synchronized (wake) { // not an interrupt: it could land in the middle of a JDBC write
        wake.notifyAll();
      }
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
    flush();
  }
}
