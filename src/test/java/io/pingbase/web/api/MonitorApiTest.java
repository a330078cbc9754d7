package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.web.LoopbackListener;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitor definitions through the API: create, read, update, delete, pause, resume, check now, filters. */
class MonitorApiTest {
  @TempDir
  static Path dir;
  static LoopbackListener target;
  static int closedPort;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    target = new LoopbackListener();
    closedPort = LoopbackListener.closedPort();
    server = TestServer.start(dir, """
        monitors:
          - { id: file-db, name: File DB, type: tcp, host: 127.0.0.1, port: %d, group: Infrastructure }
        """.formatted(target.port()), InstantSource.system());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    target.close();
  }

  static String tcp(String name, int port) {
    return """
        { "name": "%s", "type": "tcp", "host": "127.0.0.1", "port": %d }""".formatted(name, port);
  }

  /** The definition without runtime fields, which change as checks run. */
  static ObjectNode definition(JsonNode monitor) {
    ObjectNode copy = ((ObjectNode) monitor).deepCopy();
    copy.remove(List.of("status", "paused", "since", "confirming", "last-check"));
    return copy;
  }

  @Test
  void aMonitorGoesThroughCreateGetListUpdateAndDelete() {
    Response created = server.post("/api/v1/monitors", """
        { "name": "Round Trip", "type": "tcp", "host": "127.0.0.1", "port": %d, "group": "Web",
          "interval": "90s", "confirmation": { "rechecks": 1 } }""".formatted(closedPort));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/monitors/round-trip");
    JsonNode m = created.json();
    assertThat(m.get("id").asText()).isEqualTo("round-trip");
    assertThat(m.get("source").asText()).isEqualTo("api");
    assertThat(m.get("status").asText()).isEqualTo("PENDING");
    assertThat(m.get("paused").asBoolean()).isFalse();
    // Every value written out, durations canonical, defaults filled in.
    assertThat(m.get("interval").asText()).isEqualTo("1m30s");
    assertThat(m.get("timeout").asText()).isEqualTo("2s");
    assertThat(m.at("/confirmation/rechecks").asInt()).isEqualTo(1);
    assertThat(m.at("/confirmation/spacing").asText()).isEqualTo("200ms");

    Response got = server.get(created.header("Location"));
    assertThat(got.status()).isEqualTo(200);
    assertThat(definition(got.json())).isEqualTo(definition(m));

    JsonNode listed = findIn(server.get("/api/v1/monitors").json().get("monitors"), "round-trip");
    assertThat(listed).isNotNull();
    for (String key : List.of("id", "name", "type", "status")) {
      assertThat(listed.hasNonNull(key)).as("list item has %s", key).isTrue();
    }

    ObjectNode changed = definition(got.json());
    changed.put("name", "Round Trip renamed").put("port", target.port()).remove("group");
    Response updated = server.put("/api/v1/monitors/round-trip", changed);
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json().get("name").asText()).isEqualTo("Round Trip renamed");
    assertThat(updated.json().get("port").asInt()).isEqualTo(target.port());
    assertThat(updated.json().has("group")).isFalse();
    assertThat(server.get("/api/v1/monitors/round-trip").json().get("name").asText()).isEqualTo("Round Trip renamed");

    assertThat(server.delete("/api/v1/monitors/round-trip").status()).isEqualTo(204);
    assertThat(server.get("/api/v1/monitors/round-trip").status()).isEqualTo(404);
    assertThat(server.delete("/api/v1/monitors/round-trip").status()).isEqualTo(404);
    assertThat(findIn(server.get("/api/v1/monitors").json().get("monitors"), "round-trip")).isNull();
  }

  @Test
  void whatGetReturnsCanBePutBackUnchangedWithItsReadOnlyFields() {
    assertThat(server.post("/api/v1/monitors", tcp("Put Back", target.port())).status()).isEqualTo(201);
    server.post("/api/v1/monitors/put-back/check", "");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.get("/api/v1/monitors/put-back").json().hasNonNull("last-check"));
    JsonNode got = server.get("/api/v1/monitors/put-back").json();
    assertThat(got.fieldNames()).toIterable().contains("source", "status", "paused", "since", "last-check");

    Response put = server.put("/api/v1/monitors/put-back", got);

    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(definition(put.json())).isEqualTo(definition(got));
    assertThat(put.json().get("status").asText()).isEqualTo("UP"); // status and history are kept
  }

  @Test
  void anUpdateWithoutIdTakesTheIdFromTheUrlAndCannotChangeIt() {
    assertThat(server.post("/api/v1/monitors", tcp("Fixed Id", closedPort)).status()).isEqualTo(201);

    assertThat(server.put("/api/v1/monitors/fixed-id", tcp("Fixed Id again", closedPort)).status()).isEqualTo(200);
    Response renamed = server.put("/api/v1/monitors/fixed-id", """
        { "id": "other-id", "name": "x", "type": "tcp", "host": "127.0.0.1", "port": 1 }""");

    assertThat(renamed.status()).isEqualTo(400);
    assertThat(fields(renamed)).containsExactly("id");
    assertThat(server.get("/api/v1/monitors/other-id").status()).isEqualTo(404);
  }

  @Test
  void anIdThatIsTakenIs409WhetherByAnApiOrAFileMonitor() {
    String body = """
        { "id": "taken", "name": "Taken", "type": "tcp", "host": "127.0.0.1", "port": %d }""".formatted(closedPort);
    assertThat(server.post("/api/v1/monitors", body).status()).isEqualTo(201);

    Response again = server.post("/api/v1/monitors", body);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("error").asText()).contains("'taken'").contains("already exists");

    Response fileId = server.post("/api/v1/monitors", """
        { "id": "file-db", "name": "Clash", "type": "tcp", "host": "127.0.0.1", "port": 1 }""");
    assertThat(fileId.status()).isEqualTo(409);
    assertThat(server.get("/api/v1/monitors/file-db").json().get("name").asText()).isEqualTo("File DB");
  }

  @Test
  void fileMonitorsCannotBeChangedOrDeletedThroughTheApi() {
    JsonNode fileMonitor = server.get("/api/v1/monitors/file-db").json();
    assertThat(fileMonitor.get("source").asText()).isEqualTo("file");

    Response put = server.put("/api/v1/monitors/file-db", fileMonitor);
    Response invalidPut = server.put("/api/v1/monitors/file-db", "{\"port\": \"nope\"}");
    Response delete = server.delete("/api/v1/monitors/file-db");

    for (Response r : List.of(put, invalidPut, delete)) {
      assertThat(r.status()).as(r.toString()).isEqualTo(409);
      assertThat(r.json().get("error").asText()).contains("file-db").contains("pingbase.yml");
    }
    assertThat(server.get("/api/v1/monitors/file-db").status()).isEqualTo(200);
  }

  @Test
  void aPausedFileMonitorStaysPausedAfterARestartUntilResumed(@TempDir Path own) {
    String monitors = """
        monitors:
          - { id: file-paused, name: File Paused, type: tcp, host: 127.0.0.1, port: %d }
        """.formatted(closedPort);
    TestServer running = TestServer.start(own, monitors, InstantSource.system());
    try {
      Response paused = running.post("/api/v1/monitors/file-paused/pause", "");
      assertThat(paused.status()).isEqualTo(200);
      assertThat(paused.json().get("status").asText()).isEqualTo("PAUSED");

      running = running.restart();
      JsonNode afterRestart = running.get("/api/v1/monitors/file-paused").json();
      assertThat(afterRestart.get("status").asText()).isEqualTo("PAUSED");
      assertThat(afterRestart.get("paused").asBoolean()).isTrue();
      assertThat(afterRestart.get("source").asText()).isEqualTo("file");

      Response resumed = running.post("/api/v1/monitors/file-paused/resume", "");
      assertThat(resumed.status()).isEqualTo(200);
      assertThat(resumed.json().get("paused").asBoolean()).isFalse();
      running = running.restart();
      assertThat(running.get("/api/v1/monitors/file-paused").json().get("paused").asBoolean()).isFalse();
    } finally {
      running.close();
    }
  }

  @Test
  void everyMonitorRouteAnswers404ForAnUnknownOrImpossibleId() {
    String longId = "a".repeat(500);
    for (String id : List.of("no-such-monitor", longId, "%C3%A9t%C3%A9", "%F0%9F%92%A5", "UPPER", "..", "a%2Fb",
        "-leading-dash")) {
      List<Response> answers = new ArrayList<>();
      String base = "/api/v1/monitors/" + id;
      answers.add(server.get(base));
      answers.add(server.put(base, tcp("Whatever", closedPort)));
      answers.add(server.delete(base));
      for (String action : List.of("pause", "resume", "check")) {
        answers.add(server.post(base + "/" + action, ""));
      }
      for (String view : List.of("results", "stats", "events")) {
        answers.add(server.get(base + "/" + view));
      }
      for (Response r : answers) {
        assertThat(r.status()).as("%s: %s", id, r).isEqualTo(404);
        assertThat(r.json().get("status").asInt()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).startsWith("no monitor with id");
        assertThat(r.body().length()).as("the echoed id is shortened").isLessThan(400);
      }
    }
  }

  @Test
  void checkNowRunsTheCheckAndIsRefusedWhilePaused() {
    assertThat(server.post("/api/v1/monitors", tcp("Check Now", target.port())).status()).isEqualTo(201);

    Response queued = server.post("/api/v1/monitors/check-now/check", "");
    assertThat(queued.status()).isEqualTo(202);
    assertThat(queued.json().get("queued").asBoolean()).isTrue();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> server.get("/api/v1/monitors/check-now").json().get("status").asText().equals("UP"));
    JsonNode last = server.get("/api/v1/monitors/check-now").json().get("last-check");
    assertThat(last.get("status").asText()).isEqualTo("UP");
    assertThat(last.get("response-us").asLong()).isPositive();
    assertThat(last.get("address").asText()).isEqualTo("127.0.0.1:" + target.port());
    // The same check, from memory and from the database, to the millisecond.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(server.get("/api/v1/monitors/check-now/results").json().at("/results/0")).isEqualTo(last));

    assertThat(server.post("/api/v1/monitors/check-now/pause", "").json().get("status").asText()).isEqualTo("PAUSED");
    Response refused = server.post("/api/v1/monitors/check-now/check", "");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("error").asText()).contains("paused");
  }

  @Test
  void pauseAndResumeAreIdempotent() {
    assertThat(server.post("/api/v1/monitors", tcp("Twice", closedPort)).status()).isEqualTo(201);

    for (int i = 0; i < 2; i++) {
      Response paused = server.post("/api/v1/monitors/twice/pause", "");
      assertThat(paused.status()).isEqualTo(200);
      assertThat(paused.json().get("status").asText()).isEqualTo("PAUSED");
      assertThat(paused.json().get("paused").asBoolean()).isTrue();
    }
    for (int i = 0; i < 2; i++) {
      Response resumed = server.post("/api/v1/monitors/twice/resume", "");
      assertThat(resumed.status()).isEqualTo(200);
      assertThat(resumed.json().get("paused").asBoolean()).isFalse();
    }
  }

  @Test
  void listAndStatusFilterByGroupStatusTypeAndText() {
    server.post("/api/v1/monitors", """
        { "id": "filter-a", "name": "Alpha Cache", "type": "tcp", "host": "localhost", "port": %d, "group": "Caches" }"""
        .formatted(closedPort));
    server.post("/api/v1/monitors", """
        { "id": "filter-b", "name": "Beta Cache", "type": "tcp", "host": "pingbase-test-a", "port": %d, "group": "Caches" }"""
        .formatted(closedPort));
    server.post("/api/v1/monitors/filter-b/pause", "");

    for (String endpoint : List.of("/api/v1/monitors", "/api/v1/status")) {
      assertThat(ids(server.get(endpoint + "?group=caches"))).containsExactly("filter-a", "filter-b");
      assertThat(ids(server.get(endpoint + "?group=Caches&status=paused"))).containsExactly("filter-b");
      assertThat(ids(server.get(endpoint + "?group=Caches&status=PAUSED"))).containsExactly("filter-b");
      assertThat(ids(server.get(endpoint + "?q=ALPHA"))).containsExactly("filter-a");
      assertThat(ids(server.get(endpoint + "?q=pingbase-test-a"))).containsExactly("filter-b"); // the target
      assertThat(ids(server.get(endpoint + "?q=filter-&type=tcp"))).containsExactly("filter-a", "filter-b");
      assertThat(ids(server.get(endpoint + "?q=&group="))).contains("file-db", "filter-a", "filter-b"); // empty: no filter
      assertThat(ids(server.get(endpoint + "?group=Nope"))).isEmpty();

      Response badStatus = server.get(endpoint + "?status=sleeping");
      assertThat(badStatus.status()).isEqualTo(400);
      assertThat(fields(badStatus)).containsExactly("status");
      Response badType = server.get(endpoint + "?type=gopher");
      assertThat(badType.status()).isEqualTo(400);
      assertThat(fields(badType)).containsExactly("type");
      assertThat(badType.json().at("/errors/0/message").asText()).contains("tcp");
    }
    assertThat(server.get("/api/v1/monitors?group=Caches").json().get("count").asInt()).isEqualTo(2);
  }

  @Test
  void statusSummarisesEveryMonitorByState() {
    server.post("/api/v1/monitors", tcp("Summary Paused", closedPort));
    server.post("/api/v1/monitors/summary-paused/pause", "");

    JsonNode status = server.get("/api/v1/status").json();

    JsonNode summary = status.get("summary");
    int total = summary.get("total").asInt();
    assertThat(total).isEqualTo(status.get("monitors").size()).isEqualTo(server.app().registry().list().size());
    int sum = 0;
    for (String state : List.of("pending", "up", "degraded", "down", "paused")) {
      sum += summary.get(state).asInt();
    }
    assertThat(sum).isEqualTo(total);
    assertThat(summary.get("paused").asInt()).isPositive();
    JsonNode line = findIn(status.get("monitors"), "summary-paused");
    assertThat(line.get("status").asText()).isEqualTo("PAUSED");
    assertThat(line.get("target").asText()).isEqualTo("tcp://127.0.0.1:" + closedPort);
    assertThat(line.fieldNames()).toIterable()
        .containsExactly("id", "name", "type", "target", "group", "status", "paused", "since", "last-check");
  }

  static JsonNode findIn(JsonNode monitors, String id) {
    return StreamSupport.stream(monitors.spliterator(), false)
        .filter(m -> m.get("id").asText().equals(id)).findFirst().orElse(null);
  }

  static List<String> ids(Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().get("monitors").forEach(m -> ids.add(m.get("id").asText()));
    return ids;
  }

  /** The fields named in a 400's errors list. */
  static List<String> fields(Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    r.json().path("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }
}
