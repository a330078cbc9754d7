package io.pingbase.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.web.LoopbackListener;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A monitor's page and its chart data over the offered ranges and a range picked by hand. */
class MonitorPagesTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static LoopbackListener target;

  @BeforeAll
  static void start() throws Exception {
    target = new LoopbackListener();
    server = TestServer.start(dir);
    assertThat(server.post("/api/v1/monitors", "{\"id\":\"db\",\"name\":\"DB\",\"type\":\"tcp\",\"host\":\"127.0.0.1\","
        + "\"port\":" + target.port() + ",\"interval\":\"1h\"}").status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
      server.post("/api/v1/monitors/db/check", (String) null);
      return server.get("/api/v1/monitors/db/results").json().path("results").size() >= 2;
    });
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    target.close();
  }

  static Response html(String path) {
    return server.send(server.request("GET", path, null).header("Accept", "text/html"));
  }

  @Test
  void aRangePickedByHandDrawsItsOwnBuckets() {
    Instant now = Instant.now();
    long from = now.minus(Duration.ofHours(2)).getEpochSecond();
    long to = now.plusSeconds(60).getEpochSecond();
    JsonNode series = server.get("/monitors/db/series?from=" + from + "&to=" + to).json();
    assertThat(series.path("from").asLong()).isEqualTo(from);
    assertThat(series.path("to").asLong()).isEqualTo(to);
    assertThat(series.path("bucket-seconds").asLong()).isEqualTo(Math.max(15, (to - from) / 200));
    assertThat(series.path("t").size()).as("the checks of the last minutes are in it").isPositive();
    assertThat(series.path("avg").size()).isEqualTo(series.path("t").size());

    JsonNode before = server.get("/monitors/db/series?from=" + now.minus(Duration.ofDays(3)).getEpochSecond()
        + "&to=" + now.minus(Duration.ofDays(2)).getEpochSecond()).json();
    assertThat(before.path("t").size()).as("nothing was checked then").isZero();
    assertThat(server.get("/monitors/db/series?range=7d").json().path("bucket-seconds").asLong()).isEqualTo(3600);

    Response backwards = server.get("/monitors/db/series?from=" + to + "&to=" + from);
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.body()).contains("to must be after from");
    assertThat(server.get("/monitors/db/series?from=0&to=" + to).body()).contains("at most 400 days");

    DateTimeFormatter field = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    String f = field.format(now.minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES));
    String page = html("/monitors/db?from=" + f + "&to=").body();
    assertThat(page).contains("value=\"" + f + "\"").contains("data-series=\"/monitors/db/series?from=");
    assertThat(html("/monitors/db?from=yesterday").body()).contains("from: a date and time like");
  }
}
