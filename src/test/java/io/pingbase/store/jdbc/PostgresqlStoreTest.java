package io.pingbase.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.store.StoreException;
import io.pingbase.testing.PostgresSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
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
}
