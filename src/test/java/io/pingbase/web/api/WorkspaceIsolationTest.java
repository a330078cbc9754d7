package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.testing.TestAccounts;
import io.pingbase.web.LoopbackListener;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workspaces on one server: each may use the same names, sees and changes only its own
 * monitors, channels, windows, events and delivery log, gets 404 for the other's (the same answer
 * as for a name nobody uses), keeps all of it across a restart, and is held to its plan's limits.
 */
class WorkspaceIsolationTest {
  @TempDir
  Path dir;
  TestServer server;
  String acme; // an owner token of workspace acme

  static final String PLANS = """
      accounts:
        plans:
          free: { monitors: 2, min-interval: 5m, retention: 1d, status-pages: 1 }
        default-plan: free
      """;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  void start(String yaml) {
    server = TestServer.start(dir, yaml, InstantSource.system());
    acme = acmeToken();
  }

  /** The test owner makes workspace acme and, in a session working there, a token of it. */
  String acmeToken() {
    if (server.get("/api/v1/workspaces").json().findValuesAsText("id").contains("acme")) {
      return acme;
    }
    assertThat(server.post("/api/v1/workspaces", "{\"id\":\"acme\",\"name\":\"Acme\"}").status()).isEqualTo(201);
    Response in = server.sendAnonymous(server.request("POST", "/api/v1/auth/login",
        "{\"email\":\"" + TestAccounts.EMAIL + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}"));
    String cookie = in.header("Set-Cookie").split(";")[0];
    Response token = server.sendAnonymous(server.request("POST", "/api/v1/tokens", "{\"name\":\"acme\"}")
        .header("Cookie", cookie).header("X-CSRF-Token", in.json().get("csrf-token").asText())
        .header("X-PingBase-Workspace", "acme"));
    assertThat(token.status()).as(token.toString()).isEqualTo(201);
    return token.json().get("token").asText();
  }

  Response inAcme(String method, String path, String body) {
    return server.send(server.request(method, path, body).header("Authorization", "Bearer " + acme));
  }

  static String tcp(String name, int port, String interval) {
    return "{\"name\":\"" + name + "\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + port
        + ",\"interval\":\"" + interval + "\"}";
  }

  @Test
  void theSameNamesLiveSideBySideAndNeitherSeesTheOther() throws Exception {
    try (LoopbackListener up = new LoopbackListener()) {
      start("");
      int closed = LoopbackListener.closedPort();
      assertThat(server.post("/api/v1/channels", "{\"name\":\"ops\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:1/d\"}")
          .status()).isEqualTo(201);
      assertThat(inAcme("POST", "/api/v1/channels", "{\"name\":\"ops\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:1/a\","
          + "\"secret\":\"acme-signing-secret\"}").status()).isEqualTo(201);
      Response mine = server.post("/api/v1/monitors", tcp("Redis", closed, "1h").replace("}",
          ",\"alerts\":{\"channels\":[\"ops\"]}}"));
      Response theirs = inAcme("POST", "/api/v1/monitors", tcp("Redis", up.port(), "1h").replace("}",
          ",\"alerts\":{\"channels\":[\"ops\"]}}"));
      assertThat(mine.status()).as(mine.toString()).isEqualTo(201);
      assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
      assertThat(theirs.header("Location")).isEqualTo("/api/v1/monitors/redis");
      assertThat(theirs.json().get("id").asText()).as("names, never keys, on the wire").isEqualTo("redis");
      assertThat(theirs.json().at("/alerts/channels/0").asText()).isEqualTo("ops");
      assertThat(inAcme("POST", "/api/v1/monitors", tcp("Only acme", up.port(), "1h")).status()).isEqualTo(201);
      assertThat(inAcme("POST", "/api/v1/maintenance", "{\"name\":\"patching\",\"start\":\"2030-01-01T00:00:00Z\","
          + "\"end\":\"2030-01-01T01:00:00Z\",\"monitors\":[\"redis\"]}").status()).isEqualTo(201);
      Response unknownChannel = inAcme("POST", "/api/v1/monitors", tcp("X", up.port(), "1h").replace("}",
          ",\"alerts\":{\"channels\":[\"pager\"]}}"));
      assertThat(unknownChannel.status()).isEqualTo(400);

      assertThat(server.get("/api/v1/monitors/redis").json().get("port").asInt()).isEqualTo(closed);
      assertThat(inAcme("GET", "/api/v1/monitors/redis", null).json().get("port").asInt()).isEqualTo(up.port());
      assertThat(server.get("/api/v1/monitors").json().findValuesAsText("id")).containsExactly("redis");
      assertThat(inAcme("GET", "/api/v1/monitors", null).json().findValuesAsText("id"))
          .containsExactly("only-acme", "redis");
      assertThat(inAcme("GET", "/api/v1/status", null).json().at("/summary/total").asInt()).isEqualTo(2);

      // Another workspace's object answers exactly like one that does not exist.
      Response other = server.get("/api/v1/monitors/only-acme");
      Response nobody = server.get("/api/v1/monitors/no-such-monitor");
      assertThat(other.status()).isEqualTo(404);
      assertThat(other.body()).isEqualTo(nobody.body().replace("no-such-monitor", "only-acme"));
      for (String path : List.of("/api/v1/monitors/only-acme/results", "/api/v1/monitors/only-acme/stats",
          "/api/v1/monitors/only-acme/events", "/api/v1/maintenance/patching")) {
        assertThat(server.get(path).status()).as(path).isEqualTo(404);
      }
      assertThat(server.delete("/api/v1/monitors/only-acme").status()).isEqualTo(404);
      assertThat(server.put("/api/v1/monitors/only-acme", tcp("Mine now", closed, "1h")).status()).isEqualTo(404);
      assertThat(server.post("/api/v1/monitors/only-acme/pause", "{}").status()).isEqualTo(404);
      assertThat(server.get("/api/v1/channels").json().get("count").asInt()).isEqualTo(1);
      assertThat(server.get("/api/v1/maintenance").json().get("count").asInt()).isZero();
      assertThat(inAcme("GET", "/api/v1/channels/ops", null).json().get("url").asText()).endsWith("/a");

      // Checks, events and the delivery log stay in their workspace.
      server.post("/api/v1/monitors/redis/check", "{}");
      inAcme("POST", "/api/v1/monitors/redis/check", "{}");
      await().atMost(Duration.ofSeconds(20)).until(() ->
          server.get("/api/v1/events").json().get("events").size() == 1
              && inAcme("GET", "/api/v1/events", null).json().get("events").size() == 1);
      assertThat(server.get("/api/v1/events").json().at("/events/0/to").asText()).isEqualTo("DOWN");
      assertThat(inAcme("GET", "/api/v1/events", null).json().at("/events/0/to").asText()).isEqualTo("UP");
      assertThat(inAcme("GET", "/api/v1/events", null).json().at("/events/0/monitor").asText()).isEqualTo("redis");
      Response test = inAcme("POST", "/api/v1/channels/ops/test", null);
      assertThat(test.status()).isEqualTo(200);
      List<JsonNode> acmeLog = new ArrayList<>();
      inAcme("GET", "/api/v1/notifications", null).json().get("notifications").forEach(acmeLog::add);
      assertThat(acmeLog).extracting(n -> n.at("/deliveries/0/channel").asText()).contains("ops");
      long testId = acmeLog.stream().filter(n -> n.get("kind").asText().equals("test")).findFirst().orElseThrow()
          .get("id").asLong();
      assertThat(server.get("/api/v1/notifications/" + testId).status()).isEqualTo(404);
      assertThat(server.get("/api/v1/notifications").json().findValuesAsText("kind")).doesNotContain("test");

      // Everything comes back after a restart, in its workspace.
      server = server.restart();
      assertThat(inAcme("GET", "/api/v1/monitors/redis", null).json().at("/alerts/channels/0").asText()).isEqualTo("ops");
      assertThat(inAcme("GET", "/api/v1/channels/ops", null).json().get("secrets-set").toString()).contains("secret");
      assertThat(inAcme("GET", "/api/v1/maintenance/patching", null).json().at("/monitors/0").asText())
          .isEqualTo("redis");
      assertThat(server.get("/api/v1/monitors").json().findValuesAsText("id")).containsExactly("redis");
      assertThat(inAcme("DELETE", "/api/v1/workspace", null).status()).as("not while it holds things").isEqualTo(409);
    }
  }

  @Test
  void statusPagesStayInTheirWorkspaceAndCountAgainstItsPlan() {
    start(PLANS);
    assertThat(inAcme("POST", "/api/v1/monitors", "{\"id\":\"db\",\"name\":\"Acme DB\",\"type\":\"tcp\","
        + "\"host\":\"127.0.0.1\",\"port\":1,\"interval\":\"1h\"}").status()).isEqualTo(201);
    Response made = inAcme("POST", "/api/v1/status-pages", "{\"slug\":\"acme\",\"title\":\"Acme\","
        + "\"sections\":[{\"title\":\"Core\",\"monitors\":[\"db\"]}]}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    Response second = inAcme("POST", "/api/v1/status-pages", "{\"slug\":\"acme-two\",\"title\":\"Two\"}");
    assertThat(second.status()).isEqualTo(403);
    assertThat(second.json().get("limit").asText()).isEqualTo("status-pages");
    assertThat(second.json().get("error").asText()).contains("allows 1 status page");

    // The default workspace neither sees nor reaches acme's page, and cannot take its slug.
    assertThat(server.get("/api/v1/status-pages").json()).isEmpty();
    Response foreign = server.get("/api/v1/status-pages/acme");
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.body()).isEqualTo(server.get("/api/v1/status-pages/nobody").body().replace("nobody", "acme"));
    assertThat(server.put("/api/v1/status-pages/acme", "{\"slug\":\"acme\",\"title\":\"Taken over\"}").status())
        .isEqualTo(404);
    assertThat(server.post("/api/v1/status-pages/acme/incidents", "{\"title\":\"x\",\"message\":\"y\"}")
        .status()).isEqualTo(404);
    assertThat(server.post("/api/v1/status-pages", "{\"slug\":\"acme\",\"title\":\"Mine\"}").status())
        .isEqualTo(409);
    // A section names monitors of its own workspace: acme's "db" is unknown to the default workspace.
    Response mine = server.post("/api/v1/status-pages", "{\"slug\":\"mine\",\"title\":\"Mine\","
        + "\"sections\":[{\"title\":\"Core\",\"monitors\":[\"db\"]}]}");
    assertThat(mine.status()).isEqualTo(400);
    assertThat(mine.json().at("/errors/0/field").asText()).isEqualTo("sections[0].monitors");
    assertThat(mine.json().at("/errors/0/message").asText()).isEqualTo("no monitor \"db\" in this workspace");
    assertThat(server.sendAnonymous(server.request("GET", "/status/acme", null)).body()).contains("Acme DB");
  }

  @Test
  void aWorkspaceIsHeldToItsPlanAndLoweringALimitDeletesNothing() {
    start(PLANS);
    assertThat(inAcme("POST", "/api/v1/monitors", tcp("One", 1, "1h")).status()).isEqualTo(201);
    Response tooOften = inAcme("POST", "/api/v1/monitors", tcp("Two", 1, "1m"));
    assertThat(tooOften.status()).isEqualTo(403);
    assertThat(tooOften.json().get("limit").asText()).isEqualTo("min-interval");
    assertThat(tooOften.json().get("error").asText()).contains("5m");
    assertThat(inAcme("POST", "/api/v1/monitors", tcp("Two", 1, "5m")).status()).isEqualTo(201);
    Response third = inAcme("POST", "/api/v1/monitors", tcp("Three", 1, "1h"));
    assertThat(third.status()).isEqualTo(403);
    assertThat(third.json().get("limit").asText()).isEqualTo("monitors");
    assertThat(third.json().get("error").asText()).contains("allows 2 monitors");
    assertThat(inAcme("PUT", "/api/v1/monitors/one", tcp("One", 1, "30s")).json().get("limit").asText())
        .isEqualTo("min-interval");

    JsonNode ws = inAcme("GET", "/api/v1/workspace", null).json();
    assertThat(ws.get("plan").asText()).isEqualTo("free");
    assertThat(ws.at("/limits/monitors").asInt()).isEqualTo(2);
    assertThat(ws.at("/usage/monitors").asInt()).isEqualTo(2);

    JsonNode stats = inAcme("GET", "/api/v1/monitors/one/stats", null).json().get("ranges");
    assertThat(stats.fieldNames()).toIterable().containsExactly("24h");
    assertThat(inAcme("GET", "/api/v1/monitors/one/stats?range=7d", null).json().get("limit").asText())
        .isEqualTo("retention");
    assertThat(inAcme("GET", "/api/v1/monitors/one/results?from=2020-01-01T00:00:00Z", null).status()).isEqualTo(403);
    assertThat(inAcme("GET", "/api/v1/monitors/one/events", null).status()).as("the default range is cut").isEqualTo(200);

    // The default workspace is the operator's: unlimited unless the file says otherwise.
    for (String name : List.of("A", "B", "C")) {
      assertThat(server.post("/api/v1/monitors", tcp(name, 1, "10s")).status()).isEqualTo(201);
    }

    // A lower limit later: nothing is deleted, nothing more may be added.
    server.close();
    server = TestServer.start(dir, PLANS.replace("monitors: 2", "monitors: 1"), InstantSource.system());
    assertThat(inAcme("GET", "/api/v1/monitors", null).json().get("count").asInt()).isEqualTo(2);
    assertThat(inAcme("POST", "/api/v1/monitors", tcp("Three", 1, "1h")).status()).isEqualTo(403);
    assertThat(inAcme("DELETE", "/api/v1/monitors/two", null).status()).isEqualTo(204);
  }

  @Test
  void aTokenWorksInItsOwnWorkspaceOnlyAndASessionPicksAmongItsOwn() {
    start("");
    Response wrong = server.send(server.request("GET", "/api/v1/monitors", null)
        .header("Authorization", "Bearer " + acme).header("X-PingBase-Workspace", "default"));
    assertThat(wrong.status()).isEqualTo(404);
    Response garbage = server.send(server.request("GET", "/api/v1/monitors", null)
        .header("X-PingBase-Workspace", "../etc"));
    assertThat(garbage.status()).isEqualTo(404);
    Response notMine = server.send(HttpRequest.newBuilder(server.uri("/api/v1/me/workspace"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"workspace\":\"acme\"}")));
    assertThat(notMine.status()).as("a token has no session to switch").isEqualTo(403);
    assertThat(server.get("/api/v1/workspaces").json().findValuesAsText("id")).containsExactly("acme", "default");
  }
}
