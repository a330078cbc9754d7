package io.pingbase.store;

import static io.pingbase.store.StoreFixtures.T0;
import static io.pingbase.store.StoreFixtures.all;
import static io.pingbase.store.StoreFixtures.change;
import static io.pingbase.store.StoreFixtures.down;
import static io.pingbase.store.StoreFixtures.tcp;
import static io.pingbase.store.StoreFixtures.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.MonitorState;
import io.pingbase.store.jdbc.JdbcStore;
import io.pingbase.testing.PostgresSchema;
import io.pingbase.testing.Services;
import io.pingbase.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer against the real PostgreSQL through a loopback proxy that the test cuts: checks keep
 * handing over results while the database is away, the buffer holds them, and all of them are
 * written once it is back.
 */
class ResultWriterOutageTest {
  private PostgresSchema schema;
  private TcpProxy proxy;
  private JdbcStore viaProxy;
  private JdbcStore direct;
  private ResultWriter writer;

  @BeforeEach
  void start() throws Exception {
    schema = PostgresSchema.create();
    proxy = TcpProxy.start(Services.HOST, Services.POSTGRESQL.port());
    viaProxy = JdbcStore.postgresql(schema.url(proxy.port()), PostgresSchema.USER, "", 2);
    direct = JdbcStore.postgresql(schema.url(), PostgresSchema.USER, "", 1);
  }

  @AfterEach
  void stop() {
    try {
      if (writer != null) {
        writer.close();
      }
      viaProxy.close();
      direct.close();
      proxy.close();
    } finally {
      schema.close();
    }
  }

  @Test
  void resultsOfAnOutageAreBufferedAndWrittenAfterIt() {
    StoredMonitor m = viaProxy.monitors().save(tcp("db"));
    writer = new ResultWriter(viaProxy.results(), viaProxy.events(), new ResultWriter.Settings(
        10_000, 50, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(5)));
    writer.start();

    List<CheckOutcome> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sent.add(up(m, T0.plusSeconds(i), 1000 + i));
    }
    sent.forEach(writer::result);
    await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() == 100);

    proxy.cut();
    long slowest = 0;
    for (int i = 100; i < 400; i++) {
      CheckOutcome o = i % 10 == 0 ? down(m, T0.plusSeconds(i)) : up(m, T0.plusSeconds(i), 1000 + i);
      sent.add(o);
      long start = System.nanoTime();
      writer.result(o);
      slowest = Math.max(slowest, System.nanoTime() - start);
    }
    long start = System.nanoTime();
    writer.stateChanged(change(m, MonitorState.UP, MonitorState.DOWN, T0.plusSeconds(100)));
    slowest = Math.max(slowest, System.nanoTime() - start);
    assertThat(Duration.ofNanos(slowest)).as("handing over never waits for the database")
        .isLessThan(Duration.ofMillis(200));

    // The writer notices, keeps everything, and keeps trying.
    await().atMost(Duration.ofSeconds(30)).until(() -> writer.failedAttempts() >= 2 && !writer.healthy());
    assertThat(writer.queued()).isEqualTo(300);
    assertThat(writer.queuedChanges()).isEqualTo(1);
    assertThat(writer.written()).isEqualTo(100);
    assertThat(writer.dropped()).isZero();
    assertThat(writer.lastError()).hasValueSatisfying(e -> assertThat(e).contains("writing"));
    assertThat(all(direct.results(), m.ref(), T0, T0.plusSeconds(1000))).hasSize(100);

    proxy.restore();
    await().atMost(Duration.ofSeconds(30)).until(() -> writer.written() == 400 && writer.changesWritten() == 1);
    assertThat(writer.healthy()).isTrue();
    assertThat(writer.queued()).isZero();
    assertThat(writer.dropped()).isZero();
    assertThat(all(direct.results(), m.ref(), T0, T0.plusSeconds(1000))).containsExactlyElementsOf(sent);
    assertThat(direct.monitors().find("db").orElseThrow().state()).isEqualTo(MonitorState.DOWN);
  }
}
