package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.schedule.Scheduler;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results, statistics and events of a real server whose wall clock the test sets, so every result
 * and state change has a known time and uptime figures are exact. Checks run when the test asks
 * (check now); the monitors' own schedule (interval 1h) never fires during the test.
 */
class HistoryApiTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  static Path dir;
  static SettableClock clock = new SettableClock(T0);
  static LoopbackListener target;
  static int closedPort;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    target = new LoopbackListener();
    closedPort = LoopbackListener.closedPort();
    server = TestServer.start(dir, "", clock);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    target.close();
  }

  /**
   * An id whose first scheduled run falls at least 20 minutes into its 1h interval (the scheduler
   * spreads first runs by a hash of the id), so only the test's check-now requests run it.
   */
  static String quietId(String prefix) {
    for (int i = 0; ; i++) {
      String id = prefix + "-" + i;
      if (Scheduler.spread(id, Duration.ofHours(1)).compareTo(Duration.ofMinutes(20)) >= 0) {
        return id;
      }
    }
  }

  static void create(String id, int port) {
    Response r = server.post("/api/v1/monitors", """
        { "id": "%s", "name": "%s", "type": "tcp", "host": "127.0.0.1", "port": %d }""".formatted(id, id, port));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  /** Sets the clock to {@code at} and runs the check now; returns once the monitor shows that result. */
  static JsonNode checkAt(String id, Instant at) {
    clock.set(at);
    // Retried: a check-now arriving while the previous run is still finishing is skipped.
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(server.post("/api/v1/monitors/" + id + "/check", "").status()).isEqualTo(202);
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < deadline) {
        JsonNode m = server.get("/api/v1/monitors/" + id).json();
        if (m.at("/last-check/at").asText().equals(at.toString())) {
          return m;
        }
        Thread.onSpinWait();
      }
    }
    throw new AssertionError("no result at " + at + " for " + id);
  }

  static String q(Instant at) {
    return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void resultsArePagedNewestFirstWithoutGapsOrDuplicates() {
    String id = quietId("paged");
    create(id, target.port());
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      times.add(T0.plusSeconds(i));
      checkAt(id, times.getLast());
    }
    String all = "/api/v1/monitors/" + id + "/results?from=" + q(T0) + "&to=" + q(T0.plusSeconds(60)) + "&limit=1000";
    await().atMost(WAIT).until(() -> server.get(all).json().get("results").size() == 12);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page = server.get("/api/v1/monitors/" + id + "/results?from=" + q(T0) + "&to=" + q(T0.plusSeconds(60))
          + "&limit=5" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      JsonNode body = page.json();
      assertThat(body.get("monitor").asText()).isEqualTo(id);
      body.get("results").forEach(r -> {
        seen.add(r.get("at").asText());
        assertThat(r.get("status").asText()).isEqualTo("UP");
        assertThat(r.get("response-us").asLong()).isPositive();
        assertThat(r.get("recheck").asBoolean()).isFalse();
      });
      assertThat(body.get("results").size()).isEqualTo(pages < 2 ? 5 : 2);
      cursor = body.get("next").isNull() ? null : body.get("next").asText();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(times.reversed().stream().map(Instant::toString).toList());
    // A window: [from, to) by result time.
    JsonNode window = server.get("/api/v1/monitors/" + id + "/results?from=" + q(T0.plusSeconds(3))
        + "&to=" + q(T0.plusSeconds(6))).json();
    List<String> inWindow = new ArrayList<>();
    window.get("results").forEach(r -> inWindow.add(r.get("at").asText()));
    assertThat(inWindow).containsExactly(T0.plusSeconds(5).toString(), T0.plusSeconds(4).toString(),
        T0.plusSeconds(3).toString());
    assertThat(window.get("next").isNull()).isTrue();
    // Epoch milliseconds work as well as ISO-8601.
    JsonNode millis = server.get("/api/v1/monitors/" + id + "/results?from=" + T0.plusSeconds(10).toEpochMilli()
        + "&to=" + T0.plusSeconds(60).toEpochMilli()).json();
    assertThat(millis.get("results").size()).isEqualTo(2);
  }

  @Test
  void uptimeIsTimeWeightedFromStateChanges() {
    String id = quietId("uptime");
    Instant t0 = T0.plus(Duration.ofDays(1));
    create(id, closedPort);
    assertThat(checkAt(id, t0).get("status").asText()).isEqualTo("DOWN");
    // Point it at the listener: status and history are kept, the next check is UP.
    clock.set(t0.plus(Duration.ofMinutes(30)));
    Response moved = server.put("/api/v1/monitors/" + id, """
        { "name": "%s", "type": "tcp", "host": "127.0.0.1", "port": %d }""".formatted(id, target.port()));
    assertThat(moved.json().get("status").asText()).isEqualTo("DOWN");
    assertThat(checkAt(id, t0.plus(Duration.ofMinutes(30))).get("status").asText()).isEqualTo("UP");
    clock.set(t0.plus(Duration.ofHours(2)));
    await().atMost(WAIT).until(() -> server.get("/api/v1/monitors/" + id + "/events").json().get("events").size() == 2);

    JsonNode standard = server.get("/api/v1/monitors/" + id + "/stats").json();
    assertThat(standard.get("monitor").asText()).isEqualTo(id);
    assertThat(standard.get("ranges").fieldNames()).toIterable().containsExactly("24h", "7d", "30d", "90d");
    for (JsonNode range : standard.get("ranges")) {
      // PENDING before t0 is not monitored time: 30 min DOWN, then 90 min UP.
      assertThat(range.get("uptime-percent").asDouble()).isEqualTo(75.0);
      assertThat(range.get("monitored-seconds").asLong()).isEqualTo(7200);
      assertThat(range.get("downtime-seconds").asLong()).isEqualTo(1800);
      assertThat(range.at("/checks/up").asInt()).isEqualTo(1);
      assertThat(range.at("/checks/down").asInt()).isEqualTo(1);
      assertThat(range.at("/checks/total").asInt()).isEqualTo(2);
      assertThat(range.at("/response-us/min").asLong()).isPositive();
      assertThat(range.at("/response-us/p95").asLong()).isPositive();
    }
    JsonNode day = standard.at("/ranges/24h");
    assertThat(day.get("to").asText()).isEqualTo(t0.plus(Duration.ofHours(2)).toString());
    assertThat(day.get("from").asText()).isEqualTo(t0.minus(Duration.ofHours(22)).toString());
    assertThat(day.at("/response-us/exact").asBoolean()).isTrue();

    JsonNode lastHour = server.get("/api/v1/monitors/" + id + "/stats?range=1h").json().at("/ranges/1h");
    assertThat(lastHour.get("uptime-percent").asDouble()).isEqualTo(100.0);
    assertThat(lastHour.at("/checks/total").asInt()).isZero();
    assertThat(lastHour.at("/response-us/avg").isNull()).isTrue();

    JsonNode custom = server.get("/api/v1/monitors/" + id + "/stats?from=" + q(t0) + "&to="
        + q(t0.plus(Duration.ofHours(1)))).json();
    assertThat(custom.get("ranges").fieldNames()).toIterable().containsExactly("custom");
    assertThat(custom.at("/ranges/custom/uptime-percent").asDouble()).isEqualTo(50.0);
    assertThat(custom.at("/ranges/custom/downtime-seconds").asLong()).isEqualTo(1800);

    JsonNode before = server.get("/api/v1/monitors/" + id + "/stats?from=" + q(t0.minus(Duration.ofHours(1)))
        + "&to=" + q(t0)).json().at("/ranges/custom");
    assertThat(before.get("uptime-percent").isNull()).as("nothing monitored: no uptime").isTrue();
    assertThat(before.get("monitored-seconds").asLong()).isZero();
  }

  @Test
  void pausedTimeCountsNeitherWay() {
    String id = quietId("pausing");
    Instant t0 = T0.plus(Duration.ofDays(2));
    create(id, target.port());
    checkAt(id, t0); // PENDING -> UP
    clock.set(t0.plus(Duration.ofHours(1)));
    assertThat(server.post("/api/v1/monitors/" + id + "/pause", "").json().get("status").asText()).isEqualTo("PAUSED");
    clock.set(t0.plus(Duration.ofHours(3)));
    await().atMost(WAIT).until(() -> server.get("/api/v1/monitors/" + id + "/events").json().get("events").size() == 2);

    JsonNode range = server.get("/api/v1/monitors/" + id + "/stats?range=3h").json().at("/ranges/3h");

    assertThat(range.get("uptime-percent").asDouble()).isEqualTo(100.0);
    assertThat(range.get("monitored-seconds").asLong()).isEqualTo(3600);
    assertThat(range.get("paused-seconds").asLong()).isEqualTo(7200);
  }

  @Test
  void eventsListStateChangesNewestFirstPerMonitorAndForAll() {
    String id = quietId("events");
    Instant t0 = T0.plus(Duration.ofDays(3));
    create(id, closedPort);
    checkAt(id, t0);
    clock.set(t0.plusSeconds(10));
    server.post("/api/v1/monitors/" + id + "/pause", "");
    clock.set(t0.plusSeconds(20));
    server.post("/api/v1/monitors/" + id + "/resume", "");
    clock.set(t0.plusSeconds(30));
    String path = "/api/v1/monitors/" + id + "/events";
    await().atMost(WAIT).until(() -> server.get(path).json().get("events").size() == 3);

    JsonNode body = server.get(path).json();
    assertThat(body.get("monitor").asText()).isEqualTo(id);
    List<String> transitions = new ArrayList<>();
    body.get("events").forEach(e -> transitions.add(e.get("from").asText() + ">" + e.get("to").asText()
        + "@" + e.get("at").asText()));
    assertThat(transitions).containsExactly(
        "PAUSED>PENDING@" + t0.plusSeconds(20),
        "DOWN>PAUSED@" + t0.plusSeconds(10),
        "PENDING>DOWN@" + t0);
    JsonNode down = body.get("events").get(2);
    assertThat(down.get("monitor").asText()).isEqualTo(id);
    assertThat(down.get("reason").asText()).isEqualTo("REFUSED");
    assertThat(down.get("message").asText()).isNotBlank();
    assertThat(down.get("id").asLong()).isPositive();
    assertThat(body.at("/events/0/response-us").isNull()).isTrue(); // a resume has no check behind it

    assertThat(server.get(path + "?limit=1").json().get("events").size()).isEqualTo(1);
    assertThat(server.get(path + "?from=" + q(t0.plusSeconds(5))).json().get("events").size()).isEqualTo(2);

    JsonNode global = server.get("/api/v1/events?from=" + q(t0) + "&to=" + q(t0.plusSeconds(30))).json();
    assertThat(global.has("monitor")).isFalse();
    Set<String> monitors = new HashSet<>();
    global.get("events").forEach(e -> monitors.add(e.get("monitor").asText()));
    assertThat(monitors).containsExactly(id);
    assertThat(global.get("events").size()).isEqualTo(3);
  }
}
