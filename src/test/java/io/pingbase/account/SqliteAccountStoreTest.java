package io.pingbase.account;

import io.pingbase.store.jdbc.JdbcStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteAccountStoreTest extends AccountStoreContractTest {
  @TempDir
  Path dir;

  @Override
  JdbcStore open() {
    return JdbcStore.sqlite(dir.resolve("accounts.db"));
  }
}
