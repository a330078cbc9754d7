package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.testing.SettableClock;
import io.pingbase.web.LoopbackListener;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/v1/maintenance on a real server whose wall clock the test sets: file windows are listed
 * read-only, API windows are created, replaced and deleted, survive a restart, and say whether
 * they are active and when they next start; window time shows up as maintenance in the stats.
 */
class MaintenanceApiTest {
  /** A Sunday. */
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path dir;
  SettableClock clock = new SettableClock(T0);
  TestServer server;
  int closedPort;

  @BeforeEach
  void start() throws Exception {
    closedPort = LoopbackListener.closedPort();
    server = TestServer.start(dir, """
        monitors:
          - { id: db, name: DB, type: tcp, host: 127.0.0.1, port: %d, group: Databases, interval: 1h }
        maintenance:
          - name: sunday-morning
            title: Weekly patching
            days: [sun]
            from: "09:00"
            to: "11:00"
            time-zone: UTC
            groups: [Databases]
        """.formatted(closedPort), clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static final String TONIGHT = """
      { "name": "tonight", "title": "Failover test", "start": "2026-03-01T22:00:00+01:00",
        "end": "2026-03-01T23:30", "time-zone": "Europe/Berlin", "monitors": ["db"] }""";

  @Test
  void fileWindowsAreListedReadOnlyWithWhetherTheyAreActiveAndTheirNextStart() {
    Response r = server.get("/api/v1/maintenance");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("count").asInt()).isEqualTo(1);
    JsonNode w = body.get("windows").get(0);
    assertThat(w.get("name").asText()).isEqualTo("sunday-morning");
    assertThat(w.get("title").asText()).isEqualTo("Weekly patching");
    assertThat(w.get("source").asText()).isEqualTo("file");
    assertThat(w.get("active").asBoolean()).isTrue();
    assertThat(w.get("next").asText()).isEqualTo("2026-03-08T09:00:00Z");
    assertThat(w.get("days")).hasToString("[\"sun\"]");
    assertThat(w.get("from").asText()).isEqualTo("09:00");
    assertThat(w.get("groups")).hasToString("[\"Databases\"]");

    clock.set(T0.plus(Duration.ofHours(1)));
    assertThat(server.get("/api/v1/maintenance/sunday-morning").json().get("active").asBoolean()).isFalse();

    Response put = server.put("/api/v1/maintenance/sunday-morning", w.toString());
    assertThat(put.status()).as(put.toString()).isEqualTo(409);
    assertThat(put.json().get("error").asText())
        .isEqualTo("maintenance window 'sunday-morning' is declared in pingbase.yml; change it there");
    Response delete = server.delete("/api/v1/maintenance/sunday-morning");
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.json().get("error").asText()).contains("pingbase.yml");
    assertThat(server.get("/api/v1/maintenance").json().get("count").asInt()).isEqualTo(1);
  }

  @Test
  void apiWindowsAreCreatedReplacedAndDeletedAndSurviveARestart() {
    Response created = server.post("/api/v1/maintenance", TONIGHT);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/maintenance/tonight");
    JsonNode w = created.json();
    assertThat(w.get("source").asText()).isEqualTo("api");
    assertThat(w.get("active").asBoolean()).isFalse();
    assertThat(w.get("next").asText()).isEqualTo("2026-03-01T21:00:00Z");
    assertThat(w.get("start").asText()).isEqualTo("2026-03-01T22:00+01:00");
    assertThat(w.get("end").asText()).isEqualTo("2026-03-01T23:30+01:00");

    Response again = server.post("/api/v1/maintenance", TONIGHT);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("error").asText()).isEqualTo("a maintenance window named 'tonight' already exists");
    Response clash = server.post("/api/v1/maintenance", TONIGHT.replace("\"tonight\"", "\"sunday-morning\""));
    assertThat(clash.status()).isEqualTo(409);

    clock.set(Instant.parse("2026-03-01T21:30:00Z"));
    JsonNode now = server.get("/api/v1/maintenance/tonight").json();
    assertThat(now.get("active").asBoolean()).isTrue();
    assertThat(now.get("next").isNull()).isTrue();

    // What GET answers can be sent back; the read-only keys are ignored.
    ObjectNode changed = (ObjectNode) now.deepCopy();
    changed.put("end", "2026-03-02T01:00");
    Response put = server.put("/api/v1/maintenance/tonight", changed.toString());
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.json().get("end").asText()).isEqualTo("2026-03-02T01:00+01:00");

    server = server.restart();
    JsonNode list = server.get("/api/v1/maintenance").json();
    assertThat(list.get("count").asInt()).isEqualTo(2);
    List<String> names = new ArrayList<>();
    list.get("windows").forEach(x -> names.add(x.get("name").asText() + "/" + x.get("source").asText()));
    assertThat(names).containsExactly("sunday-morning/file", "tonight/api");
    assertThat(list.get("windows").get(1).get("end").asText()).isEqualTo("2026-03-02T01:00+01:00");

    assertThat(server.delete("/api/v1/maintenance/tonight").status()).isEqualTo(204);
    Response gone = server.get("/api/v1/maintenance/tonight");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("error").asText()).isEqualTo("no maintenance window named 'tonight'");
    assertThat(server.delete("/api/v1/maintenance/tonight").status()).isEqualTo(404);
    assertThat(server.put("/api/v1/maintenance/tonight", TONIGHT).status()).isEqualTo(404);
  }

  @Test
  void invalidWindowsAreRefusedWithEachFieldNamed() {
    Response r = server.post("/api/v1/maintenance", """
        { "name": "Bad Name", "days": ["mon", "someday"], "from": "25:00", "to": "02:00",
          "monitors": ["dbb"], "groups": ["nope"], "colour": "red" }""");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    JsonNode body = r.json();
    assertThat(body.get("error").asText()).isEqualTo("invalid request: 6 errors");
    List<String> errors = new ArrayList<>();
    body.get("errors").forEach(e -> errors.add(e.get("field").asText() + ": " + e.get("message").asText()));
    assertThat(errors).containsExactly(
        "colour: unknown key; expected one of: name, title, time-zone, start, end, cron, duration, days, from, to, "
            + "monitors, groups, all",
        "name: must be 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit, was \"Bad Name\"",
        "days: unknown day \"someday\" (one of: mon, tue, wed, thu, fri, sat, sun)",
        "from: must be a time of day such as \"02:00\" or \"23:30\" (24-hour, local to the window's time-zone), was \"25:00\"",
        "monitors: no monitor with id \"dbb\"; did you mean \"db\"?",
        "groups: no group named \"nope\"");

    Response cron = server.post("/api/v1/maintenance", "{\"name\": \"c\", \"cron\": \"0 3 * * * *\", \"all\": true}");
    assertThat(cron.status()).isEqualTo(400);
    assertThat(cron.json().get("errors").toString()).contains("cron expression must have 5 fields")
        .contains("\"field\":\"duration\",\"message\":\"required key is missing\"");

    Response renamed = server.put("/api/v1/maintenance/sunday-morning", TONIGHT);
    assertThat(renamed.status()).as("a file window is refused before its body is read").isEqualTo(409);
    server.post("/api/v1/maintenance", TONIGHT);
    Response mismatch = server.put("/api/v1/maintenance/tonight", TONIGHT.replace("\"tonight\"", "\"other\""));
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
    assertThat(server.post("/api/v1/maintenance", "[]").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/maintenance/NOT%20A%20NAME").status()).isEqualTo(404);
  }

  /**
   * DB is down from 10:00 (a closed port) and the file's window covers it until 11:00: of the two
   * hours to 12:00, one is maintenance and one is downtime, and uptime is 0% of the one monitored hour.
   */
  @Test
  void windowTimeCountsAsMaintenanceNotDowntimeInTheStats() {
    assertThat(server.post("/api/v1/monitors/db/check", "").status()).isEqualTo(202);
    String stats = "/api/v1/monitors/db/stats?from=" + q(T0) + "&to=" + q(T0.plus(Duration.ofHours(2)));
    await().atMost(Duration.ofSeconds(10)).until(() -> server.get("/api/v1/monitors/db/events").json()
        .get("events").size() > 0);
    clock.set(T0.plus(Duration.ofHours(2)));
    JsonNode custom = server.get(stats).json().at("/ranges/custom");
    assertThat(custom.get("maintenance-seconds").asLong()).isEqualTo(3600);
    assertThat(custom.get("downtime-seconds").asLong()).isEqualTo(3600);
    assertThat(custom.get("monitored-seconds").asLong()).isEqualTo(3600);
    assertThat(custom.get("uptime-percent").asDouble()).isEqualTo(0.0);

    JsonNode outside = server.get("/api/v1/monitors/db/stats?from=" + q(T0.plus(Duration.ofHours(1)))
        + "&to=" + q(T0.plus(Duration.ofHours(2)))).json().at("/ranges/custom");
    assertThat(outside.get("maintenance-seconds").asLong()).isZero();
    assertThat(outside.get("downtime-seconds").asLong()).isEqualTo(3600);
  }

  static String q(Instant at) {
    return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
  }
}
