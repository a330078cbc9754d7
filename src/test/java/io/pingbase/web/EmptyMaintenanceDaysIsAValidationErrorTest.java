package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by FuzzTest: a weekly maintenance window with {@code days: []} was read as "no error, no
 * schedule", and building the window threw NullPointerException: a 500 through the API, and the
 * same exception (not a ConfigException) from the config file. Now a validation error naming
 * {@code days}.
 */
class EmptyMaintenanceDaysIsAValidationErrorTest {
  @TempDir
  Path dir;

  @Test
  void throughTheApiItIsA400NamingDays() {
    try (TestServer server = TestServer.start(dir, """
        monitors:
          - { id: file-one, name: File One, type: tcp, host: 127.0.0.1, port: 9 }
        """, java.time.InstantSource.system())) {
      TestServer.Response r = server.post("/api/v1/maintenance", """
          {"name":"weekly","days":[],"from":"02:00","to":"04:00","monitors":["file-one"]}""");
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.json().path("errors").toString()).contains("days", "at least one day");
    }
  }

  @Test
  void inTheConfigFileItIsAConfigException() {
    assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get, id -> false).parse("""
        monitors:
          - { id: db, name: DB, type: tcp, host: 127.0.0.1, port: 5432 }
        maintenance:
          - { name: weekly, days: [], from: "02:00", to: "04:00", monitors: [db] }
        """, "pingbase.yml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("days").hasMessageContaining("at least one day");
  }
}
