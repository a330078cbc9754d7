package io.pingbase.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Target;
import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.store.Page;
import io.pingbase.store.ResponseStats;
import io.pingbase.store.StoreException;
import io.pingbase.store.StoredEvent;
import io.pingbase.store.StoredMonitor;
import io.pingbase.store.StoredResult;
import io.pingbase.testing.SettableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JdbcStore} must do, whatever the database: one subclass per dialect runs
 * these same scenarios.
 */
abstract class StoreContractTest {
  static final Instant T0 = Instant.parse("2025-03-10T00:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);

  final SettableClock clock = new SettableClock(T0);
  JdbcStore store;

  /** Opens the store under test; called again to reopen the same database. */
  abstract JdbcStore open(InstantSource clock);

  /** A plain connection to the same database, for changes behind the store's back. */
  abstract Connection rawConnection() throws SQLException;

  /** Removes the database after the store is closed. */
  abstract void cleanUp();

  @BeforeEach
  void openStore() {
    store = open(clock);
  }

  @AfterEach
  void closeStore() {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      cleanUp();
    }
  }

  // ---- fixtures --------------------------------------------------------------------------------

  static Monitor tcp(String id) {
    return new Monitor(id, "Monitor " + id, new Target.Tcp("127.0.0.1", 5432), Duration.ofSeconds(30),
        Duration.ofSeconds(5), Duration.ofMillis(500), "Infrastructure", ConfirmationPolicy.DEFAULT,
        MonitorSource.FILE);
  }

  static CheckOutcome up(StoredMonitor m, Instant at, long micros) {
    return new CheckOutcome(m.ref(), m.monitor().id(), at, MonitorState.UP,
        CheckResult.up(micros, Phases.tcp(Phases.ABSENT, micros), "127.0.0.1:5432"), false);
  }

  static CheckOutcome degraded(StoredMonitor m, Instant at, long micros) {
    return new CheckOutcome(m.ref(), m.monitor().id(), at, MonitorState.DEGRADED,
        CheckResult.up(micros, new Phases(12, micros, Phases.ABSENT, Phases.ABSENT, Phases.ABSENT), "127.0.0.1:5432"),
        false);
  }

  static CheckOutcome down(StoredMonitor m, Instant at) {
    return new CheckOutcome(m.ref(), m.monitor().id(), at, MonitorState.DOWN,
        CheckResult.down(FailureReason.REFUSED, "connection refused by 127.0.0.1:5432", 150,
            Phases.tcp(20, 130), "127.0.0.1:5432"), true);
  }

  static StateChange change(StoredMonitor m, MonitorState from, MonitorState to, Instant at) {
    return new StateChange(m.ref(), m.monitor().id(), from, to, at,
        to == MonitorState.DOWN ? FailureReason.TIMEOUT : null, "seen " + to, to == MonitorState.DOWN ? -1 : 800);
  }

  JdbcResultStore results() {
    return (JdbcResultStore) store.results();
  }

  int rollUpUntil(Instant closedBy) {
    int hours = 0;
    while (store.results().rollUpNextHour(closedBy).isPresent()) {
      hours++;
      assertThat(hours).as("roll-up loop is bounded").isLessThan(10_000);
    }
    return hours;
  }

  long count(String table) throws SQLException {
    try (Connection c = rawConnection(); Statement st = c.createStatement();
         var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---- monitors --------------------------------------------------------------------------------

  @Test
  void savedMonitorsAreFoundAndListedById() {
    Monitor b = tcp("b-api");
    Monitor a = new Monitor("a-db", "Primary DB", new Target.Tcp("::1", 6432), Duration.ofMinutes(1),
        Duration.ofMillis(2500), null, null, new ConfirmationPolicy(0, Duration.ZERO), MonitorSource.API);
    StoredMonitor savedB = store.monitors().save(b);
    StoredMonitor savedA = store.monitors().save(a);

    assertThat(savedA.ref()).isNotEqualTo(savedB.ref());
    assertThat(savedA.monitor()).isEqualTo(a);
    assertThat(savedA.state()).isEqualTo(MonitorState.PENDING);
    assertThat(savedA.stateSince()).isNull();
    assertThat(savedA.paused()).isFalse();
    assertThat(savedA.createdAt()).isEqualTo(T0);
    assertThat(store.monitors().find("a-db")).contains(savedA);
    assertThat(store.monitors().find("nope")).isEmpty();
    assertThat(store.monitors().list()).extracting(s -> s.monitor().id()).containsExactly("a-db", "b-api");
    assertThat(store.monitors().list().get(1).monitor()).isEqualTo(b);
  }

  @Test
  void savingAgainReplacesTheDefinitionAndKeepsRefStateAndPause() {
    StoredMonitor first = store.monitors().save(tcp("db"));
    store.monitors().setPaused("db", true);
    store.events().append(change(first, MonitorState.PENDING, MonitorState.DOWN, T0.plusSeconds(5)));
    clock.advance(HOUR);

    Monitor renamed = new Monitor("db", "Renamed", new Target.Tcp("127.0.0.2", 15432), Duration.ofSeconds(10),
        Duration.ofSeconds(2), null, "Other", new ConfirmationPolicy(3, Duration.ofMillis(250)), MonitorSource.API);
    StoredMonitor second = store.monitors().save(renamed);

    assertThat(second.ref()).isEqualTo(first.ref());
    assertThat(second.monitor()).isEqualTo(renamed);
    assertThat(second.paused()).isTrue();
    assertThat(second.state()).isEqualTo(MonitorState.DOWN);
    assertThat(second.stateSince()).isEqualTo(T0.plusSeconds(5));
    assertThat(second.createdAt()).isEqualTo(T0);
    assertThat(second.updatedAt()).isEqualTo(T0.plus(HOUR));
  }

  @Test
  void saveAllStoresManyInOneGoInTheGivenOrderAndUpdatesExistingOnes() {
    StoredMonitor existing = store.monitors().save(tcp("m-0150"));
    store.monitors().setPaused("m-0150", true);
    java.util.List<Monitor> many = new java.util.ArrayList<>();
    for (int i = 299; i >= 0; i--) {
      many.add(tcp(String.format("m-%04d", i)));
    }
    java.util.List<StoredMonitor> saved = store.monitors().saveAll(many);
    assertThat(saved).extracting(s -> s.monitor().id()).containsExactlyElementsOf(
        many.stream().map(Monitor::id).toList());
    assertThat(saved).extracting(StoredMonitor::ref).doesNotHaveDuplicates();
    StoredMonitor again = saved.stream().filter(s -> s.monitor().id().equals("m-0150")).findFirst().orElseThrow();
    assertThat(again.ref()).isEqualTo(existing.ref());
    assertThat(again.paused()).isTrue();
    assertThat(store.monitors().list()).hasSize(300);
    assertThat(store.monitors().saveAll(java.util.List.of())).isEmpty();
  }

  @Test
  void deletedMonitorDisappearsAndSavingItAgainRevivesItWithItsHistory() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    store.monitors().setPaused("db", true);
    store.results().append(List.of(up(m, T0.plusSeconds(1), 900), down(m, T0.plusSeconds(31))));
    store.events().append(change(m, MonitorState.PENDING, MonitorState.DOWN, T0.plusSeconds(31)));

    assertThat(store.monitors().delete("db")).isTrue();
    assertThat(store.monitors().delete("db")).as("deleting twice").isFalse();
    assertThat(store.monitors().find("db")).isEmpty();
    assertThat(store.monitors().list()).isEmpty();
    assertThatThrownBy(() -> store.monitors().setPaused("db", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'db'");

    clock.advance(HOUR);
    StoredMonitor revived = store.monitors().save(tcp("db"));
    assertThat(revived.ref()).isEqualTo(m.ref());
    assertThat(revived.createdAt()).isEqualTo(T0);
    // Revived like a new monitor: not paused, no confirmed state yet.
    assertThat(revived.paused()).isFalse();
    assertThat(revived.state()).isEqualTo(MonitorState.PENDING);
    assertThat(revived.stateSince()).isNull();
    assertThat(store.results().results(m.ref(), T0, T0.plus(HOUR), 10, null).items()).hasSize(2);
    assertThat(store.events().events(m.ref(), T0, T0.plus(HOUR), 10)).hasSize(1);
  }

  @Test
  void pausingAnUnknownMonitorNamesIt() {
    assertThatThrownBy(() -> store.monitors().setPaused("ghost", true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no monitor with id 'ghost'");
  }

  // ---- results ---------------------------------------------------------------------------------

  @Test
  void resultsComeBackNewestFirstPageByPage() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    StoredMonitor other = store.monitors().save(tcp("other"));
    List<CheckOutcome> written = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // Pairs share a millisecond, so the cursor must break ties by id.
      Instant at = T0.plusMillis(1000L * (i / 2));
      written.add(switch (i % 3) {
        case 0 -> up(m, at, 1000 + i);
        case 1 -> degraded(m, at, 600_000 + i);
        default -> down(m, at);
      });
    }
    store.results().append(written);
    store.results().append(List.of(up(other, T0, 5)));

    List<StoredResult> read = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<StoredResult> page = store.results().results(m.ref(), T0, T0.plus(HOUR), 10, cursor);
      read.addAll(page.items());
      cursor = page.next();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(3);
    assertThat(read).hasSize(25);
    // Newest first: the reverse of insertion order (ids grow with insertion within a millisecond).
    assertThat(read).extracting(StoredResult::outcome).containsExactlyElementsOf(written.reversed());
    assertThat(read).extracting(StoredResult::id).doesNotHaveDuplicates();

    // [from, to) bounds apply.
    assertThat(store.results().results(m.ref(), T0.plusSeconds(2), T0.plusSeconds(4), 100, null).items())
        .extracting(r -> r.outcome().at()).containsExactly(
            T0.plusSeconds(3), T0.plusSeconds(3), T0.plusSeconds(2), T0.plusSeconds(2));
  }

  @Test
  void detailsAndWarningsComeBackAsWritten() {
    StoredMonitor m = store.monitors().save(tcp("web"));
    java.util.Map<String, Object> facts = new java.util.LinkedHashMap<>();
    facts.put("status", 200);
    facts.put("banner", "SSH-2.0-OpenSSH_9.2 \"quoted\" ünïcode");
    facts.put("ratio", 0.5);
    facts.put("tls", true);
    facts.put("sans", List.of("a.example", "b.example"));
    facts.put("certificate", java.util.Map.of("days-left", 12L));
    facts.put("none", null);
    CheckResult warned = CheckResult.up(900, Phases.tcp(Phases.ABSENT, 900), "127.0.0.1:443")
        .withWarning("certificate expires in 12 days").withDetails(facts);
    CheckResult failed = CheckResult.down(FailureReason.PROTOCOL, "expected +PONG, got \"-ERR\"", 300,
        Phases.tcp(Phases.ABSENT, 200), "127.0.0.1:6379").withDetails(java.util.Map.of("received", "-ERR"));
    List<CheckOutcome> written = List.of(
        new CheckOutcome(m.ref(), "web", T0, MonitorState.DEGRADED, warned, false),
        new CheckOutcome(m.ref(), "web", T0.plusSeconds(1), MonitorState.DOWN, failed, false),
        up(m, T0.plusSeconds(2), 100));
    store.results().append(written);

    List<CheckOutcome> read = store.results().results(m.ref(), T0, T0.plus(HOUR), 10, null).items().stream()
        .map(StoredResult::outcome).toList();
    assertThat(read).containsExactlyElementsOf(written.reversed());
    assertThat(read.getLast().result().warning()).isEqualTo("certificate expires in 12 days");
    assertThat(read.getLast().result().details().get("status")).isEqualTo(200L);
    assertThat(read.getFirst().result().details()).isEmpty();
  }

  @Test
  void aForgedCursorIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> store.results().results(1, T0, T0.plus(HOUR), 10, "not-a-cursor!"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cursor");
    assertThatThrownBy(() -> store.results().results(1, T0, T0.plus(HOUR), 0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
  }

  @Test
  void oldestResultIsTheEarliestOfAnyMonitor() {
    assertThat(store.results().oldestResult()).isEmpty();
    StoredMonitor a = store.monitors().save(tcp("a"));
    StoredMonitor b = store.monitors().save(tcp("b"));
    store.results().append(List.of(up(a, T0.plusSeconds(50), 1), up(b, T0.plusSeconds(7), 1), up(a, T0.plusSeconds(9), 1)));
    assertThat(store.results().oldestResult()).contains(T0.plusSeconds(7));
  }

  @Test
  void resultsOfAnUnknownMonitorAreRejectedNotRetried() {
    StoredMonitor real = store.monitors().save(tcp("db"));
    StoredMonitor ghost = new StoredMonitor(real.ref() + 1000, tcp("ghost"), false, MonitorState.PENDING, null, T0, T0);
    assertThatThrownBy(() -> store.results().append(List.of(up(real, T0, 1), up(ghost, T0, 1))))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.rejected()).as("rejected: " + e.getMessage()).isTrue();
          assertThat(e.getMessage()).startsWith("append 2 results failed");
        });
    assertThat(store.results().results(real.ref(), T0, T0.plus(HOUR), 10, null).items())
        .as("nothing of a failed batch is written").isEmpty();
  }

  // ---- stats -----------------------------------------------------------------------------------

  @Test
  void shortRangeStatsAreExactFromRawResults() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    StoredMonitor silent = store.monitors().save(tcp("silent"));
    List<CheckOutcome> batch = new ArrayList<>();
    for (int i = 1; i <= 20; i++) { // 1000 .. 20000 µs, the last four degraded
      Instant at = T0.plusSeconds(30L * i);
      batch.add(i <= 16 ? up(m, at, 1000L * i) : degraded(m, at, 1000L * i));
    }
    batch.add(down(m, T0.plusSeconds(1)));
    batch.add(down(m, T0.plusSeconds(2)));
    batch.add(down(silent, T0.plusSeconds(3)));
    store.results().append(batch);

    ResponseStats s = store.results().stats(m.ref(), T0, T0.plus(Duration.ofHours(48)));
    // p95 by nearest rank: rank ceil(0.95 * 20) = 19, the 19th smallest value.
    assertThat(s).isEqualTo(new ResponseStats(16, 4, 2, 1000, 10_500, 20_000, 19_000, true));

    assertThat(store.results().stats(silent.ref(), T0, T0.plus(HOUR)))
        .as("no answering results: response figures are -1")
        .isEqualTo(new ResponseStats(0, 0, 1, -1, -1, -1, -1, true));
    assertThat(store.results().stats(m.ref(), T0.plus(HOUR), T0.plus(HOUR)))
        .isEqualTo(new ResponseStats(0, 0, 0, -1, -1, -1, -1, true));
  }

  @Test
  void longRangeStatsUseRollupsForWholeHoursBelowTheWatermark() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    // Four days, one result every 10 minutes from 00:05; every hour looks alike: one DOWN and
    // five answers of 1, 2, 3, 4 and 50 ms (the 50 ms one DEGRADED). Per hour and overall the
    // p95 is then 50 ms, so the rollup estimate must equal the exact figure.
    List<CheckOutcome> batch = new ArrayList<>();
    long[] pattern = {1000, 2000, 3000, 4000, 50_000, -1};
    for (int i = 0; i < 4 * 24 * 6; i++) {
      Instant at = T0.plus(Duration.ofMinutes(5 + 10L * i));
      long v = pattern[i % 6];
      batch.add(v < 0 ? down(m, at) : v > 10_000 ? degraded(m, at, v) : up(m, at, v));
    }
    store.results().append(batch);
    Instant from = T0.plus(Duration.ofMinutes(20)); // ragged edges on both sides
    Instant to = T0.plus(Duration.ofDays(4)).minus(Duration.ofMinutes(15));
    ResponseStats exact = store.results().stats(m.ref(), from, to);
    assertThat(exact.exact()).as("nothing rolled up yet: all raw").isTrue();

    assertThat(rollUpUntil(T0.plus(Duration.ofDays(3)))).isEqualTo(72);
    assertThat(store.results().rollupWatermark()).contains(T0.plus(Duration.ofDays(3)));

    ResponseStats mixed = store.results().stats(m.ref(), from, to);
    assertThat(mixed.exact()).isFalse();
    assertThat(mixed).usingRecursiveComparison().ignoringFields("exact").isEqualTo(exact);
    assertThat(exact.total()).isEqualTo(batch.size() - 4); // 2 results before `from`, 2 after `to`
    assertThat(exact.p95Micros()).isEqualTo(50_000);

    // Short ranges stay exact even where rollups exist.
    assertThat(store.results().stats(m.ref(), from, from.plus(Duration.ofHours(24))).exact()).isTrue();
  }

  @Test
  void rollupP95IsTheCountWeightedMeanOfHourlyP95s() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    List<CheckOutcome> batch = new ArrayList<>();
    // Hour 0: 10 answers of 1 ms. Hour 1: 30 answers of 9 ms. Hours 2..49: nothing.
    for (int i = 0; i < 10; i++) {
      batch.add(up(m, T0.plusSeconds(60L * i), 1000));
    }
    for (int i = 0; i < 30; i++) {
      batch.add(up(m, T0.plus(HOUR).plusSeconds(60L * i), 9000));
    }
    store.results().append(batch);
    rollUpUntil(T0.plus(Duration.ofHours(50)));
    ResponseStats s = store.results().stats(m.ref(), T0, T0.plus(Duration.ofHours(50)));
    assertThat(s).isEqualTo(new ResponseStats(40, 0, 0, 1000, 7000, 9000, 7000, false));
  }

  // ---- rollups ---------------------------------------------------------------------------------

  @Test
  void aChartHasBucketsOfCountsResponseTimesAndPhasesAndLongRangesComeFromRollups() {
    StoredMonitor m = store.monitors().save(tcp("chart"));
    store.results().append(List.of(
        up(m, T0.plusSeconds(10), 1_000), up(m, T0.plusSeconds(20), 3_000), down(m, T0.plusSeconds(30)),
        degraded(m, T0.plus(HOUR).plusSeconds(5), 9_000)));
    List<io.pingbase.store.SeriesPoint> points = store.results().series(m.ref(), T0, T0.plus(Duration.ofHours(3)), HOUR);
    assertThat(points).hasSize(2);
    io.pingbase.store.SeriesPoint first = points.get(0);
    assertThat(first.start()).isEqualTo(T0);
    assertThat(List.of(first.up(), first.degraded(), first.down())).containsExactly(2L, 0L, 1L);
    assertThat(first.avgMicros()).as("answered checks only").isEqualTo(2_000);
    assertThat(first.maxMicros()).isEqualTo(3_000);
    assertThat(first.connectMicros()).isEqualTo(2_000);
    assertThat(first.dnsMicros()).as("no DNS phase in these results").isNull();
    assertThat(points.get(1).start()).isEqualTo(T0.plus(HOUR));
    assertThat(points.get(1).dnsMicros()).isEqualTo(12);
    assertThat(store.results().series(m.ref(), T0.plusSeconds(15), T0.plusSeconds(25), Duration.ofSeconds(5)))
        .extracting(io.pingbase.store.SeriesPoint::start).containsExactly(T0.plusSeconds(20));

    // Over 7 days: whole hours from the rollups (no phases kept there), raw results after them.
    rollUpUntil(T0.plus(Duration.ofHours(2)));
    store.results().append(List.of(up(m, T0.plus(Duration.ofHours(2)).plusSeconds(1), 4_000)));
    List<io.pingbase.store.SeriesPoint> longRange = store.results().series(m.ref(), T0.minus(Duration.ofDays(8)),
        T0.plus(Duration.ofDays(1)), Duration.ofDays(1));
    assertThat(longRange).hasSize(1);
    io.pingbase.store.SeriesPoint day = longRange.get(0);
    assertThat(List.of(day.up(), day.degraded(), day.down())).containsExactly(3L, 1L, 1L);
    assertThat(day.avgMicros()).isEqualTo((1_000 + 3_000 + 9_000 + 4_000) / 4);
    assertThat(day.maxMicros()).isEqualTo(9_000);
  }

  @Test
  void rollUpCountsEveryStateAndComputesExactResponseFigures() {
    StoredMonitor a = store.monitors().save(tcp("a"));
    StoredMonitor b = store.monitors().save(tcp("b"));
    StoredMonitor idle = store.monitors().save(tcp("idle"));
    Instant hour = T0.plus(Duration.ofHours(5));
    List<CheckOutcome> batch = new ArrayList<>();
    for (int i = 1; i <= 100; i++) { // 100 µs .. 10 ms, shuffled in time
      Instant at = hour.plusSeconds((i * 37L) % 3600);
      batch.add(i > 90 ? degraded(a, at, 100L * i) : up(a, at, 100L * i));
    }
    for (int i = 0; i < 5; i++) {
      batch.add(down(a, hour.plusSeconds(100 + i)));
      batch.add(down(b, hour.plusSeconds(200 + i)));
    }
    batch.add(up(a, hour.minusMillis(1), 1)); // the hour before
    batch.add(up(a, hour.plus(HOUR), 1)); // the hour after
    store.results().append(batch);

    assertThat(store.results().rollUp(hour)).isEqualTo(2);
    Rollup expectedA = new Rollup(a.ref(), hour.toEpochMilli(), 90, 10, 5, 100, 5050, 10_000, 9500);
    Rollup expectedB = new Rollup(b.ref(), hour.toEpochMilli(), 0, 0, 5, -1, -1, -1, -1);
    assertThat(results().rollup(a.ref(), hour)).contains(expectedA);
    assertThat(results().rollup(b.ref(), hour)).contains(expectedB);
    assertThat(results().rollup(idle.ref(), hour)).isEmpty();

    // Idempotent; and a re-run picks up results added since.
    assertThat(store.results().rollUp(hour)).isEqualTo(2);
    assertThat(results().rollup(a.ref(), hour)).contains(expectedA);
    store.results().append(List.of(up(b, hour.plusSeconds(5), 777)));
    store.results().rollUp(hour);
    assertThat(results().rollup(b.ref(), hour))
        .contains(new Rollup(b.ref(), hour.toEpochMilli(), 1, 0, 5, 777, 777, 777, 777));

    assertThatThrownBy(() -> store.results().rollUp(hour.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the start of an hour");
  }

  @Test
  void rollUpNextHourStartsAtTheOldestResultAndWaitsUntilTheHourHasClosed() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    assertThat(store.results().rollUpNextHour(T0.plus(Duration.ofDays(1)))).as("no results at all").isEmpty();
    store.results().append(List.of(up(m, T0.plus(Duration.ofMinutes(130)), 1000)));

    assertThat(store.results().rollUpNextHour(T0.plus(Duration.ofMinutes(179)))).isEmpty();
    assertThat(store.results().rollupWatermark()).isEmpty();
    assertThat(store.results().rollUpNextHour(T0.plus(Duration.ofMinutes(180)))).contains(T0.plus(Duration.ofHours(2)));
    assertThat(store.results().rollupWatermark()).contains(T0.plus(Duration.ofHours(3)));
    assertThat(store.results().rollUpNextHour(T0.plus(Duration.ofMinutes(180)))).isEmpty();
  }

  @Test
  void lateResultsLowerTheWatermarkAndAreRolledUp() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    List<CheckOutcome> batch = new ArrayList<>();
    for (int h = 0; h < 6; h++) {
      batch.add(up(m, T0.plus(Duration.ofHours(h)).plusSeconds(10), 1000));
    }
    store.results().append(batch);
    rollUpUntil(T0.plus(Duration.ofHours(6)));
    assertThat(store.results().rollupWatermark()).contains(T0.plus(Duration.ofHours(6)));
    Instant hour2 = T0.plus(Duration.ofHours(2));
    assertThat(results().rollup(m.ref(), hour2)).map(Rollup::up).contains(1);

    // Results buffered during an outage arrive: one of them is for hour 2, long rolled up.
    store.results().append(List.of(down(m, hour2.plusSeconds(1800)), up(m, T0.plus(Duration.ofHours(6)), 3000)));
    assertThat(store.results().rollupWatermark()).contains(hour2);

    assertThat(rollUpUntil(T0.plus(Duration.ofHours(6)))).isEqualTo(4);
    assertThat(results().rollup(m.ref(), hour2)).map(Rollup::down).contains(1);
    assertThat(store.results().rollupWatermark()).contains(T0.plus(Duration.ofHours(6)));

    // A batch entirely above the watermark leaves it alone.
    store.results().append(List.of(up(m, T0.plus(Duration.ofHours(7)), 1000)));
    assertThat(store.results().rollupWatermark()).contains(T0.plus(Duration.ofHours(6)));
  }

  // ---- pruning ---------------------------------------------------------------------------------

  @Test
  void pruningDeletesOnlyOlderRowsInChunks() throws SQLException {
    StoredMonitor a = store.monitors().save(tcp("a"));
    StoredMonitor b = store.monitors().save(tcp("b"));
    List<CheckOutcome> batch = new ArrayList<>();
    int many = JdbcResultStore.PRUNE_CHUNK + 1; // forces a second chunk for monitor a
    for (int i = 0; i < many; i++) {
      batch.add(up(a, T0.plusMillis(i), 10));
    }
    for (int h = 0; h < 3; h++) {
      batch.add(up(b, T0.plus(Duration.ofHours(h)), 10));
      batch.add(up(a, T0.plus(Duration.ofHours(h)).plusSeconds(1800), 10));
    }
    store.results().append(batch);
    store.monitors().delete("b"); // pruning covers deleted monitors' history too
    rollUpUntil(T0.plus(Duration.ofHours(3)));
    assertThat(count("rollup_hourly")).isEqualTo(6);

    Instant cut = T0.plus(HOUR);
    assertThat(store.results().pruneResults(cut)).isEqualTo(many + 1 + 1);
    assertThat(store.results().oldestResult()).contains(cut);
    assertThat(count("check_result")).isEqualTo(4);
    assertThat(store.results().pruneResults(cut)).isZero();

    assertThat(store.results().pruneRollups(cut)).isEqualTo(2);
    assertThat(count("rollup_hourly")).isEqualTo(4);
  }

  // ---- events ----------------------------------------------------------------------------------

  @Test
  void anEventAndTheMonitorsStateAreWrittenTogether() {
    StoredMonitor m = store.monitors().save(tcp("db"));
    StoredMonitor other = store.monitors().save(tcp("other"));
    StateChange toUp = change(m, MonitorState.PENDING, MonitorState.UP, T0.plusSeconds(10));
    StateChange toDown = change(m, MonitorState.UP, MonitorState.DOWN, T0.plusSeconds(70));
    StateChange otherUp = change(other, MonitorState.PENDING, MonitorState.UP, T0.plusSeconds(40));
    store.events().append(toUp);
    store.events().append(otherUp);
    store.events().append(toDown);

    StoredMonitor after = store.monitors().find("db").orElseThrow();
    assertThat(after.state()).isEqualTo(MonitorState.DOWN);
    assertThat(after.stateSince()).isEqualTo(T0.plusSeconds(70));

    assertThat(store.events().events(m.ref(), T0, T0.plus(HOUR), 10)).extracting(StoredEvent::change)
        .containsExactly(toDown, toUp);
    assertThat(store.events().events(null, T0, T0.plus(HOUR), 10)).extracting(StoredEvent::change)
        .containsExactly(toDown, otherUp, toUp);
    assertThat(store.events().events(null, T0, T0.plus(HOUR), 2)).hasSize(2);
    assertThat(store.events().events(null, T0.plusSeconds(11), T0.plusSeconds(70), 10))
        .extracting(StoredEvent::change).containsExactly(otherUp);

    assertThat(store.events().lastBefore(m.ref(), T0.plusSeconds(70))).contains(toUp);
    assertThat(store.events().lastBefore(m.ref(), T0.plusSeconds(71))).contains(toDown);
    assertThat(store.events().lastBefore(m.ref(), T0.plusSeconds(10))).isEmpty();
  }

  @Test
  void anEventOfAnUnknownMonitorIsRejectedAndChangesNothing() throws SQLException {
    StoredMonitor real = store.monitors().save(tcp("db"));
    StoredMonitor ghost = new StoredMonitor(real.ref() + 1000, tcp("ghost"), false, MonitorState.PENDING, null, T0, T0);
    assertThatThrownBy(() -> store.events().append(change(ghost, MonitorState.UP, MonitorState.DOWN, T0)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.rejected()).isTrue());
    assertThat(count("state_event")).isZero();
  }

  // ---- schema ----------------------------------------------------------------------------------

  @Test
  void migratingTwiceChangesNothingAndKeepsData() throws SQLException {
    StoredMonitor m = store.monitors().save(tcp("db"));
    store.results().append(List.of(up(m, T0, 1)));
    store.close();
    store = open(clock);
    store.close();
    store = open(clock);

    assertThat(store.monitors().find("db")).map(StoredMonitor::ref).contains(m.ref());
    assertThat(count("check_result")).isEqualTo(1);
    assertThat(count("schema_version")).isEqualTo(Migrator.LATEST);
    assertThat(count("meta")).isEqualTo(1);
  }

  @Test
  void aSchemaNewerThanTheCodeIsRefused() throws SQLException {
    store.close();
    store = null;
    try (Connection c = rawConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO schema_version (version, name, applied_ms) VALUES (99, 'V099__future', 0)");
    }
    assertThatThrownBy(() -> open(clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema is at version 99")
        .hasMessageContaining("only knows versions up to " + Migrator.LATEST);
  }

  @Test
  void everyMigrationExistsForEveryDialect() {
    for (Dialect d : Dialect.values()) {
      for (String name : Migrator.MIGRATIONS) {
        assertThat(Migrator.statements(Migrator.script(d, name))).as(d + " " + name).isNotEmpty();
      }
    }
  }

  // ---- heartbeats ------------------------------------------------------------------------------

  /** The latest ping state of each heartbeat survives a reopen; the monitor's token is in its definition. */
  @Test
  void heartbeatStatesAndTokensSurviveAReopen() {
    Monitor hb = new Monitor("nightly", "Nightly", new Target.Heartbeat(null, Duration.ofMinutes(5), "30 2 * * *",
        java.time.ZoneId.of("Europe/Berlin"), "abcdefghijklmnopqrstuvwxyz"), Duration.ofSeconds(10),
        Duration.ofSeconds(10), null, null, new ConfirmationPolicy(0, Duration.ofSeconds(1)), MonitorSource.API);
    store.monitors().save(hb);
    var start = new io.pingbase.check.heartbeat.Ping(T0, io.pingbase.check.heartbeat.Ping.Kind.START, null, null, 0);
    var s1 = io.pingbase.check.heartbeat.PingState.next(null, start);
    var exit = new io.pingbase.check.heartbeat.Ping(T0.plusSeconds(90), io.pingbase.check.heartbeat.Ping.Kind.EXIT, 3,
        "disk full \u00e9", 20_000);
    var s2 = io.pingbase.check.heartbeat.PingState.next(s1, exit);
    var other = io.pingbase.check.heartbeat.PingState.next(null,
        new io.pingbase.check.heartbeat.Ping(T0.plusMillis(5), io.pingbase.check.heartbeat.Ping.Kind.SUCCESS, null, null, 0));
    store.heartbeats().saveAll(java.util.Map.of("nightly", s1, "other", other));
    store.heartbeats().saveAll(java.util.Map.of("nightly", s2)); // an upsert: the latest wins
    store.close();
    store = open(clock);

    assertThat(store.heartbeats().loadAll()).isEqualTo(java.util.Map.of("nightly", s2, "other", other));
    assertThat(s2.durationMicros()).isEqualTo(90_000_000L);
    assertThat(s2.failed()).isTrue();
    assertThat(store.monitors().find("nightly").orElseThrow().monitor()).isEqualTo(hb);
    store.heartbeats().saveAll(java.util.Map.of());
  }

  // ---- maintenance windows ---------------------------------------------------------------------

  /** API windows are stored with their schedule, zone and coverage, replaced by name, deleted, and survive a reopen. */
  @Test
  void maintenanceWindowsAreSavedReplacedDeletedAndSurviveAReopen() {
    var berlin = java.time.ZoneId.of("Europe/Berlin");
    var weekly = new io.pingbase.maintenance.MaintenanceWindow("sunday", "Sunday night \u00e9", new io.pingbase.maintenance.Schedule.Weekly(
        java.util.Set.of(java.time.DayOfWeek.SUNDAY), java.time.LocalTime.of(22, 0), java.time.LocalTime.of(2, 0)),
        berlin, new io.pingbase.maintenance.Coverage(false, List.of("db"), List.of("Infrastructure")), MonitorSource.API);
    var cron = new io.pingbase.maintenance.MaintenanceWindow("nightly", null, new io.pingbase.maintenance.Schedule.Cron(
        io.pingbase.check.heartbeat.CronSchedule.parse("0 3 * * *"), Duration.ofMinutes(45)), java.time.ZoneId.of("UTC"),
        io.pingbase.maintenance.Coverage.ALL, MonitorSource.API);
    var once = new io.pingbase.maintenance.MaintenanceWindow("upgrade", "Upgrade", new io.pingbase.maintenance.Schedule.OneOff(
        T0, T0.plus(HOUR)), berlin, io.pingbase.maintenance.Coverage.ALL, MonitorSource.API);
    assertThat(store.maintenance().list()).isEmpty();
    store.maintenance().save(weekly);
    store.maintenance().save(cron);
    store.maintenance().save(once);
    var longer = new io.pingbase.maintenance.MaintenanceWindow("upgrade", null, new io.pingbase.maintenance.Schedule.OneOff(
        T0, T0.plus(HOUR).plus(HOUR)), berlin, io.pingbase.maintenance.Coverage.ALL, MonitorSource.API);
    store.maintenance().save(longer);
    assertThat(store.maintenance().delete("nightly")).isTrue();
    assertThat(store.maintenance().delete("nightly")).isFalse();
    store.close();
    store = open(clock);

    assertThat(store.maintenance().list()).containsExactly(weekly, longer);
    assertThat(store.maintenance().find("sunday")).contains(weekly);
    assertThat(store.maintenance().find("nightly")).isEmpty();
    store.maintenance().save(cron);
    assertThat(store.maintenance().find("nightly")).contains(cron);
  }

  @Test
  void statusPagesAndIncidentsAreSavedUpdatedDeletedAndSurviveAReopen() {
    var page = new io.pingbase.statuspage.StatusPage(0, "", "acme", "status.acme.test", "Acme \u00e9", "All systems",
        io.pingbase.statuspage.StatusPage.Visibility.PUBLIC, null, false, List.of(
            new io.pingbase.statuspage.StatusPage.Section("Infrastructure", "Infrastructure", List.of()),
            new io.pingbase.statuspage.StatusPage.Section("API", null, List.of("api", "db"))),
        "data:image/png;base64,iVBORw0KGgo=", "#2457c5", "Acme Inc.", java.time.ZoneId.of("Europe/Berlin"),
        io.pingbase.statuspage.StatusPage.Theme.DARK);
    var saved = store.statusPages().save(page);
    assertThat(saved.id()).isPositive();
    var other = store.statusPages().save(new io.pingbase.statuspage.StatusPage(0, "7", "team", null, "Team", null,
        io.pingbase.statuspage.StatusPage.Visibility.PASSWORD, "$argon2id$hash", true, List.of(), null, null, null,
        java.time.ZoneId.of("UTC"), io.pingbase.statuspage.StatusPage.Theme.AUTO));
    assertThatThrownBy(() -> store.statusPages().save(page)).as("a second page with the same slug")
        .isInstanceOf(StoreException.class);
    var renamed = new io.pingbase.statuspage.StatusPage(saved.id(), "", "acme-status", null, "Acme", null,
        io.pingbase.statuspage.StatusPage.Visibility.MEMBERS, null, true, saved.sections(), null, null, null,
        saved.zone(), saved.theme());
    store.statusPages().save(renamed);

    var inc = store.statusPages().createIncident(saved.id(), "Database slow", io.pingbase.statuspage.Incident.Impact.MAJOR,
        io.pingbase.statuspage.Incident.Status.INVESTIGATING, "Looking into it", T0);
    assertThat(inc.open()).isTrue();
    assertThat(inc.updates()).hasSize(1);
    var resolved = store.statusPages().addUpdate(saved.id(), inc.id(), io.pingbase.statuspage.Incident.Status.RESOLVED,
        "Fixed", T0.plus(HOUR)).orElseThrow();
    assertThat(resolved.resolved()).isEqualTo(T0.plus(HOUR));
    assertThat(resolved.updates()).extracting(io.pingbase.statuspage.Incident.Update::message)
        .containsExactly("Looking into it", "Fixed");
    assertThat(store.statusPages().addUpdate(other.id(), inc.id(), io.pingbase.statuspage.Incident.Status.MONITORING,
        "wrong page", T0)).as("an incident of another page").isEmpty();
    var second = store.statusPages().createIncident(saved.id(), "Later", io.pingbase.statuspage.Incident.Impact.MINOR,
        io.pingbase.statuspage.Incident.Status.IDENTIFIED, "Found", T0.plus(HOUR).plus(HOUR));
    store.close();
    store = open(clock);

    assertThat(store.statusPages().all()).containsExactly(renamed, other);
    assertThat(store.statusPages().incidents(saved.id(), T0, 10)).extracting(io.pingbase.statuspage.Incident::id)
        .containsExactly(second.id(), inc.id());
    assertThat(store.statusPages().incidents(saved.id(), T0.plus(HOUR), 10)).as("the later one")
        .extracting(io.pingbase.statuspage.Incident::id).containsExactly(second.id());
    var old = store.statusPages().createIncident(saved.id(), "Still open", io.pingbase.statuspage.Incident.Impact.MINOR,
        io.pingbase.statuspage.Incident.Status.MONITORING, "Watching", T0.minus(HOUR));
    assertThat(store.statusPages().incidents(saved.id(), T0.plus(HOUR), 10)).as("and an open one, however old")
        .extracting(io.pingbase.statuspage.Incident::id).containsExactly(second.id(), old.id());
    assertThat(store.statusPages().deleteIncident(saved.id(), old.id())).isTrue();
    assertThat(store.statusPages().incident(saved.id(), inc.id())).contains(resolved);
    assertThat(store.statusPages().deleteIncident(saved.id(), second.id())).isTrue();
    assertThat(store.statusPages().deleteIncident(saved.id(), second.id())).isFalse();
    assertThat(store.statusPages().delete(saved.id())).isTrue();
    assertThat(store.statusPages().all()).containsExactly(other);
    assertThat(store.statusPages().incidents(saved.id(), T0, 10)).isEmpty();
  }

  @Test
  void pingAnswers() {
    assertThat(store.ping()).isTrue();
  }
}
