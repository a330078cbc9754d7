package io.pingbase.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, in a file under a folder that does not exist yet. */
class SqliteStoreTest extends StoreContractTest {
  @TempDir
  Path dir;

  Path file() {
    return dir.resolve("data/nested/pingbase.db");
  }

  @Override
  JdbcStore open(InstantSource clock) {
    return JdbcStore.sqlite(file(), clock);
  }

  @Override
  Connection rawConnection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file());
  }

  @Override
  void cleanUp() {}

  @Test
  void connectionsUseWalAndEnforceForeignKeys() throws SQLException {
    try (Connection c = rawConnection(); Statement st = c.createStatement()) {
      var rs = st.executeQuery("PRAGMA journal_mode");
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal"); // persistent in the file
    }
    assertThat(store.toString()).contains(file().toString());
  }
}
