package io.pingbase.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pingbase.config.ConfigLoader;
import io.pingbase.config.LoadedConfig;
import io.pingbase.testing.Http;
import io.pingbase.testing.HttpReceiver;
import io.pingbase.testing.LoopbackListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance windows through the whole server: a window added by editing the file holds the
 * alert of a service that stops; removing it from the file releases exactly one DOWN to a real
 * webhook. A file window may not take the name of an API window.
 */
class MaintenanceServerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  String config(int port, String hook, String maintenance) {
    return """
        server: { bind: 127.0.0.1, port: 0 }
        storage: { type: sqlite, path: %s }
        channels:
          - { name: hook, type: webhook, url: "%s", default: true }
        monitors:
          - name: Local service
            type: tcp
            host: 127.0.0.1
            port: %d
            interval: 1s
            timeout: 1s
            confirmation: { rechecks: 0, spacing: 200ms }
        """.formatted(dir.resolve("pingbase.db"), hook, port) + maintenance;
  }

  /** Open all the time: every minute, for an hour. */
  static final String ALWAYS = """
      maintenance:
        - { name: always, cron: "* * * * *", duration: 1h, all: true }
      """;

  @Test
  void aWindowAddedByReloadHoldsTheAlertAndRemovingItReleasesOneDown() throws Exception {
    try (LoopbackListener service = new LoopbackListener(); HttpReceiver hook = new HttpReceiver()) {
      Path file = dir.resolve("pingbase.yml");
      String url = hook.url("/hook").toString();
      Files.writeString(file, config(service.port(), url, ""));
      try (PingBase server = start(file)) {
        Http http = new Http(server.port());
        await().atMost(WAIT).until(() -> "UP".equals(status(http)));

        Files.writeString(file, config(service.port(), url, ALWAYS));
        await().atMost(WAIT).until(() -> http.get("/api/v1/maintenance").json().get("count").asInt() == 1);
        assertThat(http.get("/api/v1/maintenance/always").json().get("active").asBoolean()).isTrue();

        // On a loaded machine a check may time out before this point and alert (DOWN, RECOVERED)
        // outside any window: only what comes after the stop counts.
        int before = hook.requests().size();
        service.stop();
        await().atMost(WAIT).until(() -> "DOWN".equals(status(http)));
        await().atMost(WAIT).until(() -> !server.alerting().outbox().held().isEmpty());
        assertThat(hook.requests()).hasSize(before);

        // A file window may not take an API window's name: the reload is refused, nothing changes.
        assertThat(http.post("/api/v1/maintenance",
            "{\"name\": \"api-window\", \"start\": \"2030-01-01T00:00:00Z\", \"end\": \"2030-01-02T00:00:00Z\","
                + " \"all\": true}").status()).isEqualTo(201);
        Files.writeString(file, config(service.port(), url, ALWAYS
            + "  - { name: api-window, start: \"2031-01-01T00:00:00Z\", end: \"2031-01-02T00:00:00Z\", all: true }\n"));
        await().atMost(WAIT).until(() -> http.get("/healthz").json().at("/components/config/last-reload-error")
            .asText().contains("api-window"));
        assertThat(http.get("/api/v1/maintenance/api-window").json().get("source").asText()).isEqualTo("api");

        Files.writeString(file, config(service.port(), url, ""));
        await().atMost(WAIT).until(() -> http.get("/api/v1/maintenance").json().get("count").asInt() == 1);
        await().atMost(WAIT).until(() -> hook.requests().size() == before + 1);
        assertThat(hook.requests().getLast().bodyText()).contains("\"kind\":\"down\"");
        assertThat(server.alerting().outbox().held()).isEmpty();
        assertThat("DOWN").isEqualTo(status(http));
      }
    }
  }

  private static PingBase start(Path file) throws Exception {
    LoadedConfig loaded = ConfigLoader.withSystemEnvironment().loadWithHash(file);
    return PingBase.start(loaded, file, new PingBase.Overrides(null, null, null, io.pingbase.testing.TestAccounts.OWNER), InstantSource.system());
  }

  private static String status(Http http) {
    return http.get("/api/v1/monitors/local-service").json().get("status").asText();
  }
}
