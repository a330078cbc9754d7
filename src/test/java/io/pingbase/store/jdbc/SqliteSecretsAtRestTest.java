package io.pingbase.store.jdbc;

import io.pingbase.store.SecretBox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;

/** Secrets at rest on SQLite. */
class SqliteSecretsAtRestTest extends SecretsAtRestContractTest {
  @TempDir
  Path dir;

  @Override
  JdbcStore open(InstantSource clock, SecretBox box) {
    return JdbcStore.sqlite(dir.resolve("pingbase.db"), clock, box);
  }

  @Override
  Connection rawConnection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("pingbase.db"));
  }

  @Override
  void cleanUp() {}
}
