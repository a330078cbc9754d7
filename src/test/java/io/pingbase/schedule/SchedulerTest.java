package io.pingbase.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  final ManualClock clock = new ManualClock();
  final RecordingMetrics metrics = new RecordingMetrics();

  /** Runs jobs synchronously on the caller, so a test controls every step. */
  Scheduler direct() {
    return new Scheduler(clock, Runnable::run, 100, 100, metrics);
  }

  @Test
  void runsAtAFixedRateWithoutDrift() {
    Scheduler s = direct();
    List<Long> starts = new ArrayList<>();
    s.schedule("a", "h", Duration.ofSeconds(10), Duration.ofSeconds(3), followUp -> {
      starts.add(clock.nanoTime());
      return null;
    });
    long t0 = clock.nanoTime();
    for (int i = 0; i < 100; i++) { // walk 50 s in uneven steps
      clock.advance(Duration.ofMillis(500));
      s.runDue();
    }
    assertThat(starts).hasSize(5);
    for (int i = 0; i < starts.size(); i++) {
      assertThat(starts.get(i) - t0).isEqualTo(Duration.ofSeconds(3 + 10L * i).toNanos());
    }
    assertThat(metrics.lateness).containsOnly(0L);
  }

  @Test
  void firstRunsAreSpreadOverTheInterval() {
    Duration interval = Duration.ofSeconds(60);
    int[] perSecond = new int[60];
    for (int i = 0; i < 6_000; i++) {
      Duration offset = Scheduler.spread("monitor-" + i, interval);
      assertThat(offset).isLessThan(interval).isGreaterThanOrEqualTo(Duration.ZERO);
      perSecond[(int) offset.toSeconds()]++;
    }
    for (int count : perSecond) {
      assertThat(count).as("about 100 first runs per second").isBetween(50, 150);
    }
    assertThat(Scheduler.spread("db", interval)).as("stable across restarts").isEqualTo(Scheduler.spread("db", interval));
  }

  @Test
  void aRunStillInFlightSkipsItsNextPeriodicRunButNotOtherKeys() throws Exception {
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    Scheduler s = new Scheduler(clock, executor, 100, 100, metrics);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slowRuns = new AtomicInteger();
    AtomicInteger fastRuns = new AtomicInteger();
    s.schedule("slow", "h1", Duration.ofSeconds(1), Duration.ZERO, f -> {
      slowRuns.incrementAndGet();
      release.await(10, TimeUnit.SECONDS); // hangs
      return null;
    });
    s.schedule("fast", "h2", Duration.ofSeconds(1), Duration.ZERO, f -> {
      fastRuns.incrementAndGet();
      return null;
    });
    for (int i = 0; i < 5; i++) {
      s.runDue();
      clock.advance(Duration.ofSeconds(1));
      Thread.sleep(20); // let the virtual threads run; the clock does not move meanwhile
    }
    assertThat(fastRuns.get()).isEqualTo(5);
    assertThat(slowRuns.get()).isEqualTo(1);
    assertThat(metrics.skipped.get()).isEqualTo(4);
    release.countDown();
    executor.close();
  }

  @Test
  void aFollowUpChainRunsAfterItsDelayAndHoldsOffPeriodicRuns() {
    Scheduler s = direct();
    List<String> log = new ArrayList<>();
    AtomicInteger left = new AtomicInteger(2);
    s.schedule("m", "h", Duration.ofSeconds(2), Duration.ZERO, followUp -> {
      log.add((followUp ? "recheck" : "run") + "@" + (clock.nanoTime() / 1_000_000_000L));
      return left.getAndDecrement() > 0 ? Duration.ofMillis(1500) : null;
    });
    for (int i = 0; i < 12; i++) {
      s.runDue();
      clock.advance(Duration.ofMillis(500));
    }
    // run at 1, rechecks at 2.5 and 4; the periodic run due at 3 is skipped; next periodic at 5.
    assertThat(log).containsExactly("run@1", "recheck@2", "recheck@4", "run@5");
    assertThat(metrics.skipped.get()).isEqualTo(1);
  }

  @Test
  void cancelStopsAKeyAndDropsItsFollowUp() {
    Scheduler s = direct();
    AtomicInteger runs = new AtomicInteger();
    s.schedule("m", "h", Duration.ofSeconds(1), Duration.ZERO, f -> {
      runs.incrementAndGet();
      return Duration.ofMillis(100);
    });
    s.runDue();
    assertThat(s.cancel("m")).isTrue();
    clock.advance(Duration.ofSeconds(5));
    s.runDue();
    assertThat(runs.get()).isEqualTo(1);
    assertThat(s.isScheduled("m")).isFalse();
    assertThat(s.nanosUntilNext()).isIn(-1L, 0L);
  }

  @Test
  void rescheduleReplacesTheKey() {
    Scheduler s = direct();
    List<String> seen = new ArrayList<>();
    s.schedule("m", "h", Duration.ofSeconds(1), Duration.ZERO, f -> { seen.add("old"); return null; });
    s.schedule("m", "h", Duration.ofSeconds(1), Duration.ZERO, f -> { seen.add("new"); return null; });
    for (int i = 0; i < 3; i++) {
      s.runDue();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(seen).containsExactly("new", "new", "new");
  }

  @Test
  void aThrowingJobIsLoggedAndStaysScheduled() {
    Scheduler s = direct();
    AtomicInteger runs = new AtomicInteger();
    s.schedule("m", "h", Duration.ofSeconds(1), Duration.ZERO, f -> {
      runs.incrementAndGet();
      throw new IllegalStateException("boom");
    });
    for (int i = 0; i < 3; i++) {
      s.runDue();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(runs.get()).isEqualTo(3);
    assertThat(metrics.failed.get()).isEqualTo(3);
  }

  @Test
  void missedIntervalsAfterAStallAreSkippedNotBurst() {
    Scheduler s = direct();
    AtomicInteger runs = new AtomicInteger();
    s.schedule("m", "h", Duration.ofSeconds(1), Duration.ZERO, f -> { runs.incrementAndGet(); return null; });
    s.runDue();
    clock.advance(Duration.ofSeconds(30)); // the process was stopped
    s.runDue();
    s.runDue();
    assertThat(runs.get()).isEqualTo(2);
    assertThat(metrics.skipped.get()).isGreaterThanOrEqualTo(28);
  }

  @Test
  void thePerHostCapHoldsAndLatenessIsMeasuredAfterThePermit() throws Exception {
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    Scheduler s = new Scheduler(MonotonicClock.system(), executor, 100, 2, metrics);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(10);
    for (int i = 0; i < 10; i++) {
      s.schedule("k" + i, "same-host", Duration.ofHours(1), Duration.ZERO, f -> {
        peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        Thread.sleep(50);
        concurrent.decrementAndGet();
        done.countDown();
        return null;
      });
    }
    s.runDue();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(peak.get()).isEqualTo(2);
    // 10 runs, 2 at a time, 50 ms each: the last pair waited ~200 ms for its permits.
    assertThat(Collections.max(metrics.lateness)).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
    executor.close();
  }

  @Test
  void startMovesFirstRunsQueuedDuringStartUpSoTheyKeepTheirSpread() throws Exception {
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    try (Scheduler s = new Scheduler(clock, executor, 100, 100, metrics)) {
      s.schedule("a", "h", Duration.ofSeconds(60), Duration.ofSeconds(1), f -> null);
      s.schedule("b", "h", Duration.ofSeconds(60), Duration.ofSeconds(30), f -> null);
      clock.advance(Duration.ofSeconds(5)); // start-up took 5 s
      s.start();
      assertThat(s.nanosUntilNext()).as("a is due 1 s after start, not overdue").isEqualTo(Duration.ofSeconds(1).toNanos());
      clock.advance(Duration.ofSeconds(1));
      assertThat(s.runDue()).isEqualTo(1);
      assertThat(s.nanosUntilNext()).isEqualTo(Duration.ofSeconds(29).toNanos());
    }
    executor.close();
  }

  @Test
  void theDispatcherThreadRunsJobsOnTime() throws Exception {
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    try (Scheduler s = new Scheduler(MonotonicClock.system(), executor, 100, 100, metrics)) {
      s.start();
      CountDownLatch three = new CountDownLatch(3);
      s.schedule("m", "h", Duration.ofMillis(1000), Duration.ofMillis(50), f -> { three.countDown(); return null; });
      s.schedule("n", "h", Duration.ofMillis(100), Duration.ZERO, f -> { three.countDown(); return null; });
      assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
    }
    executor.close();
  }

  static final class RecordingMetrics implements SchedulerMetrics {
    final ConcurrentLinkedQueue<Long> lateness = new ConcurrentLinkedQueue<>();
    final AtomicInteger skipped = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();

    @Override
    public void lateness(long nanos) {
      lateness.add(nanos);
    }

    @Override
    public void skipped() {
      skipped.incrementAndGet();
    }

    @Override
    public void failed() {
      failed.incrementAndGet();
    }
  }
}
