package io.pingbase.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import io.pingbase.store.StoreException;
import io.pingbase.store.StoredMonitor;
import io.pingbase.testing.PostgresSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store contract on the local PostgreSQL, in a schema of its own per test. */
class PostgresqlStoreTest extends StoreContractTest {
  private PostgresSchema schema;

  @Override
  JdbcStore open(InstantSource clock) {
    if (schema == null) {
      schema = PostgresSchema.create();
    }
    return JdbcStore.postgresql(schema.url(), PostgresSchema.USER, "", 3, clock);
  }

  @Override
  Connection rawConnection() throws SQLException {
    return schema.connect();
  }

  @Override
  void cleanUp() {
    if (schema != null) {
      schema.close();
    }
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> JdbcStore.postgresql("jdbc:mysql://127.0.0.1/x", "u", "", 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PostgreSQL JDBC URL");
    assertThatThrownBy(() -> JdbcStore.postgresql(schema.url(), "u", "", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool size");
  }

  @Test
  void anUnreachableDatabaseFailsToOpenWithItsAddress() {
    // Port 9 on loopback: nothing listens there, so the connection is refused at once.
    assertThatThrownBy(() -> JdbcStore.postgresql("jdbc:postgresql://127.0.0.1:9/test", "postgres", "", 1))
        .isInstanceOf(StoreException.class).hasMessageContaining("127.0.0.1:9");
    assertThat(store.ping()).isTrue();
  }

  /**
   * The race the watermark lock prevents: a roll-up has read hour H and is about to move the
   * watermark past it when a result for H is written. The append must wait for the roll-up and
   * then lower the watermark back to H, or that result would never be rolled up.
   */
  @Test
  void anAppendWaitsForARollUpInProgressAndThenLowersTheWatermark() throws Exception {
    StoredMonitor m = store.monitors().save(tcp("db"));
    store.results().append(List.of(up(m, T0.plusSeconds(10), 1)));
    rollUpUntil(T0.plus(HOUR));
    Instant hour = T0.plus(HOUR);
    assertThat(store.results().rollupWatermark()).contains(hour);

    try (Connection rollUp = rawConnection(); Statement st = rollUp.createStatement()) {
      rollUp.setAutoCommit(false);
      st.executeQuery("SELECT value FROM meta WHERE key = 'rollup_watermark' FOR UPDATE").close();

      var append = CompletableFuture.runAsync(() -> store.results().append(List.of(up(m, hour.plusSeconds(5), 1))));
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !append.isDone());

      st.executeUpdate("UPDATE meta SET value = '" + hour.plus(HOUR).toEpochMilli() + "' WHERE key = 'rollup_watermark'");
      rollUp.commit();
      append.get(10, TimeUnit.SECONDS);
    }
    assertThat(store.results().rollupWatermark()).contains(hour);
  }
}
