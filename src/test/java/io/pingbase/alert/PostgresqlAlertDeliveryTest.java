package io.pingbase.alert;

import io.pingbase.store.jdbc.JdbcStore;
import io.pingbase.testing.PostgresSchema;
import io.pingbase.testing.Services;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The alert outbox on the real PostgreSQL, in a schema of its own. */
class PostgresqlAlertDeliveryTest extends AlertDeliveryTest {
  private PostgresSchema schema;

  @BeforeEach
  void createSchema() {
    Services.POSTGRESQL.require();
    schema = PostgresSchema.create();
  }

  @AfterEach
  void dropSchema() {
    schema.close();
  }

  @Override
  JdbcStore open(InstantSource clock) {
    return JdbcStore.postgresql(schema.url(), PostgresSchema.USER, null, 4, clock);
  }

  /**
   * The receiver accepted a DOWN while the database was cut off, so the attempt could not be
   * recorded: the sender keeps the outcome and records it when the database is back, and never
   * sends that notification again, not even after the delivery's lease has run out.
   */
  @org.junit.jupiter.api.Test
  void anAttemptTheDatabaseMissedIsRecordedWhenItReturnsAndNotSentAgain() throws Exception {
    try (io.pingbase.testing.TcpProxy proxy = io.pingbase.testing.TcpProxy.start(Services.HOST,
            Services.POSTGRESQL.port());
        io.pingbase.testing.HttpReceiver hook = new io.pingbase.testing.HttpReceiver();
        AlertBench bench = new AlertBench(clock -> JdbcStore.postgresql(schema.url(proxy.port()), PostgresSchema.USER,
            null, 2, clock), AlertBench.settings(java.util.List.of(AlertBench.webhook("hook", hook.url("/h"))),
            java.util.List.of()))) {
      bench.add(AlertBench.monitor("db", null, AlertBench.to("hook")));
      var gate = new java.util.concurrent.CountDownLatch(1);
      hook.holdUntil(gate);
      bench.change("db", io.pingbase.monitor.MonitorState.DOWN);
      bench.alerting.router().routeChanges();
      bench.alerting.sender().runOnce();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> hook.requests().size() == 1);
      proxy.cut();
      gate.countDown(); // the receiver says 200 while the database is away
      Thread.sleep(7_000); // the record fails (Hikari's 5 s connection timeout at most)
      proxy.restore();
      for (int i = 0; i < 3; i++) {
        bench.clock.advance(java.time.Duration.ofMinutes(30)); // far past the lease
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).ignoreExceptions()
            .untilAsserted(bench::tick);
      }
      org.assertj.core.api.Assertions.assertThat(hook.requests()).hasSize(1);
      var d = bench.log().get(0).deliveries().get(0);
      org.assertj.core.api.Assertions.assertThat(d.status()).isEqualTo(io.pingbase.alert.Outbox.Status.DELIVERED);
      org.assertj.core.api.Assertions.assertThat(d.attempts()).isEqualTo(1);
    }
  }
}
