package io.pingbase.web.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.testing.LoopbackListener;
import io.pingbase.testing.TestAccounts;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Status pages against the real server: made through the API, read as their readers read them
 * (anonymous HTTP, a password, a member's session, a custom domain), their JSON, feed and badges.
 * Monitors check loopback listeners started here, and a closed loopback port.
 */
class StatusPageTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static LoopbackListener db;
  static LoopbackListener api;
  static int closedPort;

  @BeforeAll
  static void start() throws Exception {
    db = new LoopbackListener();
    api = new LoopbackListener();
    closedPort = io.pingbase.web.LoopbackListener.closedPort();
    server = TestServer.start(dir);
    monitor("db", "Primary database", db.port(), "Infrastructure");
    monitor("api", "Public API", api.port(), "Infrastructure");
    monitor("queue", "Job queue", closedPort, null);
    monitor("xss", "<script>alert(1)</script>", api.port(), null);
    for (String id : List.of("db", "api", "queue", "xss")) {
      server.post("/api/v1/monitors/" + id + "/check", (String) null);
    }
    awaitState("db", "UP");
    awaitState("api", "UP");
    awaitState("queue", "DOWN");
    awaitState("xss", "UP");
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    db.close();
    api.close();
  }

  static void monitor(String id, String name, int port, String group) {
    String body = "{\"id\":\"" + id + "\",\"name\":" + json(name) + ",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":"
        + port + ",\"interval\":\"1h\"" + (group == null ? "" : ",\"group\":\"" + group + "\"") + "}";
    Response r = server.post("/api/v1/monitors", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Waits for the state, asking for a check again while the monitor has none yet (a request may meet a run in flight). */
  static void awaitState(String id, String state) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
      String now = server.get("/api/v1/monitors/" + id).json().path("status").asText();
      if (!now.equals(state)) {
        server.post("/api/v1/monitors/" + id + "/check", (String) null);
      }
      return now.equals(state);
    });
  }

  static Response anonymous(String path, String... headers) {
    HttpRequest.Builder b = server.request("GET", path, null);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return server.sendAnonymous(b);
  }

  static Response page(String slug, String body) {
    Response r = server.post("/api/v1/status-pages", body.replace("SLUG", slug));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r;
  }

  static final String SECTIONS = "\"sections\":[{\"title\":\"Infrastructure\",\"group\":\"Infrastructure\"},"
      + "{\"title\":\"Jobs\",\"monitors\":[\"queue\"]}]";

  @Test
  void aPublicPageShowsTheBannerSectionsAndNinetyDailyBarsWithoutTargets() {
    Response made = page("acme", "{\"slug\":\"SLUG\",\"title\":\"Acme\",\"description\":\"Acme's services\","
        + SECTIONS + ",\"accent\":\"#aa3300\",\"footer\":\"Acme Inc.\",\"theme\":\"dark\"}");
    assertThat(made.json().path("url").asText()).endsWith("/status/acme");
    assertThat(made.json().has("password-hash")).isFalse();

    Response r = anonymous("/status/acme");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=15");
    String html = r.body();
    assertThat(html).contains("Partial outage") // one of three monitors down
        .contains("Primary database", "Public API", "Job queue", "Infrastructure", "Jobs", "Acme Inc.")
        .contains("data-theme=\"dark\"")
        .doesNotContain("127.0.0.1").doesNotContain(":" + db.port()); // targets hidden by default
    assertThat(html.split("<i class=\"(good|minor|bad|none)\" title=\"", -1).length - 1).isEqualTo(3 * 90);
    assertThat(html).contains("title=\"" ).containsPattern("title=\"\\d{1,2} [A-Z][a-z]{2} \\d{4}: (100%|no data)");
    // The outage of the queue is an incident, opened automatically, with its timeline.
    assertThat(html).contains("Job queue outage", "detected automatically", "Job queue is not responding");
    assertThat(anonymous("/status/acme/style.css").body()).contains("--accent:#aa3300", "--on-accent:#fff");
    assertThat(StatusPageHandlers.onAccent("#ffe066")).as("dark text on a light colour").isEqualTo("#111");
  }

  @Test
  void aMonitorNamedLikeAScriptIsText() {
    page("escape", "{\"slug\":\"SLUG\",\"title\":\"<b>Esc</b>\",\"sections\":[{\"title\":\"<i>x</i>\",\"monitors\":[\"xss\"]}]}");
    String html = anonymous("/status/escape").body();
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
        .contains("&lt;b&gt;Esc&lt;/b&gt;").doesNotContain("<b>Esc").doesNotContain("<i>x</i>");
    assertThat(anonymous("/status/escape/feed.atom").body()).doesNotContain("<script>");
  }

  @Test
  void jsonAndFeedSayTheSame() throws Exception {
    page("machine", "{\"slug\":\"SLUG\",\"title\":\"Machine\"," + SECTIONS + ",\"show-targets\":true}");
    JsonNode j = anonymous("/status/machine/status.json").json();
    assertThat(j.at("/status/indicator").asText()).isEqualTo("partial-outage");
    assertThat(j.at("/sections/0/monitors")).hasSize(2);
    assertThat(j.at("/sections/0/monitors/0/days")).hasSize(90);
    assertThat(j.at("/sections/0/monitors/0/target").asText()).startsWith("tcp://127.0.0.1:"); // shown: the page opts in
    assertThat(j.at("/sections/1/monitors/0/status").asText()).isEqualTo("major-outage");
    assertThat(j.at("/incidents/0/automatic").asBoolean()).isTrue();

    Response feed = anonymous("/status/machine/feed.atom");
    assertThat(feed.header("Content-Type")).startsWith("application/atom+xml");
    Document atom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(atom.getDocumentElement().getLocalName() == null ? atom.getDocumentElement().getTagName()
        : atom.getDocumentElement().getLocalName()).isEqualTo("feed");
    assertThat(atom.getElementsByTagName("entry").getLength()).isEqualTo(j.path("incidents").size()).isPositive();
  }

  @Test
  void writtenIncidentsRaiseTheBannerAndMoveToHistoryWhenResolved() {
    page("incidents", "{\"slug\":\"SLUG\",\"title\":\"Inc\",\"sections\":[{\"title\":\"Infra\",\"group\":\"Infrastructure\"}]}");
    assertThat(anonymous("/status/incidents").body()).contains("All systems operational");
    Response opened = server.post("/api/v1/status-pages/incidents/incidents",
        "{\"title\":\"Database failover\",\"impact\":\"critical\",\"message\":\"We are failing over.\"}");
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    long id = opened.json().path("id").asLong();
    String during = anonymous("/status/incidents").body(); // the edit refreshed the cache: no wait
    assertThat(during).contains("Major outage", "Database failover", "We are failing over.");
    Response resolved = server.post("/api/v1/status-pages/incidents/incidents/" + id + "/updates",
        "{\"status\":\"resolved\",\"message\":\"Failover done.\"}");
    assertThat(resolved.json().path("resolved").isTextual()).isTrue();
    String after = anonymous("/status/incidents").body();
    assertThat(after).contains("All systems operational", "Failover done.");
    assertThat(after.indexOf("Database failover")).isGreaterThan(after.indexOf("Past incidents"));

    assertThat(server.post("/api/v1/status-pages/incidents/incidents/" + id + "/updates", "{\"status\":\"fixed\"}")
        .body()).contains("status").contains("message");
    assertThat(server.post("/api/v1/status-pages/incidents/incidents/999999/updates",
        "{\"status\":\"resolved\",\"message\":\"x\"}").status()).isEqualTo(404);
  }

  @Test
  void aStateChangeReachesReadersAtOnceNotAfterTheCacheExpires() throws Exception {
    page("live", "{\"slug\":\"SLUG\",\"title\":\"Live\",\"sections\":[{\"title\":\"Core\",\"monitors\":[\"db\"]}]}");
    assertThat(anonymous("/status/live").body()).contains("All systems operational");
    db.stop();
    try {
      server.post("/api/v1/monitors/db/check", (String) null);
      awaitState("db", "DOWN");
      await().atMost(Duration.ofSeconds(5)).until(() -> anonymous("/status/live").body().contains("Major outage"));
    } finally {
      db.start();
      server.post("/api/v1/monitors/db/check", (String) null);
      awaitState("db", "UP");
    }
  }

  @Test
  void aPasswordPageOpensOnlyWithItsPassword() {
    page("secret", "{\"slug\":\"SLUG\",\"title\":\"Secret\",\"visibility\":\"password\",\"password\":\"open sesame please\","
        + SECTIONS + "}");
    Response locked = anonymous("/status/secret");
    assertThat(locked.status()).isEqualTo(401);
    assertThat(locked.body()).contains("This status page is private").doesNotContain("Primary database");
    assertThat(anonymous("/status/secret/status.json").status()).isEqualTo(401);
    assertThat(anonymous("/status/secret/badges/monitors/db/status").status()).isEqualTo(401);
    assertThat(server.get("/api/v1/status-pages/secret").json().path("password-set").asBoolean()).isTrue();

    Response wrong = unlock("secret", "not the password");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("That password is not right.");
    Response right = unlock("secret", "open sesame please");
    assertThat(right.status()).isEqualTo(303);
    String set = right.header("Set-Cookie");
    assertThat(set).startsWith(StatusPageHandlers.COOKIE_PREFIX).contains("HttpOnly", "SameSite=Lax");
    String cookie = set.substring(0, set.indexOf(';'));
    Response open = anonymous("/status/secret", "Cookie", cookie);
    assertThat(open.status()).isEqualTo(200);
    assertThat(open.body()).contains("Primary database");
    assertThat(open.header("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(anonymous("/status/secret", "Cookie", cookie.substring(0, cookie.length() - 2) + "xx").status())
        .isEqualTo(401);

    // A new password: the old cookie stops working.
    assertThat(server.put("/api/v1/status-pages/secret", "{\"slug\":\"secret\",\"title\":\"Secret\",\"visibility\":"
        + "\"password\",\"password\":\"another long password\"}").status()).isEqualTo(200);
    assertThat(anonymous("/status/secret", "Cookie", cookie).status()).isEqualTo(401);
  }

  static Response unlock(String slug, String password) {
    HttpRequest.Builder b = server.request("POST", "/status/" + slug + "/unlock", null)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .method("POST", HttpRequest.BodyPublishers.ofString("password="
            + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8)));
    return server.sendAnonymous(b);
  }

  @Test
  void aMembersPageRefusesAnonymousReadersAndOpensForAMember() {
    page("team", "{\"slug\":\"SLUG\",\"title\":\"Team\",\"visibility\":\"members\"," + SECTIONS + "}");
    Response r = anonymous("/status/team");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).doesNotContain("Primary database");
    Response browser = anonymous("/status/team", "Accept", "text/html");
    assertThat(browser.status()).isEqualTo(303);
    assertThat(browser.header("Location")).isEqualTo("/login?next=%2Fstatus%2Fteam");
    assertThat(anonymous("/status/team", "Cookie", "pingbase_session=" + "x".repeat(43)).status()).isEqualTo(401);

    Response login = server.sendAnonymous(server.request("POST", "/api/v1/auth/login",
        "{\"email\":\"" + TestAccounts.EMAIL + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}"));
    String set = login.header("Set-Cookie");
    Response member = anonymous("/status/team", "Cookie", set.substring(0, set.indexOf(';')));
    assertThat(member.status()).isEqualTo(200);
    assertThat(member.body()).contains("Primary database");
  }

  @Test
  void aPageAnswersAtTheRootOfItsOwnDomain() throws Exception {
    page("domain", "{\"slug\":\"SLUG\",\"title\":\"Own domain\",\"domain\":\"status.acme.test\"," + SECTIONS + "}");
    // The Host header is restricted in java.net.http; a raw request sets it.
    String onDomain = raw("GET / HTTP/1.1\r\nHost: status.acme.test\r\nConnection: close\r\n\r\n");
    assertThat(onDomain).startsWith("HTTP/1.1 200").contains("Own domain", "Primary database");
    String elsewhere = raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(elsewhere).startsWith("HTTP/1.1 401"); // the dashboard, for members only
  }

  static String raw(String request) throws IOException {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void badgesShowStatusUptimeAndResponseTime() {
    page("badges", "{\"slug\":\"SLUG\",\"title\":\"Badges\"," + SECTIONS + "}");
    Response status = anonymous("/status/badges/badges/monitors/db/status");
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.header("Content-Type")).startsWith("image/svg+xml");
    assertThat(status.header("Cache-Control")).isEqualTo("public, max-age=60");
    assertThat(status.body()).startsWith("<svg").contains("Primary database: operational").doesNotContain("<script");
    assertThat(anonymous("/status/badges/badges/monitors/queue/status").body()).contains("major outage");
    assertThat(anonymous("/status/badges/badges/groups/Infrastructure/status").body()).contains("Infrastructure: operational");
    assertThat(anonymous("/status/badges/badges/monitors/api/uptime?range=7d").body()).contains("uptime 7d: 100%"); // api never went down
    assertThat(anonymous("/status/badges/badges/monitors/db/response").body()).containsPattern("response: \\d+ ms");
    assertThat(anonymous("/status/badges/badges/monitors/db/uptime?range=1y").status()).isEqualTo(400);
    assertThat(anonymous("/status/badges/badges/monitors/xss/status").status()).as("not on the page").isEqualTo(404);
    assertThat(anonymous("/status/badges/badges/monitors/db/colour").status()).isEqualTo(404);
    assertThat(anonymous("/status/nobody/badges/monitors/db/status").status()).isEqualTo(404);
  }

  @Test
  void servedGzippedWithAnEtagThatAnswers304() throws Exception {
    page("zip", "{\"slug\":\"SLUG\",\"title\":\"Zip\"," + SECTIONS + "}");
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> gz = client.send(HttpRequest.newBuilder(server.uri("/status/zip"))
          .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
      String html = new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(html).contains("Primary database").endsWith("</html>\n");
      String etag = gz.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> again = client.send(HttpRequest.newBuilder(server.uri("/status/zip"))
          .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(again.body()).isEmpty();
    }
  }

  @Test
  void maintenanceIsAnnouncedAheadAndShownWhileItRuns() {
    page("planned", "{\"slug\":\"SLUG\",\"title\":\"Planned\",\"sections\":[{\"title\":\"API\",\"monitors\":[\"api\"]}],"
        + "\"time-zone\":\"UTC\"}");
    java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withSecond(0).withNano(0);
    Response ahead = server.post("/api/v1/maintenance", "{\"name\":\"api-upgrade\",\"title\":\"API upgrade\","
        + "\"start\":\"" + now.plusDays(2) + "\",\"end\":\"" + now.plusDays(2).plusHours(1) + "\",\"time-zone\":\"UTC\","
        + "\"monitors\":[\"api\"]}");
    assertThat(ahead.status()).as(ahead.toString()).isEqualTo(201);
    try {
      String html = anonymous("/status/planned").body();
      assertThat(html).contains("Scheduled maintenance: API upgrade", "Affects: Public API")
          .contains("All systems operational");
      JsonNode j = anonymous("/status/planned/status.json").json();
      assertThat(j.at("/maintenance/0/title").asText()).isEqualTo("API upgrade");
      assertThat(j.at("/maintenance/0/in-progress").asBoolean()).isFalse();

      Response running = server.post("/api/v1/maintenance", "{\"name\":\"api-now\",\"title\":\"Rolling restart\","
          + "\"start\":\"" + now.minusMinutes(5) + "\",\"end\":\"" + now.plusHours(1) + "\",\"time-zone\":\"UTC\","
          + "\"monitors\":[\"api\"]}");
      assertThat(running.status()).as(running.toString()).isEqualTo(201);
      // A window is not a state change of the monitor; the page shows it within the cache's age, or at once
      // for a page built now (this one was refreshed by nothing since): asked for after the cache expires.
      page("planned-now", "{\"slug\":\"SLUG\",\"title\":\"Now\",\"sections\":[{\"title\":\"API\",\"monitors\":[\"api\"]}]}");
      String during = anonymous("/status/planned-now").body();
      assertThat(during).contains("Maintenance in progress: Rolling restart", "Under maintenance");
      assertThat(anonymous("/status/planned-now/status.json").json().at("/status/indicator").asText())
          .isEqualTo("maintenance");
    } finally {
      server.delete("/api/v1/maintenance/api-upgrade");
      server.delete("/api/v1/maintenance/api-now");
    }
  }

  @Test
  void theLogoIsServedByPingBaseWithASandbox() {
    byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        + "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    page("logo", "{\"slug\":\"SLUG\",\"title\":\"Logo\",\"logo\":\"data:image/png;base64,"
        + java.util.Base64.getEncoder().encodeToString(png) + "\"}");
    assertThat(anonymous("/status/logo").body()).contains("<img class=\"logo\" src=\"/status/logo/logo\"");
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(server.uri("/status/logo/logo")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).contains("image/png");
      assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
      assertThat(r.body()).isEqualTo(png);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(anonymous("/status/escape/logo").status()).as("a page without a logo").isEqualTo(404);
  }

  @Test
  void badDocumentsAreRefusedNamingTheField() {
    Response r = server.post("/api/v1/status-pages", "{\"slug\":\"Bad Slug\",\"visibility\":\"secret\","
        + "\"sections\":[{\"title\":\"x\"},{\"group\":\"g\",\"monitors\":[\"a\"]},7],\"accent\":\"red\","
        + "\"logo\":\"https://example.com/logo.png\",\"time-zone\":\"Mars/Olympus\",\"colour\":1,\"domain\":\"-x-\"}");
    assertThat(r.status()).isEqualTo(400);
    String body = r.body();
    assertThat(body).contains("\"slug\"", "\"title\"", "\"visibility\"", "sections[0].group", "sections[1].group",
        "sections[2]", "\"accent\"", "\"logo\"", "\"time-zone\"", "\"colour\"", "\"domain\"");
    assertThat(server.post("/api/v1/status-pages", "{\"slug\":\"nopass\",\"title\":\"x\",\"visibility\":\"password\"}")
        .body()).contains("needs a password");
    page("taken", "{\"slug\":\"SLUG\",\"title\":\"Taken\"}");
    assertThat(server.post("/api/v1/status-pages", "{\"slug\":\"taken\",\"title\":\"Again\"}").status()).isEqualTo(409);
    assertThat(server.get("/api/v1/status-pages/nobody").status()).isEqualTo(404);
    assertThat(anonymous("/status/nobody").status()).isEqualTo(404);
    assertThat(server.delete("/api/v1/status-pages/taken").status()).isEqualTo(204);
    assertThat(anonymous("/status/taken").status()).isEqualTo(404);
  }
}
