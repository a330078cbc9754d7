package io.pingbase.account;

import io.pingbase.store.jdbc.JdbcStore;
import io.pingbase.testing.PostgresSchema;
import io.pingbase.testing.Services;
import org.junit.jupiter.api.AfterEach;

class PostgresqlAccountStoreTest extends AccountStoreContractTest {
  private PostgresSchema schema;

  @Override
  JdbcStore open() {
    Services.POSTGRESQL.require();
    schema = PostgresSchema.create();
    return JdbcStore.postgresql(schema.url(), PostgresSchema.USER, null, 2);
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      schema.close();
    }
  }
}
