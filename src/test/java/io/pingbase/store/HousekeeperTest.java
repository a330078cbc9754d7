package io.pingbase.store;

import static io.pingbase.store.StoreFixtures.T0;
import static io.pingbase.store.StoreFixtures.tcp;
import static io.pingbase.store.StoreFixtures.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pingbase.monitor.CheckOutcome;
import io.pingbase.store.jdbc.JdbcStore;
import io.pingbase.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roll-ups and retention, tick by tick on a settable clock, against a real SQLite store. */
class HousekeeperTest {
  static final Duration HOUR = Duration.ofHours(1);
  static final Duration DAY = Duration.ofDays(1);

  @TempDir
  Path dir;
  JdbcStore store;
  final SettableClock clock = new SettableClock(T0);

  @BeforeEach
  void open() {
    store = JdbcStore.sqlite(dir.resolve("pingbase.db"), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** One result per monitor every {@code step} in [T0, T0 + span). */
  void fill(Duration span, Duration step, StoredMonitor... monitors) {
    List<CheckOutcome> batch = new ArrayList<>();
    for (Instant at = T0; at.isBefore(T0.plus(span)); at = at.plus(step)) {
      for (StoredMonitor m : monitors) {
        batch.add(up(m, at, 1000));
      }
    }
    store.results().append(batch);
  }

  long rawCount(StoredMonitor m) {
    return store.results().stats(m.ref(), T0.minus(DAY), T0.plus(Duration.ofDays(60))).total();
  }

  @Test
  void rollsUpClosedHoursAndPrunesPastRetention() {
    StoredMonitor a = store.monitors().save(tcp("a"));
    StoredMonitor b = store.monitors().save(tcp("b"));
    fill(Duration.ofDays(5), Duration.ofMinutes(30), a, b);
    var housekeeper = new Housekeeper(store.results(), clock,
        new Housekeeper.Retention(Duration.ofDays(2), Duration.ofDays(3)));

    // One minute after the last hour ended: within the grace, so that hour waits.
    clock.set(T0.plus(Duration.ofDays(5)).plusSeconds(60));
    Housekeeper.Report report = housekeeper.runOnce();
    assertThat(report.hoursRolledUp()).isEqualTo(5 * 24 - 1);
    assertThat(store.results().rollupWatermark()).contains(T0.plus(Duration.ofDays(5)).minus(HOUR));
    // Raw: kept from the hour of now - 2 days (T0 + 3d); 3 days * 48 go, per monitor.
    assertThat(report.resultsPruned()).isEqualTo(2 * 3 * 48);
    // Rollups: kept from the hour of now - 3 days (T0 + 2d); 2 days * 24 go, per monitor.
    assertThat(report.rollupsPruned()).isEqualTo(2 * 2 * 24);
    assertThat(store.results().oldestResult()).contains(T0.plus(Duration.ofDays(3)));

    assertThat(housekeeper.runOnce()).isEqualTo(new Housekeeper.Report(0, 0, 0));

    clock.advance(Duration.ofHours(2));
    assertThat(housekeeper.runOnce()).isEqualTo(new Housekeeper.Report(2, 2 * 4, 2 * 2));
  }

  @Test
  void rawResultsAreNeverPrunedBeforeTheirHourIsRolledUp() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    fill(Duration.ofDays(40), HOUR, m);
    var housekeeper = new Housekeeper(store.results(), clock,
        new Housekeeper.Retention(Duration.ofDays(2), Duration.ofDays(400)));
    clock.set(T0.plus(Duration.ofDays(40)).plus(Duration.ofMinutes(5)));

    // A store that was off for long: one run rolls up a month, and pruning stops at the watermark
    // although retention alone would delete up to 38 days.
    Housekeeper.Report first = housekeeper.runOnce();
    assertThat(first.hoursRolledUp()).isEqualTo(Housekeeper.MAX_HOURS_PER_RUN);
    Instant watermark = T0.plus(Duration.ofHours(Housekeeper.MAX_HOURS_PER_RUN));
    assertThat(store.results().rollupWatermark()).contains(watermark);
    assertThat(store.results().oldestResult()).contains(watermark);
    assertThat(first.resultsPruned()).isEqualTo(Housekeeper.MAX_HOURS_PER_RUN);

    Housekeeper.Report second = housekeeper.runOnce();
    assertThat(second.hoursRolledUp()).isEqualTo(40 * 24 - Housekeeper.MAX_HOURS_PER_RUN);
    assertThat(store.results().oldestResult()).contains(T0.plus(Duration.ofDays(38))); // the hour of now - 2 days
    assertThat(rawCount(m)).as("the rollups still cover the pruned days").isEqualTo(40 * 24);
  }

  @Test
  void runsPeriodicallyUntilStopped() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    fill(Duration.ofHours(3), Duration.ofMinutes(10), m);
    clock.set(T0.plus(Duration.ofHours(3)).plus(Housekeeper.CLOSE_GRACE));
    var housekeeper = new Housekeeper(store.results(), clock, Housekeeper.Retention.DEFAULT);
    housekeeper.start(Duration.ofMillis(20));
    try {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> store.results().rollupWatermark().equals(java.util.Optional.of(T0.plus(Duration.ofHours(3)))));
      clock.advance(HOUR); // nothing new, but the loop keeps going
      assertThatThrownBy(() -> housekeeper.start(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    } finally {
      housekeeper.stop();
    }
    housekeeper.stop(); // twice is fine
  }

  @Test
  void badRetentionIsNamed() {
    assertThatThrownBy(() -> new Housekeeper.Retention(Duration.ofHours(12), Duration.ofDays(400)))
        .hasMessageContaining("retention.raw must be at least 2 days");
    assertThatThrownBy(() -> new Housekeeper.Retention(Duration.ofDays(30), Duration.ofDays(7)))
        .hasMessageContaining("retention.rollups must be at least retention.raw");
  }
}
