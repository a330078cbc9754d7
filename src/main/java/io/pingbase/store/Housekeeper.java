package io.pingbase.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps storage in shape: rolls every closed hour up into hourly figures, then deletes raw results
 * and rollups past their retention.
 *
 * <p>An hour counts as closed {@link #CLOSE_GRACE} after it ends, so that results still in the
 * {@link ResultWriter}'s buffer, or of checks still running at the hour's end, are usually in
 * before it is rolled up. Later ones are not lost: they lower the watermark and the hour is rolled
 * up again on the next run.
 *
 * <p>Invariant: raw results are never pruned at or above the rollup watermark, whatever the
 * retention says, so no hour loses its raw results before it has its rollups.
 *
 * <p>Time comes from an {@link InstantSource}; tests set it and call {@link #runOnce()}.
 */
public final class Housekeeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);

  /** How long after its end an hour is taken as complete. */
  public static final Duration CLOSE_GRACE = Duration.ofMinutes(2);
  /**
   * Hours rolled up per run at most (a month), so that a store that was off for long catches up
   * over several runs and pruning still gets its turn in each.
   */
  static final int MAX_HOURS_PER_RUN = 31 * 24;

  /**
   * How long data is kept.
   *
   * @param raw     raw results; at least 2 days, since stats over up to 48 hours read raw results
   * @param rollups hourly rollups; at least as long as raw
   */
  public record Retention(Duration raw, Duration rollups) {
    static final Duration MIN_RAW = Duration.ofDays(2); // before DEFAULT: its constructor reads it
    public static final Retention DEFAULT = new Retention(Duration.ofDays(30), Duration.ofDays(400));

    public Retention {
      if (raw == null || raw.compareTo(MIN_RAW) < 0) {
        throw new IllegalArgumentException("retention.raw must be at least " + MIN_RAW.toDays()
            + " days (stats over up to 48 hours are computed from raw results), was " + raw);
      }
      if (rollups == null || rollups.compareTo(raw) < 0) {
        throw new IllegalArgumentException("retention.rollups must be at least retention.raw (" + raw + "), was " + rollups);
      }
    }
  }

  /** What one run did. */
  public record Report(int hoursRolledUp, long resultsPruned, long rollupsPruned) {}

  private final ResultStore results;
  private final InstantSource clock;
  private final Retention retention;

  private Thread thread;
  private CountDownLatch stop;
  // Pruning cutoffs are whole hours, and a run whose cutoffs equal the previous run's skips
  // pruning: it would only probe every monitor to find nothing. So pruning works once an hour.
  private Instant lastResultCutoff;
  private Instant lastRollupCutoff;

  public Housekeeper(ResultStore results, InstantSource clock, Retention retention) {
    this.results = results;
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * One pass: roll up closed hours, then prune. Failures propagate; the periodic loop logs them.
   * Runs one at a time.
   */
  public synchronized Report runOnce() {
    Instant now = clock.instant();
    Instant closedBy = now.minus(CLOSE_GRACE);
    int hours = 0;
    while (hours < MAX_HOURS_PER_RUN && results.rollUpNextHour(closedBy).isPresent()) {
      hours++;
    }
    if (hours == MAX_HOURS_PER_RUN) {
      log.info("Rolled up {} hours, the most per run; the rest follows in the next runs", hours);
    }

    Optional<Instant> watermark = results.rollupWatermark();
    long resultsPruned = 0;
    if (watermark.isPresent()) { // without a watermark nothing is rolled up, so nothing may go
      Instant cutoff = min(floorHour(now.minus(retention.raw())), watermark.get());
      if (!cutoff.equals(lastResultCutoff)) {
        resultsPruned = results.pruneResults(cutoff);
        lastResultCutoff = cutoff;
      }
    }
    long rollupsPruned = 0;
    Instant rollupCutoff = floorHour(now.minus(retention.rollups()));
    if (!rollupCutoff.equals(lastRollupCutoff)) {
      rollupsPruned = results.pruneRollups(rollupCutoff);
      lastRollupCutoff = rollupCutoff;
    }

    Report report = new Report(hours, resultsPruned, rollupsPruned);
    if (hours > 0 || resultsPruned > 0 || rollupsPruned > 0) {
      log.info("Housekeeping: rolled up {} hours (watermark now {}), pruned {} results and {} rollups",
          hours, results.rollupWatermark().map(Instant::toString).orElse("none"), resultsPruned, rollupsPruned);
    }
    return report;
  }

  /** Runs {@link #runOnce()} now and then every {@code every}, on a thread of its own, until {@link #stop()}. */
  public synchronized void start(Duration every) {
    if (every == null || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("housekeeping interval must be > 0, was " + every);
    }
    if (thread != null) {
      throw new IllegalStateException("the housekeeper is already started");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    stop = stopped;
    thread = Thread.ofPlatform().name("pingbase-housekeeper").daemon().start(() -> loop(every, stopped));
  }

  private void loop(Duration every, CountDownLatch stopped) {
    try {
      do {
        try {
          runOnce();
        } catch (RuntimeException e) {
          log.error("Housekeeping failed (roll-ups and pruning resume on the next run in {}): {}",
              every, e.getMessage(), e);
        }
      } while (!stopped.await(every.toNanos(), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the periodic runs, waiting for one in progress to finish. */
  public void stop() {
    Thread t;
    synchronized (this) {
      t = thread;
      if (t == null) {
        return;
      }
      stop.countDown();
      thread = null;
    }
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static Instant floorHour(Instant t) {
    return t.truncatedTo(ChronoUnit.HOURS);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
