package io.pingbase.store.jdbc;

import io.pingbase.store.SecretBox;
import io.pingbase.testing.PostgresSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;

/** Secrets at rest on the local PostgreSQL, in a schema of its own per test. */
class PostgresqlSecretsAtRestTest extends SecretsAtRestContractTest {
  private PostgresSchema schema;

  @Override
  JdbcStore open(InstantSource clock, SecretBox box) {
    if (schema == null) {
      schema = PostgresSchema.create();
    }
    return JdbcStore.postgresql(schema.url(), PostgresSchema.USER, "", 2, clock, box);
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
}
