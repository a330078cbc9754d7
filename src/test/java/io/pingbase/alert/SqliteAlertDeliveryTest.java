package io.pingbase.alert;

import io.pingbase.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;

class SqliteAlertDeliveryTest extends AlertDeliveryTest {
  @TempDir
  Path dir;

  @Override
  JdbcStore open(InstantSource clock) {
    return JdbcStore.sqlite(dir.resolve("alerts.db"), clock);
  }
}
