package io.pingbase.store;

import static io.pingbase.store.StoreFixtures.T0;
import static io.pingbase.store.StoreFixtures.all;
import static io.pingbase.store.StoreFixtures.change;
import static io.pingbase.store.StoreFixtures.tcp;
import static io.pingbase.store.StoreFixtures.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's buffering against a real SQLite store. The outage test is in {@link ResultWriterOutageTest}. */
class ResultWriterTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;
  JdbcStore store;
  StoredMonitor monitor;
  ResultWriter writer;

  @BeforeEach
  void open() {
    store = JdbcStore.sqlite(dir.resolve("pingbase.db"));
    monitor = store.monitors().save(tcp("db"));
  }

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
    store.close();
  }

  static ResultWriter.Settings settings(int capacity) {
    return new ResultWriter.Settings(capacity, 4, Duration.ofMillis(20), Duration.ofMillis(10),
        Duration.ofMillis(100), Duration.ofSeconds(3));
  }

  List<CheckOutcome> stored() {
    return all(store.results(), monitor.ref(), T0, T0.plus(Duration.ofDays(1)));
  }

  @Test
  void whenFullTheOldestResultsAreDroppedAndCounted() {
    writer = new ResultWriter(store.results(), store.events(), settings(10));
    List<CheckOutcome> sent = new ArrayList<>();
    for (int i = 0; i < 25; i++) { // not started yet: nothing drains the buffer
      CheckOutcome o = up(monitor, T0.plusSeconds(i), 1000 + i);
      sent.add(o);
      writer.result(o);
    }
    assertThat(writer.dropped()).isEqualTo(15);
    assertThat(writer.queued()).isEqualTo(10);

    writer.start();
    await().atMost(WAIT).until(() -> writer.written() == 10);
    assertThat(stored()).containsExactlyElementsOf(sent.subList(15, 25));
    assertThat(writer.queued()).isZero();
    assertThat(writer.healthy()).isTrue();
    assertThat(writer.lastError()).isEmpty();
  }

  @Test
  void stateChangesAreWrittenInOrderWithTheMonitorsState() {
    writer = new ResultWriter(store.results(), store.events(), settings(2)); // tiny buffer: changes never drop
    List<StateChange> changes = List.of(
        change(monitor, MonitorState.PENDING, MonitorState.UP, T0.plusSeconds(1)),
        change(monitor, MonitorState.UP, MonitorState.DOWN, T0.plusSeconds(2)),
        change(monitor, MonitorState.DOWN, MonitorState.UP, T0.plusSeconds(3)));
    changes.forEach(writer::stateChanged);
    for (int i = 0; i < 5; i++) {
      writer.result(up(monitor, T0.plusSeconds(i), 10));
    }
    writer.start();
    await().atMost(WAIT).until(() -> writer.changesWritten() == 3 && writer.written() == 2);

    assertThat(store.events().events(monitor.ref(), T0, T0.plusSeconds(10), 10))
        .extracting(StoredEvent::change).containsExactlyElementsOf(changes.reversed());
    StoredMonitor now = store.monitors().find("db").orElseThrow();
    assertThat(now.state()).isEqualTo(MonitorState.UP);
    assertThat(now.stateSince()).isEqualTo(T0.plusSeconds(3));
    assertThat(writer.dropped()).isEqualTo(3);
  }

  @Test
  void resultsTheDatabaseRefusesAreDroppedAloneAndTheRestIsWritten() {
    writer = new ResultWriter(store.results(), store.events(), settings(100));
    StoredMonitor ghost = new StoredMonitor(monitor.ref() + 99, tcp("ghost"), false, MonitorState.PENDING, null, T0, T0);
    writer.result(up(monitor, T0.plusSeconds(1), 1));
    writer.result(up(ghost, T0.plusSeconds(2), 1)); // no such monitor: a foreign key violation
    writer.result(up(monitor, T0.plusSeconds(3), 1));
    writer.stateChanged(change(ghost, MonitorState.PENDING, MonitorState.UP, T0));
    writer.stateChanged(change(monitor, MonitorState.PENDING, MonitorState.UP, T0));
    writer.start();

    await().atMost(WAIT).until(() -> writer.written() == 2 && writer.changesWritten() == 1);
    assertThat(writer.rejected()).isEqualTo(2);
    assertThat(stored()).extracting(CheckOutcome::at).containsExactly(T0.plusSeconds(1), T0.plusSeconds(3));
    assertThat(writer.healthy()).isTrue();
  }

  @Test
  void closeWritesWhatIsQueued() {
    writer = new ResultWriter(store.results(), store.events(), 1000, Duration.ofMinutes(10));
    writer.start();
    for (int i = 0; i < 7; i++) {
      writer.result(up(monitor, T0.plusSeconds(i), 1));
    }
    writer.stateChanged(change(monitor, MonitorState.PENDING, MonitorState.UP, T0));
    writer.close(); // the flush interval is far away: only close writes them
    assertThat(writer.written()).isEqualTo(7);
    assertThat(writer.changesWritten()).isEqualTo(1);
    assertThat(stored()).hasSize(7);

    writer.result(up(monitor, T0.plusSeconds(100), 1));
    assertThat(writer.dropped()).as("after close, results are counted as dropped").isEqualTo(1);
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> new ResultWriter.Settings(0, 1, Duration.ofSeconds(1), Duration.ofMillis(1),
        Duration.ofMillis(1), Duration.ZERO)).hasMessageContaining("capacity must be >= 1");
    assertThatThrownBy(() -> new ResultWriter.Settings(1, 1, Duration.ZERO, Duration.ofMillis(1),
        Duration.ofMillis(1), Duration.ZERO)).hasMessageContaining("flush interval must be > 0");
    assertThatThrownBy(() -> new ResultWriter.Settings(1, 1, Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(1), Duration.ZERO)).hasMessageContaining("maximum back-off PT1S is below the minimum PT2S");
  }
}
