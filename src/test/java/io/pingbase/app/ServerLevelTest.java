package io.pingbase.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.config.ConfigLoader;
import io.pingbase.config.LoadedConfig;
import io.pingbase.testing.Http;
import io.pingbase.testing.LoopbackListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server, as a user runs it: a config file, SQLite, the scheduler, real TCP checks
 * against a real listener, the REST API over HTTP.
 */
class ServerLevelTest {
  /**
   * How long to wait for what should take a second or two. Generous: on a loaded 2-core machine a
   * cold start (class loading, warm-up of every check type) alone can take seconds, and these tests
   * are about what happens, not how fast; the state machine's timing is tested with a manual clock.
   */
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  static String config(Path dir, int port) {
    return """
        server: { bind: 127.0.0.1, port: 0 }
        storage: { type: sqlite, path: %s }
        monitors:
          - name: Local service
            type: tcp
            host: 127.0.0.1
            port: %d
            interval: 1s
            timeout: 500ms
            confirmation: { rechecks: 2, spacing: 200ms }
        """.formatted(dir.resolve("pingbase.db"), port);
  }

  @Test
  void aServiceThatStopsGoesDownWithItsReasonAndRecovers() throws Exception {
    try (LoopbackListener service = new LoopbackListener()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, config(dir, service.port()));
      try (PingBase server = start(file)) {
        Http http = new Http(server.port());
        await().atMost(WAIT).until(() -> status(http).equals("UP"));

        service.stop();
        long stoppedAt = System.nanoTime();
        // Worst case: a run just missed (1 s interval) + the failing run and two re-checks
        // (3 x (up to 500 ms timeout + 200 ms spacing)) = 3.1 s, + writer and HTTP slack. The
        // bound is loose for loaded machines; it still catches a confirmation that waits for the
        // next interval instead of re-checking.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
            .until(() -> status(http).equals("DOWN"));
        long detectedMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
        assertThat(detectedMillis).as("interval + confirmations").isLessThan(8_000);
        JsonNode down = http.get("/api/v1/monitors/local-service").json();
        assertThat(down.at("/last-check/reason").asText()).isEqualTo("REFUSED");
        assertThat(down.at("/last-check/message").asText()).contains("connection refused by 127.0.0.1:" + service.port());

        service.start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
            .until(() -> status(http).equals("UP"));

        // The events are stored (the writer flushes about every second).
        await().atMost(WAIT).untilAsserted(() -> assertThat(transitions(http))
            .containsExactly("PENDING>UP", "UP>DOWN:REFUSED", "DOWN>UP"));

        JsonNode stats = http.get("/api/v1/monitors/local-service/stats?range=1h").json().at("/ranges/1h");
        assertThat(stats.get("downtime-seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(stats.get("uptime-percent").asDouble()).isLessThan(100.0).isGreaterThan(0.0);
        assertThat(stats.at("/checks/down").asLong()).as("the failing run and its two re-checks").isGreaterThanOrEqualTo(3);
        assertThat(stats.at("/checks/up").asLong()).isGreaterThanOrEqualTo(2);
      }
    }
  }

  @Test
  void editingTheFileAddsChangesAndRemovesMonitorsWithoutRestartKeepingHistory() throws Exception {
    try (LoopbackListener a = new LoopbackListener(); LoopbackListener b = new LoopbackListener()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, config(dir, a.port()));
      try (PingBase server = start(file)) {
        Http http = new Http(server.port());
        await().atMost(WAIT).until(() -> status(http).equals("UP"));
        await().atMost(WAIT).until(() -> resultCount(http, "local-service") >= 2);

        // Add a second monitor and slow the first one down; both take effect without a restart.
        Files.writeString(file, config(dir, a.port()).replace("interval: 1s", "interval: 2s") + """
              - name: Second
                type: tcp
                host: 127.0.0.1
                port: %d
                interval: 1s
                timeout: 500ms
            """.formatted(b.port()));
        await().atMost(WAIT).until(() -> http.get("/api/v1/monitors/second").status() == 200);
        await().atMost(WAIT).until(() ->
            "2s".equals(http.get("/api/v1/monitors/local-service").json().get("interval").asText()));
        assertThat(status(http)).as("the changed monitor kept its state").isEqualTo("UP");
        assertThat(resultCount(http, "local-service")).as("and its history").isGreaterThanOrEqualTo(2);

        // An invalid edit is refused; the running monitors stay.
        Files.writeString(file, "monitors: [ { name: broken, type: tcp, port: 99999 } ]\n");
        await().atMost(WAIT).until(() ->
            !http.get("/healthz").json().at("/components/config/last-reload-error").isNull());
        assertThat(http.get("/api/v1/monitors").json().get("count").asInt()).isEqualTo(2);

        // Remove the first monitor.
        Files.writeString(file, config(dir, b.port()).replace("Local service", "Second"));
        await().atMost(WAIT).until(() -> http.get("/api/v1/monitors/local-service").status() == 404);
        assertThat(http.get("/api/v1/monitors").json().get("count").asInt()).isEqualTo(1);
      }
    }
  }

  @Test
  void aFileMonitorThatWantsAnApiMonitorsIdIsRefusedUntilThatMonitorIsDeleted() throws Exception {
    try (LoopbackListener service = new LoopbackListener()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, config(dir, service.port()));
      try (PingBase server = start(file)) {
        Http http = new Http(server.port());
        String api = "{\"name\": \"Other\", \"type\": \"tcp\", \"host\": \"127.0.0.1\", \"port\": "
            + service.port() + "}";
        assertThat(http.post("/api/v1/monitors", api).status()).isEqualTo(201);

        Files.writeString(file, config(dir, service.port())
            + "  - { name: Other, type: tcp, host: 127.0.0.1, port: " + service.port() + " }\n");
        await().atMost(WAIT).until(() ->
            http.get("/healthz").json().at("/components/config/last-reload-error").asText().contains("other"));
        assertThat(http.get("/api/v1/monitors/other").json().get("source").asText()).isEqualTo("api");

        assertThat(http.delete("/api/v1/monitors/other").status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> http.get("/api/v1/monitors/other").status() == 200);
        assertThat(http.get("/api/v1/monitors/other").json().get("source").asText()).isEqualTo("file");
        assertThat(http.get("/healthz").json().at("/components/config/last-reload-error").isNull()).isTrue();
      }
    }
  }

  @Test
  void aRestartKeepsStateAndPausedMonitorsStayPaused() throws Exception {
    try (LoopbackListener service = new LoopbackListener()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, config(dir, service.port()));
      try (PingBase server = start(file)) {
        Http http = new Http(server.port());
        await().atMost(WAIT).until(() -> status(http).equals("UP"));
        assertThat(http.post("/api/v1/monitors/local-service/pause", "").status()).isEqualTo(200);
        assertThat(status(http)).isEqualTo("PAUSED");
      }
      try (PingBase server = start(file)) {
        Http http = new Http(server.port());
        assertThat(status(http)).isEqualTo("PAUSED");
        assertThat(http.post("/api/v1/monitors/local-service/resume", "").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> status(http).equals("UP"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(transitions(http))
            .containsExactly("PENDING>UP", "UP>PAUSED", "PAUSED>PENDING", "PENDING>UP"));
      }
    }
  }

  /**
   * Starts the server as `pingbase server --config FILE` does, with the real clock: the file
   * watcher starts from the hash of what was loaded.
   */
  private static PingBase start(Path file) throws Exception {
    LoadedConfig loaded = ConfigLoader.withSystemEnvironment().loadWithHash(file);
    return PingBase.start(loaded, file, new PingBase.Overrides(null, null, null, io.pingbase.testing.TestAccounts.OWNER), InstantSource.system());
  }

  private static String status(Http http) {
    return http.get("/api/v1/monitors/local-service").json().get("status").asText();
  }

  private static int resultCount(Http http, String id) {
    return http.get("/api/v1/monitors/" + id + "/results?limit=1000").json().get("results").size();
  }

  /** Oldest first, "FROM>TO" with ":REASON" when there is one. */
  private static List<String> transitions(Http http) {
    List<String> list = new ArrayList<>();
    for (JsonNode e : http.get("/api/v1/monitors/local-service/events").json().get("events")) {
      String t = e.get("from").asText() + ">" + e.get("to").asText();
      if (!e.get("reason").isNull()) {
        t += ":" + e.get("reason").asText();
      }
      list.add(0, t);
    }
    return list;
  }
}
