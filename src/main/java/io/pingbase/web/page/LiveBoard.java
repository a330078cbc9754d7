package io.pingbase.web.page;

import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.OutcomeSink;
import io.pingbase.monitor.StateChange;
import io.pingbase.store.ResultStore;
import io.pingbase.store.StoredResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard shows live, kept beside the engine: each monitor's last {@link #BEATS} results
 * (the heartbeat bar and the sparkline), and which monitors changed since the last push.
 *
 * <p>It is an {@link OutcomeSink} teed off the engine's: taking a result costs a map lookup and a
 * ring write, never I/O. Rings exist only for monitors someone has looked at (read once from the
 * database, then kept current), so 100,000 monitors that nobody opens cost nothing. Once a second
 * a thread hands each live page the monitors it shows that changed.
 */
public final class LiveBoard implements OutcomeSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveBoard.class);
  public static final int BEATS = 30;
  static final Duration PUSH_EVERY = Duration.ofSeconds(1);

  /** One result in the heartbeat bar. */
  public record Beat(Instant at, MonitorState state, long responseMicros) {}

  /** A page watching some monitors: told of those that changed. */
  public interface Watcher {
    /** Whether this page shows the monitor with this key (its row, or a summary it counts in). */
    boolean watches(String key);

    void changed(List<String> keys);
  }

  private static final class Ring {
    private final Beat[] beats = new Beat[BEATS];
    private int next;
    private int size;

    synchronized void add(Beat b) {
      beats[next] = b;
      next = (next + 1) % BEATS;
      size = Math.min(size + 1, BEATS);
    }

    synchronized List<Beat> oldestFirst() {
      List<Beat> out = new ArrayList<>(size);
      for (int i = size; i > 0; i--) {
        out.add(beats[(next - i + BEATS) % BEATS]);
      }
      return out;
    }
  }

  private final ResultStore results;
  private final InstantSource clock;
  private final Map<String, Ring> rings = new ConcurrentHashMap<>();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final Thread pusher;
  private volatile boolean running = true;

  public LiveBoard(ResultStore results, InstantSource clock) {
    this.results = results;
    this.clock = clock;
    this.pusher = Thread.ofPlatform().name("pingbase-live-board").daemon().start(this::pushLoop);
  }

  @Override
  public void result(CheckOutcome o) {
    Ring ring = rings.get(o.monitorId());
    if (ring != null) {
      ring.add(new Beat(o.at(), o.observed(), o.result().responseMicros()));
    }
    dirty.add(o.monitorId());
  }

  @Override
  public void stateChanged(StateChange change) {
    dirty.add(change.monitorId());
  }

  /**
   * The last results of a monitor, oldest first: from memory, or (the first time) from the
   * database, which {@code ref} names. A database that does not answer gives an empty bar now and
   * another try next time.
   */
  public List<Beat> beats(String key, long ref) {
    Ring ring = rings.get(key);
    if (ring == null) {
      Ring loaded = new Ring();
      try {
        Instant now = clock.instant();
        List<StoredResult> newestFirst = results.results(ref, now.minus(Duration.ofDays(7)), now.plusSeconds(1),
            BEATS, null).items();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
          CheckOutcome o = newestFirst.get(i).outcome();
          loaded.add(new Beat(o.at(), o.observed(), o.result().responseMicros()));
        }
      } catch (RuntimeException e) {
        log.debug("could not read the recent results of {}: {}", key, e.getMessage());
        return List.of();
      }
      ring = rings.computeIfAbsent(key, k -> loaded);
    }
    return ring.oldestFirst();
  }

  /** Forgets a monitor's results (deleted, or changed so that old results mislead). */
  public void forget(String key) {
    rings.remove(key);
  }

  /** Registers a live page; the returned action unregisters it. */
  public Runnable watch(Watcher w) {
    watchers.add(w);
    return () -> watchers.remove(w);
  }

  private void pushLoop() {
    while (running) {
      try {
        Thread.sleep(PUSH_EVERY);
        if (dirty.isEmpty() || watchers.isEmpty()) {
          if (watchers.isEmpty()) {
            dirty.clear();
          }
          continue;
        }
        List<String> changed = new ArrayList<>(dirty);
        dirty.removeAll(changed);
        for (Watcher w : watchers) {
          List<String> mine = new ArrayList<>();
          for (String key : changed) {
            if (w.watches(key)) {
              mine.add(key);
            }
          }
          if (!mine.isEmpty()) {
            try {
              w.changed(mine);
            } catch (RuntimeException e) {
              log.debug("a live page could not be updated: {}", e.getMessage());
            }
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("live board push failed; going on: {}", e.toString());
      }
    }
  }


  @Override
  public void close() {
    running = false;
    pusher.interrupt();
  }

  /** Both sinks, in order; for teeing the live board off the engine's sink. */
  public static OutcomeSink both(OutcomeSink first, OutcomeSink second) {
    return new OutcomeSink() {
      @Override
      public void result(CheckOutcome outcome) {
        first.result(outcome);
        second.result(outcome);
      }

      @Override
      public void stateChanged(StateChange change) {
        first.stateChanged(change);
        second.stateChanged(change);
      }
    };
  }
}
