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
}
