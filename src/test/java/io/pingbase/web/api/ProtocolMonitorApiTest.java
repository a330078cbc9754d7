package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.testing.Services;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tcp monitor with a protocol through the REST API: created, checked, read back, posted back. */
class ProtocolMonitorApiTest {
  @TempDir
  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, """
        monitors: []
        """, InstantSource.system());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aRedisMonitorIsCheckedAndShowsWhatRedisAnnounced() {
    Services.REDIS.require();
    Response created = server.post("/api/v1/monitors", """
        { "name": "Cache", "type": "tcp", "host": "127.0.0.1", "protocol": "redis" }""");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode m = created.json();
    assertThat(m.get("port").asInt()).as("the protocol's usual port, written out").isEqualTo(6379);
    assertThat(m.get("protocol").asText()).isEqualTo("redis");
    assertThat(m.has("starttls")).isFalse();

    server.post("/api/v1/monitors/cache/check", "");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.get("/api/v1/monitors/cache").json().hasNonNull("last-check"));
    JsonNode got = server.get("/api/v1/monitors/cache").json();
    JsonNode last = got.get("last-check");
    assertThat(last.get("status").asText()).as(last.toString()).isEqualTo("UP");
    assertThat(last.at("/details/reply").asText()).isNotBlank();
    assertThat(last.at("/phases-us/first-byte").isIntegralNumber()).isTrue();
    assertThat(last.get("response-us").asLong()).isGreaterThan(last.at("/phases-us/connect").asLong());

    Response put = server.put("/api/v1/monitors/cache", got);
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.json().get("protocol").asText()).isEqualTo("redis");
  }

  @Test
  void aRedisCheckAtThePostgresqlPortIsDownProtocol() {
    Services.POSTGRESQL.require();
    assertThat(server.post("/api/v1/monitors", """
        { "name": "Wrong", "type": "tcp", "host": "127.0.0.1", "port": 5432, "protocol": "redis",
          "confirmation": { "rechecks": 0 } }""").status()).isEqualTo(201);
    server.post("/api/v1/monitors/wrong/check", "");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.get("/api/v1/monitors/wrong").json().hasNonNull("last-check"));
    JsonNode last = server.get("/api/v1/monitors/wrong").json().get("last-check");
    assertThat(last.get("status").asText()).isEqualTo("DOWN");
    assertThat(last.get("reason").asText()).isEqualTo("PROTOCOL");
    assertThat(last.get("message").asText()).startsWith("expected +PONG");
  }

  @Test
  void aSendExpectMonitorRoundTrips() {
    Response created = server.post("/api/v1/monitors", """
        { "name": "Memcached", "type": "tcp", "host": "127.0.0.1", "port": 11211, "protocol": "send-expect",
          "steps": [ { "send": "version\\r\\n", "expect": "^VERSION " }, { "starttls": true } ] }""");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode steps = created.json().get("steps");
    assertThat(steps.toString()).isEqualTo("[{\"send\":\"version\\r\\n\",\"expect\":\"^VERSION \"},{\"starttls\":true}]");
    Response put = server.put("/api/v1/monitors/memcached", server.get("/api/v1/monitors/memcached").json());
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.json().get("steps")).isEqualTo(steps);
  }

  @Test
  void anUnknownProtocolIs400WithASuggestion() {
    Response r = server.post("/api/v1/monitors", """
        { "name": "Typo", "type": "tcp", "host": "127.0.0.1", "protocol": "postgres" }""");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("protocol");
    assertThat(r.json().at("/errors/0/message").asText())
        .isEqualTo("unknown protocol \"postgres\"; did you mean \"postgresql\"?");
  }
}
