package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.web.LoopbackListener;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Everything wrong a client can send gets a 4xx whose JSON names what is wrong: every invalid
 * field of a monitor, the malformed body, the bad query parameter. Never a 500, never a default.
 */
class BadRequestTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    port = LoopbackListener.closedPort();
    server = TestServer.start(dir, """
        monitors:
          - { id: known, name: Known, type: tcp, host: 127.0.0.1, port: %d }
        """.formatted(port), InstantSource.system());
    assertThat(server.post("/api/v1/monitors", """
        { "id": "put-target", "name": "Put Target", "type": "tcp", "host": "127.0.0.1", "port": %d }"""
        .formatted(port)).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> invalidMonitors() {
    return Stream.of(
        Arguments.of("{}", List.of("name", "type")),
        Arguments.of("{\"type\": \"tcp\"}", List.of("name", "host", "port")),
        Arguments.of("{\"name\": \"x\", \"type\": \"tcp\", \"port\": 1}", List.of("host")),
        Arguments.of("{\"name\": \"x\", \"type\": \"gopher\", \"host\": \"localhost\", \"port\": 1}", List.of("type")),
        Arguments.of(monitor("\"port\": 70000"), List.of("port")),
        Arguments.of(monitor("\"port\": 0"), List.of("port")),
        Arguments.of(monitor("\"port\": \"abc\""), List.of("port")),
        Arguments.of(monitor("\"port\": [5432]"), List.of("port")),
        Arguments.of(monitor("\"port\": {\"n\": 1}"), List.of("port")),
        Arguments.of(monitor("\"port\": true"), List.of("port")),
        Arguments.of(monitor("\"port\": 54.5"), List.of("port")),
        Arguments.of(monitor("\"port\": 1e400"), List.of("port")),
        Arguments.of(monitor("\"port\": 99999999999999999999999"), List.of("port")),
        Arguments.of(monitor("\"interval\": \"10\""), List.of("interval")),
        Arguments.of(monitor("\"interval\": \"1.5s\""), List.of("interval")),
        Arguments.of(monitor("\"interval\": \"-1s\""), List.of("interval")),
        Arguments.of(monitor("\"interval\": \"500ms\""), List.of("interval")),
        Arguments.of(monitor("\"interval\": 60"), List.of("interval")),
        Arguments.of(monitor("\"interval\": [\"1s\"]"), List.of("interval")),
        Arguments.of(monitor("\"interval\": \"10s\", \"timeout\": \"30s\""), List.of("timeout")),
        Arguments.of(monitor("\"timeout\": \"0ms\""), List.of("timeout")),
        Arguments.of(monitor("\"timeout\": \"1s\", \"degraded-after\": \"1s\""), List.of("degraded-after")),
        Arguments.of(monitor("\"timout\": \"1s\""), List.of("timout")),
        Arguments.of(monitor("\"url\": \"http://x\""), List.of("url")),
        Arguments.of(monitor("\"confirmation\": {\"rechecks\": 11}"), List.of("confirmation.rechecks")),
        Arguments.of(monitor("\"confirmation\": {\"spacing\": \"soon\", \"retries\": 1}"),
            List.of("confirmation.retries", "confirmation.spacing")),
        Arguments.of(monitor("\"confirmation\": \"twice\""), List.of("confirmation")),
        Arguments.of(monitor("\"id\": \"Bad Id!\""), List.of("id")),
        Arguments.of(monitor("\"id\": \"" + "a".repeat(65) + "\""), List.of("id")),
        Arguments.of("{\"name\": \"" + "n".repeat(201) + "\", \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1}",
            List.of("name")),
        Arguments.of("{\"name\": \"tab\\there\", \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1}", List.of("name")),
        Arguments.of("{\"name\": \"nul\\u0000\", \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1}", List.of("name")),
        Arguments.of("{\"name\": \"half \\ud800 pair\", \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1}",
            List.of("name")),
        Arguments.of(monitor("\"group\": \"line\\nbreak\""), List.of("group")),
        Arguments.of(monitor("\"group\": \"\""), List.of("group")),
        Arguments.of("{\"name\": \"\", \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1}", List.of("name")),
        Arguments.of("{\"name\": \"x\", \"type\": \"tcp\", \"host\": \"http://localhost\", \"port\": 1}", List.of("host")),
        Arguments.of("{\"name\": \"x\", \"type\": \"tcp\", \"host\": \"localhost:5432\", \"port\": 1}", List.of("host")),
        Arguments.of("{\"name\": {\"first\": \"x\"}, \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1}", List.of("name")),
        // Several at once: every one is named.
        Arguments.of("""
            { "name": "", "type": "tcp", "host": "a b", "port": -1, "interval": "1x", "group": [],
              "confirmation": { "rechecks": "many" }, "colour": "red" }""",
            List.of("colour", "name", "interval", "group", "confirmation.rechecks", "host", "port")));
  }

  /** A valid monitor named "Valid" plus {@code extra} keys; a port in {@code extra} replaces the valid one. */
  static String monitor(String extra) {
    String validPort = extra.contains("\"port\"") ? "" : "\"port\": " + port + ", ";
    return "{\"name\": \"Valid\", \"type\": \"tcp\", \"host\": \"localhost\", " + validPort + extra + "}";
  }

  @ParameterizedTest
  @MethodSource("invalidMonitors")
  void everyInvalidFieldOfAMonitorIsNamed(String body, List<String> fields) {
    for (Response r : List.of(server.post("/api/v1/monitors", body), server.put("/api/v1/monitors/put-target", body))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      JsonNode json = r.json();
      assertThat(json.get("status").asInt()).isEqualTo(400);
      assertThat(json.get("error").asText()).startsWith("invalid request");
      List<String> named = new ArrayList<>();
      json.get("errors").forEach(e -> {
        named.add(e.get("field").asText());
        assertThat(e.get("message").asText()).isNotBlank();
      });
      assertThat(named).as(r.toString()).containsExactlyInAnyOrderElementsOf(fields);
    }
    assertThat(server.get("/api/v1/monitors/valid").status()).isEqualTo(404);
    assertThat(server.get("/api/v1/monitors/put-target").json().get("name").asText()).isEqualTo("Put Target");
  }

  @Test
  void anUpdateIsValidatedLikeACreate() {
    assertThat(server.post("/api/v1/monitors", monitor("\"id\": \"to-update\"")).status()).isEqualTo(201);

    Response r = server.put("/api/v1/monitors/to-update", monitor("\"port\": 70000, \"timout\": \"1s\""));

    assertThat(MonitorApiTest.fields(r)).containsExactlyInAnyOrder("port", "timout");
    assertThat(r.json().at("/errors").toString()).contains("did you mean \\\"timeout\\\"");
  }

  @Test
  void manyErrorsAreCountedButOnlyTheFirstHundredListed() {
    StringBuilder body = new StringBuilder("{\"name\": \"x\", \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1");
    for (int i = 0; i < 5000; i++) {
      body.append(", \"unknown-").append(i).append("\": 1");
    }
    Response r = server.post("/api/v1/monitors", body.append('}').toString());

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).contains("5000 errors");
    assertThat(r.json().get("errors").size()).isEqualTo(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"name\": ", "{\"name\": \"x\",}", "{name: \"x\"}", "{'name': 'x'}", "{\"a\": 1} trailing",
      "{\"a\": 1}{\"b\": 2}", "\u00ff\u00fe{}", "{\"a\": NaN}", "{\"a\": 01}"})
  void malformedJsonIs400(String body) {
    Response r = server.post("/api/v1/monitors", body);

    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).startsWith("request body is not valid JSON");
    assertThat(r.json().has("errors")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{\"name\": \"x\"}]", "\"monitor\"", "42", "true", "null"})
  void aBodyThatIsNotAnObjectIs400(String body) {
    Response r = server.post("/api/v1/monitors", body);

    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).startsWith("request body must be a JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t "})
  void anEmptyBodyIs400(String body) {
    Response r = server.post("/api/v1/monitors", body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).contains("empty");
  }

  @Test
  void aBodyWithoutContentTypeIsReadAsJson() {
    Response r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/monitors"))
        .POST(HttpRequest.BodyPublishers.ofString(monitor("\"id\": \"no-content-type\""))));

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x"})
  void aBodyDeclaredAsSomethingElseThanJsonIs415(String contentType) {
    Response r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/monitors"))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(monitor("\"id\": \"wrong-type\""))));

    assertThat(r.status()).as(r.toString()).isEqualTo(415);
    assertThat(r.json().get("error").asText()).contains("application/json").contains(contentType);
    assertThat(server.get("/api/v1/monitors/wrong-type").status()).isEqualTo(404);
  }

  @Test
  void jsonWithACharsetOrAJsonSuffixIsAccepted() {
    for (String type : List.of("application/json; charset=utf-8", "APPLICATION/JSON", "application/merge-patch+json")) {
      String id = "typed-" + Math.abs(type.hashCode());
      Response r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/monitors"))
          .header("Content-Type", type)
          .POST(HttpRequest.BodyPublishers.ofString(monitor("\"id\": \"" + id + "\""))));
      assertThat(r.status()).as(type + ": " + r).isEqualTo(201);
    }
  }

  @Test
  void duplicateKeysAreRefusedAndNamed() {
    Response r = server.post("/api/v1/monitors",
        "{\"name\": \"a\", \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1, \"port\": 2}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).contains("duplicate key \"port\"").doesNotContain("DeserializationFeature");
  }

  @Test
  void deeplyNestedJsonIsRefusedEarly() {
    for (String body : List.of("[".repeat(10_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
        monitor("\"confirmation\": " + "{\"x\": ".repeat(40) + "1" + "}".repeat(40)))) {
      Response r = server.post("/api/v1/monitors", body);
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.json().get("error").asText()).contains("32 levels of nesting");
    }
  }

  @Test
  void aHugeBodyIs413() {
    String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    Response r = server.sendAlone(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/monitors"))
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(huge)));

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("status").asInt()).isEqualTo(413);
    assertThat(r.json().get("error").asText()).contains("1048576 bytes");
  }

  @Test
  void aBodyThatIsNotUtf8DoesNotBreakAnything() {
    byte[] latin1 = "{\"name\": \"Caf\u00e9\", \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1}"
        .getBytes(StandardCharsets.ISO_8859_1);
    Response r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/monitors"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));

    assertThat(r.status()).as(r.toString()).isBetween(200, 499);
  }

  static Stream<Arguments> invalidQueries() {
    return Stream.of(
        Arguments.of("/api/v1/monitors/known/results?from=yesterday", "from"),
        Arguments.of("/api/v1/monitors/known/results?to=2026-13-01T00:00:00Z", "to"),
        Arguments.of("/api/v1/monitors/known/results?from=2026-01-01", "from"),
        Arguments.of("/api/v1/monitors/known/results?from=-1", "from"),
        Arguments.of("/api/v1/monitors/known/results?to=99999999999999999999", "to"),
        Arguments.of("/api/v1/monitors/known/results?to=%2B999999999-01-01T00:00:00Z", "to"),
        Arguments.of("/api/v1/monitors/known/results?from=-999999999-01-01T00:00:00Z", "from"),
        Arguments.of("/api/v1/monitors/known/results?from=1969-12-31T23:59:59Z", "from"),
        Arguments.of("/api/v1/monitors/known/results?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from"),
        Arguments.of("/api/v1/monitors/known/results?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from"),
        Arguments.of("/api/v1/monitors/known/results?limit=0", "limit"),
        Arguments.of("/api/v1/monitors/known/results?limit=1001", "limit"),
        Arguments.of("/api/v1/monitors/known/results?limit=-5", "limit"),
        Arguments.of("/api/v1/monitors/known/results?limit=ten", "limit"),
        Arguments.of("/api/v1/monitors/known/results?limit=99999999999", "limit"),
        Arguments.of("/api/v1/monitors/known/results?cursor=not-a-cursor", "cursor"),
        Arguments.of("/api/v1/monitors/known/results?cursor=%F0%9F%92%A5", "cursor"),
        Arguments.of("/api/v1/monitors/known/results?cursor=YWJj", "cursor"),
        Arguments.of("/api/v1/monitors/known/stats?range=abc", "range"),
        Arguments.of("/api/v1/monitors/known/stats?range=0s", "range"),
        Arguments.of("/api/v1/monitors/known/stats?range=4000d", "range"),
        Arguments.of("/api/v1/monitors/known/stats?range=999ms", "range"),
        Arguments.of("/api/v1/monitors/known/stats?from=9999-12-31T23:59:59.998Z", "from"),
        Arguments.of("/api/v1/monitors/known/stats?range=1.5h", "range"),
        Arguments.of("/api/v1/monitors/known/stats?range=1h&from=2026-01-01T00:00:00Z", "range"),
        Arguments.of("/api/v1/monitors/known/stats?from=later", "from"),
        Arguments.of("/api/v1/monitors/known/events?limit=100000", "limit"),
        Arguments.of("/api/v1/monitors/known/events?to=now", "to"),
        Arguments.of("/api/v1/events?from=x", "from"),
        Arguments.of("/api/v1/events?limit=0", "limit"),
        Arguments.of("/api/v1/monitors?status=sideways", "status"),
        Arguments.of("/api/v1/status?status=%E2%9C%93", "status"),
        Arguments.of("/api/v1/status?type=icmp", "type"));
  }

  @ParameterizedTest
  @MethodSource("invalidQueries")
  void aBadQueryParameterIs400NamingIt(String pathAndQuery, String param) {
    Response r = server.get(pathAndQuery);

    assertThat(MonitorApiTest.fields(r)).as(r.toString()).containsExactly(param);
    assertThat(r.json().at("/errors/0/message").asText()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/monitors/known/results?from=0&to=253402300799999",
      "/api/v1/monitors/known/results?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z&limit=1000",
      "/api/v1/monitors/known/stats?from=0&to=9999-12-31T23:59:59.999Z",
      "/api/v1/monitors/known/stats?range=3660d",
      "/api/v1/monitors/known/events?from=0&to=253402300799999&limit=1000",
      "/api/v1/events?to=1",
      "/api/v1/monitors/known/results?cursor=MC4w"})
  void theExtremesOfEveryRangeAreAnswered(String pathAndQuery) {
    Response r = server.get(pathAndQuery);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  @Test
  void aLongBadParameterIsShortenedInTheMessage() {
    Response r = server.get("/api/v1/monitors/known/results?from=" + "9x".repeat(3000));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().length()).isLessThan(600);
  }

  @Test
  void unknownQueryParametersAreIgnored() {
    assertThat(server.get("/api/v1/monitors?colour=red").status()).isEqualTo(200);
  }
}
