package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.check.heartbeat.PingState;
import io.pingbase.testing.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heartbeat pings through the real server on loopback: states, bodies, errors, concurrency, restarts. */
class HeartbeatPingTest {
  static final String TOKEN = "file-token-0123456789abcdef";

  @TempDir
  Path dir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T10:00:00Z"));
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, """
        monitors:
          - { id: nightly, name: Nightly backup, type: heartbeat, period: 5m, grace: 1m, token: %s }
        """.formatted(TOKEN), clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  JsonNode monitor(String id) {
    TestServer.Response r = server.get("/api/v1/monitors/" + id);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  TestServer.Response ping(String path) {
    return server.send("GET", path, null);
  }

  TestServer.Response post(String path, String body) {
    return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  @Test
  void pendingThenUpThenFailedThenUpAgain_eachAtOnce() {
    assertThat(monitor("nightly").path("status").asText()).isEqualTo("PENDING");
    assertThat(monitor("nightly").path("ping-url").asText())
        .isEqualTo("http://127.0.0.1:" + server.app().port() + "/ping/" + TOKEN);

    TestServer.Response ok = ping("/ping/" + TOKEN);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("OK\n");
    assertThat(monitor("nightly").path("status").asText()).isEqualTo("UP");

    assertThat(post("/ping/" + TOKEN + "/fail", "pg_dump: connection refused").status()).isEqualTo(200);
    JsonNode down = monitor("nightly");
    assertThat(down.path("status").asText()).isEqualTo("DOWN");
    assertThat(down.at("/last-check/reason").asText()).isEqualTo("FAILED");
    assertThat(down.at("/last-check/message").asText()).isEqualTo("job reported failure: pg_dump: connection refused");
    assertThat(down.at("/last-check/details/body").asText()).isEqualTo("pg_dump: connection refused");

    assertThat(ping("/ping/" + TOKEN + "/0").status()).isEqualTo(200);
    assertThat(monitor("nightly").path("status").asText()).isEqualTo("UP");

    assertThat(ping("/ping/" + TOKEN + "/2").status()).isEqualTo(200);
    JsonNode exit2 = monitor("nightly");
    assertThat(exit2.at("/last-check/message").asText()).isEqualTo("job exited with code 2");
    assertThat(exit2.at("/last-check/details/exit-code").asInt()).isEqualTo(2);

    assertThat(server.send("HEAD", "/ping/" + TOKEN, null).status()).isEqualTo(200);
    assertThat(monitor("nightly").path("status").asText()).isEqualTo("UP");

    // The events show the way, with the failure's message.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode events = server.get("/api/v1/monitors/nightly/events").json().path("events");
      assertThat(events.toString()).contains("job reported failure: pg_dump: connection refused")
          .contains("job exited with code 2");
    });
  }

  @Test
  void startThenSuccessRecordsTheRunDuration() {
    ping("/ping/" + TOKEN + "/start");
    clock.advance(Duration.ofSeconds(42));
    ping("/ping/" + TOKEN);
    server.post("/api/v1/monitors/nightly/check", "{}");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(monitor("nightly").at("/last-check/details/duration-us").asLong()).isEqualTo(42_000_000L));
    assertThat(monitor("nightly").at("/last-check/response-us").asLong()).isEqualTo(42_000_000L);
  }

  @Test
  void lateAfterTheDeadlineThenUpOnTheNextPing() {
    ping("/ping/" + TOKEN);
    clock.advance(Duration.ofMinutes(6).plusSeconds(12));
    server.post("/api/v1/monitors/nightly/check", "{}");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(monitor("nightly").path("status").asText()).isEqualTo("DOWN"));
    assertThat(monitor("nightly").at("/last-check/message").asText())
        .isEqualTo("no ping for 6m12s, expected every 5m with 1m grace");
    ping("/ping/" + TOKEN);
    assertThat(monitor("nightly").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void bodiesAreCappedAt10KiBAndFlagged_over1MiBIsRefused() {
    String big = "x".repeat(20_000);
    TestServer.Response r = post("/ping/" + TOKEN, big);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("PingBase-Body-Truncated")).isEqualTo("10240");
    PingState s = server.app().registry().heartbeatState("nightly");
    assertThat(s.last().body()).hasSize(10_240);
    assertThat(s.last().bodyBytes()).isEqualTo(20_000);
    assertThat(s.last().bodyTruncated()).isTrue();
    // The ping's own evaluation carries the body; later ones only its size (bodies are not repeated).
    JsonNode judged = monitor("nightly").at("/last-check/details");
    assertThat(judged.path("body").asText()).hasSize(10_240);
    assertThat(judged.path("body-truncated").asBoolean()).isTrue();
    assertThat(judged.path("body-bytes").asLong()).isEqualTo(20_000);
    server.post("/api/v1/monitors/nightly/check", "{}");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        server.get("/api/v1/monitors/nightly/results").json().path("results").size()).isEqualTo(2));
    JsonNode results = server.get("/api/v1/monitors/nightly/results").json().path("results");
    assertThat(results.get(0).at("/details/body").isMissingNode()).as("newest: not repeated").isTrue();
    assertThat(results.get(0).at("/details/body-bytes").asLong()).isEqualTo(20_000);
    assertThat(results.get(1).at("/details/body-truncated").asBoolean()).as("stored with the ping's result").isTrue();

    TestServer.Response tooBig = server.sendAlone(HttpRequest.newBuilder(server.uri("/ping/" + TOKEN + "/fail"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("y".repeat(1024 * 1024 + 1))));
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.json().path("error").asText()).contains("not counted");
    assertThat(server.app().registry().heartbeatState("nightly").pings()).isEqualTo(1);
  }

  @Test
  void unknownTokensAndActionsAreRefused() {
    double unknownBefore = metric("pingbase_heartbeat_unknown_tokens_total");
    TestServer.Response unknown = ping("/ping/nobody-has-this-token-0123");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(metric("pingbase_heartbeat_unknown_tokens_total") - unknownBefore).as("counted in /metrics").isEqualTo(1);
    assertThat(unknown.json().path("error").asText()).isEqualTo("no heartbeat monitor has this ping token");
    assertThat(ping("/ping/" + TOKEN + "/256").status()).isEqualTo(400);
    assertThat(ping("/ping/" + TOKEN + "/-1").status()).isEqualTo(400);
    TestServer.Response bad = ping("/ping/" + TOKEN + "/finish");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").asText()).contains("/ping/{token}/start");
    assertThat(server.send("PUT", "/ping/" + TOKEN, null).status()).isEqualTo(405);
    assertThat(monitor("nightly").path("status").asText()).as("nothing counted").isEqualTo("PENDING");
  }

  /** 8 threads × 500 pings over loopback: every one answered and counted, the state right at the end. */
  @Test
  void concurrentPingsAreAllCounted() throws Exception {
    int threads = 8;
    int each = 500;
    double successesBefore = metric("pingbase_heartbeat_pings_total{kind=\"success\"}");
    double startsBefore = metric("pingbase_heartbeat_pings_total{kind=\"start\"}");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          int ok = 0;
          for (int i = 0; i < each; i++) {
            // Mostly successes; thread 0 sends a start now and then.
            String path = thread == 0 && i % 50 == 0 ? "/ping/" + TOKEN + "/start" : "/ping/" + TOKEN;
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.uri(path).toString())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
              ok++;
            }
          }
          return ok;
        }));
      }
      int ok = 0;
      for (Future<Integer> f : done) {
        ok += f.get();
      }
      assertThat(ok).isEqualTo(threads * each);
    } finally {
      pool.shutdownNow();
    }
    ping("/ping/" + TOKEN); // the last word is a success
    assertThat(server.app().registry().heartbeatState("nightly").pings()).isEqualTo(threads * each + 1);
    int starts = each / 50;
    assertThat(metric("pingbase_heartbeat_pings_total{kind=\"start\"}") - startsBefore).isEqualTo(starts);
    assertThat(metric("pingbase_heartbeat_pings_total{kind=\"success\"}") - successesBefore)
        .isEqualTo(threads * each - starts + 1);
    JsonNode m = monitor("nightly");
    assertThat(m.path("status").asText()).isEqualTo("UP");
    server.post("/api/v1/monitors/nightly/check", "{}");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(monitor("nightly").at("/last-check/details/pings").asLong()).isEqualTo(threads * each + 1));
  }

  @Test
  void restartKeepsTokensAndTheLastPing() {
    TestServer.Response created = server.post("/api/v1/monitors", """
        { "name": "Hourly export", "type": "heartbeat", "schedule": "0 * * * *", "timezone": "Europe/Berlin" }""");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String apiToken = created.json().path("token").asText();
    String apiUrl = created.json().path("ping-url").asText();
    assertThat(apiUrl).endsWith("/ping/" + apiToken);
    assertThat(ping("/ping/" + apiToken + "/fail").status()).isEqualTo(200);
    assertThat(ping("/ping/" + TOKEN).status()).isEqualTo(200);

    server = server.restart();
    assertThat(monitor("hourly-export").path("token").asText()).isEqualTo(apiToken);
    assertThat(server.app().registry().heartbeatState("hourly-export").failed()).isTrue();
    assertThat(server.app().registry().heartbeatState("nightly").pings()).isEqualTo(1);
    // State resumed as stored; the next ping is judged against the restored last ping.
    assertThat(monitor("hourly-export").path("status").asText()).isEqualTo("DOWN");
    assertThat(ping("/ping/" + apiToken).status()).isEqualTo(200);
    assertThat(monitor("hourly-export").path("status").asText()).isEqualTo("UP");
  }

  /** A file heartbeat without token: one is generated on first start and kept by monitor id across restarts. */
  @Test
  void fileMonitorWithoutTokenKeepsItsGeneratedTokenAcrossRestarts() {
    server.close();
    Path other = dir.resolve("generated");
    String yaml = """
        monitors:
          - { id: weekly, name: Weekly report, type: heartbeat, schedule: "0 6 * * 1", timezone: Europe/Berlin }
        """;
    server = TestServer.start(other, yaml, clock);
    String token = monitor("weekly").path("token").asText();
    assertThat(token).hasSize(24).matches("[A-Za-z0-9_-]+");
    assertThat(ping("/ping/" + token + "/0").status()).isEqualTo(200);
    server = server.restart();
    assertThat(monitor("weekly").path("token").asText()).isEqualTo(token);
    assertThat(monitor("weekly").path("source").asText()).isEqualTo("file");
    assertThat(server.app().registry().heartbeatState("weekly").pings()).isEqualTo(1);
    assertThat(ping("/ping/" + token).status()).isEqualTo(200);
  }

  @Test
  void apiMonitorCanBePutBackAndKeepsItsToken() {
    TestServer.Response created = server.post("/api/v1/monitors", """
        { "name": "Cron job", "type": "heartbeat", "period": "1h" }""");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode got = monitor("cron-job");
    assertThat(got.path("grace").asText()).isEqualTo("1m");
    assertThat(got.path("interval").asText()).isEqualTo("10s");
    assertThat(got.at("/confirmation/rechecks").asInt()).isZero();
    String token = got.path("token").asText();
    assertThat(token).hasSize(24);

    TestServer.Response putBack = server.put("/api/v1/monitors/cron-job", got);
    assertThat(putBack.status()).as(putBack.toString()).isEqualTo(200);
    assertThat(putBack.json().path("token").asText()).isEqualTo(token);

    ObjectNode withoutToken = ((ObjectNode) got.deepCopy());
    withoutToken.remove(List.of("token", "ping-url"));
    withoutToken.put("grace", "5m");
    TestServer.Response updated = server.put("/api/v1/monitors/cron-job", withoutToken);
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json().path("token").asText()).as("kept when left out").isEqualTo(token);
    assertThat(updated.json().path("grace").asText()).isEqualTo("5m");

    ObjectNode clash = ((ObjectNode) got.deepCopy());
    clash.put("token", TOKEN);
    TestServer.Response conflict = server.put("/api/v1/monitors/cron-job", clash);
    assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
    assertThat(conflict.json().path("error").asText()).contains("already used by heartbeat monitor 'nightly'");

    TestServer.Response invalid = server.post("/api/v1/monitors", """
        { "name": "Bad", "type": "heartbeat", "period": "1h", "schedule": "0 * * * *", "token": "short" }""");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body()).contains("give either period or schedule").contains("22-64 characters");
  }

  /** One sample of /metrics by its exact name and labels, 0 when absent. */
  private double metric(String nameAndLabels) {
    for (String line : server.get("/metrics").body().split("\n")) {
      if (line.startsWith(nameAndLabels + " ")) {
        return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
      }
    }
    return 0;
  }
}
