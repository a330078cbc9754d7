package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pingbase.web.TestServer.Response;
import io.pingbase.web.api.HistoryApi;
import io.pingbase.web.api.Json;
import io.pingbase.web.api.MaintenanceApi;
import io.pingbase.web.api.MonitorApi;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openapi.yaml and docs/API.md stay true: every route is documented with its methods, every
 * documented operation is a route, the guide has a section per route; and what a live server answers (status codes, required keys, types, no
 * undocumented keys) matches the documented response schemas.
 */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  @TempDir
  static Path dir;
  static JsonNode doc;
  static LoopbackListener target;
  static io.pingbase.testing.HttpReceiver hook;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in = WebServer.class.getResourceAsStream("/openapi.yaml")) {
      doc = new YAMLMapper().readTree(in);
    }
    target = new LoopbackListener();
    hook = new io.pingbase.testing.HttpReceiver();
    server = TestServer.start(dir, """
        channels:
          - { name: doc-hook, type: webhook, url: "%s", secret: doc-secret }
        monitors:
          - { id: file-db, name: File DB, type: tcp, host: 127.0.0.1, port: %d, group: Databases, degraded-after: 1s }
        maintenance:
          - { name: file-window, title: Patching, days: [sun], from: "02:00", to: "04:00", groups: [Databases] }
        accounts:
          workspaces-per-user: 2
          plans:
            capped: { min-interval: 10s, retention: 400d }
            empty: { monitors: 0 }
          workspace-plans: { default: capped, doc-ws: empty }
        """.formatted(hook.url("/hook"), target.port()), InstantSource.system());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (target != null) {
      target.close();
    }
    if (hook != null) {
      hook.close();
    }
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
    Set<String> routes = new TreeSet<>(unstartedServer().routes());

    Set<String> documented = new TreeSet<>();
    doc.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(key -> {
      if (METHODS.contains(key)) {
        documented.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));

    assertThat(routes).isNotEmpty();
    assertThat(documented).isEqualTo(routes);
  }

  @Test
  void everyRouteHasASectionInTheGuide() throws Exception {
    String guide = java.nio.file.Files.readString(Path.of("docs/API.md"));
    for (String route : unstartedServer().routes()) {
      assertThat(guide).as("docs/API.md has a section for %s", route).contains("### `" + route + "`");
    }
  }

  /**
   * Each operation's {@code x-pingbase-access} is its route's {@link Access}, and its
   * {@code security} says so: none for a public route; a token with scope read or a session for
   * GET and HEAD; a token with scope write or a session with its CSRF token for any other method.
   */
  @Test
  void everyOperationDeclaresTheAccessItsRouteHas() throws Exception {
    Map<String, String> access = new java.util.TreeMap<>();
    java.lang.reflect.Field app = WebServer.class.getDeclaredField("app");
    app.setAccessible(true);
    WebServer web = unstartedServer();
    Set<String> routes = new TreeSet<>(web.routes());
    for (var handler : ((io.javalin.Javalin) app.get(web)).unsafe.internalRouter.allHttpHandlers()) {
      String route = handler.endpoint.method.name() + " " + handler.endpoint.path;
      io.javalin.security.Roles roles = handler.endpoint.metadata(io.javalin.security.Roles.class);
      if (routes.contains(route) && roles != null && roles.getRoles().size() == 1) {
        access.put(route, roles.getRoles().iterator().next().toString().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    }
    assertThat(access.keySet()).as("every route has one Access").isEqualTo(routes);

    List<String> problems = new ArrayList<>();
    access.forEach((route, expected) -> {
      String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
      String path = route.substring(route.indexOf(' ') + 1);
      JsonNode op = doc.at("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method);
      if (!op.path("x-pingbase-access").asText().equals(expected)) {
        problems.add(route + ": x-pingbase-access " + op.path("x-pingbase-access") + ", the route has " + expected);
      }
      String security = op.path("security").toString();
      String wanted = expected.equals("public") ? "[]"
          : method.equals("get") || method.equals("head") ? "[{\"bearerToken\":[\"read\"]},{\"sessionCookie\":[]}]"
          : "[{\"bearerToken\":[\"write\"]},{\"sessionCookie\":[],\"csrfToken\":[]}]";
      if (!security.equals(wanted)) {
        problems.add(route + ": security " + security + ", expected " + wanted);
      }
      boolean workspaceHeader = false;
      for (JsonNode parameters : List.of(doc.at("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/parameters"),
          op.path("parameters"))) {
        for (JsonNode parameter : parameters) {
          workspaceHeader |= parameter.path("$ref").asText().equals("#/components/parameters/workspace");
        }
      }
      if (workspaceHeader != !(expected.equals("public") || expected.equals("operator"))) {
        problems.add(route + ": the X-PingBase-Workspace parameter is " + (workspaceHeader ? "" : "not ")
            + "documented, but the route is " + expected);
      }
      if (!expected.equals("public") && !op.at("/responses/401").isObject()) {
        problems.add(route + ": needs credentials, but documents no 401");
      }
    });
    assertThat(problems).isEmpty();
  }

  /** Never started: only its route table is read. */
  private static WebServer unstartedServer() {
    return new WebServer(new WebServer.Apis(new MonitorApi(null, null, Json.mapper()),
        new HistoryApi(null, null, null, null, Json.mapper(), null, null),
        new PingEndpoint(new io.pingbase.check.heartbeat.HeartbeatHub(InstantSource.system()), id -> {}),
        new io.pingbase.web.api.AlertApi(null, null, null, Json.mapper()),
        new MaintenanceApi(null, null, null, null, Json.mapper()),
        new io.pingbase.web.api.AuthApi(null, null, null, null, null, Json.mapper()),
        new io.pingbase.web.api.WorkspaceApi(null, null, null, null, null, null, null, null, Json.mapper()),
        new io.pingbase.web.api.StatusPageApi(null, null, null, null, Json.mapper()), null),
        null, () -> io.pingbase.config.ServerSettings.DEFAULT, null, () -> null, () -> "", Json.mapper());
  }

  @Test
  void everyDocumentedPathParameterAndResponseResolves() {
    doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (!METHODS.contains(op.getKey())) {
        return;
      }
      assertThat(op.getValue().hasNonNull("summary")).as("%s %s has a summary", op.getKey(), path.getKey()).isTrue();
      op.getValue().get("responses").properties().forEach(r -> assertThat(resolve(r.getValue()).has("description"))
          .as("%s %s %s", op.getKey(), path.getKey(), r.getKey()).isTrue());
    }));
  }

  @Test
  void liveAnswersMatchTheDocumentedSchemas() {
    List<String> problems = new ArrayList<>();
    String created = """
        { "id": "doc-api", "name": "Doc API", "type": "tcp", "host": "127.0.0.1", "port": %d,
          "confirmation": { "rechecks": 1 } }""".formatted(target.port());
    check(problems, "POST", "/api/v1/monitors", "/api/v1/monitors", created);
    server.post("/api/v1/monitors/doc-api/check", "");
    server.post("/api/v1/monitors/file-db/check", "");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.get("/api/v1/monitors/doc-api/results").json()
        .path("results").size() > 0 && server.get("/api/v1/events").json().path("events").size() > 0);

    check(problems, "GET", "/healthz", "/healthz", null);
    check(problems, "GET", "/api/v1/status", "/api/v1/status", null);
    check(problems, "GET", "/api/v1/status", "/api/v1/status?status=nope", null);
    check(problems, "GET", "/api/v1/monitors", "/api/v1/monitors", null);
    check(problems, "GET", "/api/v1/monitors", "/api/v1/monitors?type=nope", null);
    check(problems, "POST", "/api/v1/monitors", "/api/v1/monitors", created); // 409
    check(problems, "POST", "/api/v1/monitors", "/api/v1/monitors", "{\"port\": []}");
    check(problems, "POST", "/api/v1/monitors", "/api/v1/monitors", "{\"name\": \"" + "x".repeat(1_100_000) + "\"}");
    JsonNode got = check(problems, "GET", "/api/v1/monitors/{id}", "/api/v1/monitors/doc-api", null);
    check(problems, "GET", "/api/v1/monitors/{id}", "/api/v1/monitors/file-db", null);
    check(problems, "GET", "/api/v1/monitors/{id}", "/api/v1/monitors/nope", null);
    check(problems, "PUT", "/api/v1/monitors/{id}", "/api/v1/monitors/doc-api", got.toString());
    check(problems, "PUT", "/api/v1/monitors/{id}", "/api/v1/monitors/doc-api", "{}");
    check(problems, "PUT", "/api/v1/monitors/{id}", "/api/v1/monitors/file-db", "{}");
    check(problems, "PUT", "/api/v1/monitors/{id}", "/api/v1/monitors/nope", "{}");
    problems.addAll(validate("PUT /api/v1/monitors/{id} 415", "/api/v1/monitors/{id}", "put", server.send(
        java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/monitors/doc-api")).header("Content-Type", "text/plain")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(got.toString())))));
    check(problems, "POST", "/api/v1/monitors/{id}/check", "/api/v1/monitors/doc-api/check", null);
    check(problems, "POST", "/api/v1/monitors/{id}/check", "/api/v1/monitors/nope/check", null);
    check(problems, "GET", "/api/v1/monitors/{id}/results", "/api/v1/monitors/doc-api/results", null);
    check(problems, "GET", "/api/v1/monitors/{id}/results", "/api/v1/monitors/doc-api/results?limit=1", null);
    check(problems, "GET", "/api/v1/monitors/{id}/results", "/api/v1/monitors/doc-api/results?cursor=x", null);
    check(problems, "GET", "/api/v1/monitors/{id}/stats", "/api/v1/monitors/doc-api/stats", null);
    check(problems, "GET", "/api/v1/monitors/{id}/stats", "/api/v1/monitors/doc-api/stats?range=2h", null);
    check(problems, "GET", "/api/v1/monitors/{id}/stats", "/api/v1/monitors/doc-api/stats?range=2x", null);
    check(problems, "GET", "/api/v1/monitors/{id}/events", "/api/v1/monitors/doc-api/events", null);
    check(problems, "GET", "/api/v1/monitors/{id}/events", "/api/v1/monitors/nope/events", null);
    check(problems, "GET", "/api/v1/events", "/api/v1/events", null);
    check(problems, "GET", "/api/v1/events", "/api/v1/events?limit=0", null);
    check(problems, "POST", "/api/v1/monitors/{id}/pause", "/api/v1/monitors/file-db/pause", null);
    check(problems, "POST", "/api/v1/monitors/{id}/check", "/api/v1/monitors/file-db/check", null); // 409 paused
    check(problems, "GET", "/api/v1/status", "/api/v1/status?status=paused", null);
    check(problems, "POST", "/api/v1/monitors/{id}/resume", "/api/v1/monitors/file-db/resume", null);
    check(problems, "POST", "/api/v1/monitors/{id}/resume", "/api/v1/monitors/nope/resume", null);
    // Heartbeats: the definition keys, the read-only ping-url, the pings' JSON errors.
    JsonNode hb = check(problems, "POST", "/api/v1/monitors", "/api/v1/monitors", """
        { "id": "doc-hb", "name": "Doc heartbeat", "type": "heartbeat", "schedule": "30 2 * * *",
          "timezone": "Europe/Berlin", "grace": "10m" }""");
    assertThat(hb.path("ping-url").asText()).contains("/ping/" + hb.path("token").asText());
    check(problems, "PUT", "/api/v1/monitors/{id}", "/api/v1/monitors/doc-hb", hb.toString());
    check(problems, "GET", "/ping/{token}", "/ping/no-such-token-0123456789ab", null);
    check(problems, "GET", "/ping/{token}/{action}", "/ping/" + hb.path("token").asText() + "/999", null);
    // Maintenance windows: the file's, one of each schedule through the API, the errors.
    check(problems, "GET", "/api/v1/maintenance", "/api/v1/maintenance", null);
    check(problems, "GET", "/api/v1/maintenance/{name}", "/api/v1/maintenance/file-window", null);
    check(problems, "GET", "/api/v1/maintenance/{name}", "/api/v1/maintenance/nope", null);
    JsonNode once = check(problems, "POST", "/api/v1/maintenance", "/api/v1/maintenance", """
        { "name": "doc-once", "title": "Upgrade", "start": "2026-05-01T22:00:00Z", "end": "2026-05-02T01:00",
          "monitors": ["doc-api"] }""");
    check(problems, "POST", "/api/v1/maintenance", "/api/v1/maintenance",
        "{\"name\": \"doc-cron\", \"cron\": \"0 3 * * *\", \"duration\": \"1h\", \"all\": true}");
    check(problems, "POST", "/api/v1/maintenance", "/api/v1/maintenance",
        "{\"name\": \"doc-cron\", \"cron\": \"0 3 * * *\", \"duration\": \"1h\", \"all\": true}"); // 409
    check(problems, "POST", "/api/v1/maintenance", "/api/v1/maintenance", "{\"name\": \"doc-bad\", \"days\": [\"x\"]}");
    check(problems, "GET", "/api/v1/maintenance", "/api/v1/maintenance", null);
    check(problems, "PUT", "/api/v1/maintenance/{name}", "/api/v1/maintenance/doc-once", once.toString());
    check(problems, "PUT", "/api/v1/maintenance/{name}", "/api/v1/maintenance/doc-once", "{}");
    check(problems, "PUT", "/api/v1/maintenance/{name}", "/api/v1/maintenance/file-window", "{}");
    check(problems, "PUT", "/api/v1/maintenance/{name}", "/api/v1/maintenance/nope", "{}");
    check(problems, "DELETE", "/api/v1/maintenance/{name}", "/api/v1/maintenance/file-window", null);
    check(problems, "DELETE", "/api/v1/maintenance/{name}", "/api/v1/maintenance/doc-once", null);
    check(problems, "DELETE", "/api/v1/maintenance/{name}", "/api/v1/maintenance/doc-once", null);
    check(problems, "DELETE", "/api/v1/monitors/{id}", "/api/v1/monitors/doc-hb", null);
    check(problems, "DELETE", "/api/v1/monitors/{id}", "/api/v1/monitors/file-db", null);
    check(problems, "DELETE", "/api/v1/monitors/{id}", "/api/v1/monitors/doc-api", null);
    check(problems, "DELETE", "/api/v1/monitors/{id}", "/api/v1/monitors/doc-api", null);

    // Alerting: channels (file and API), a test send, the delivery log.
    check(problems, "GET", "/api/v1/channels", "/api/v1/channels", null);
    String slack = "{ \"name\": \"doc-slack\", \"type\": \"slack\", \"webhook-url\": \"" + hook.url("/slack") + "\" }";
    check(problems, "POST", "/api/v1/channels", "/api/v1/channels", slack);
    check(problems, "POST", "/api/v1/channels", "/api/v1/channels", slack); // 409
    check(problems, "POST", "/api/v1/channels", "/api/v1/channels", "{ \"name\": \"x\", \"type\": \"nope\" }");
    check(problems, "GET", "/api/v1/channels/{name}", "/api/v1/channels/doc-hook", null);
    check(problems, "GET", "/api/v1/channels/{name}", "/api/v1/channels/nope", null);
    check(problems, "PUT", "/api/v1/channels/{name}", "/api/v1/channels/doc-slack", "{ \"type\": \"slack\", \"on\": [\"down\"] }");
    check(problems, "PUT", "/api/v1/channels/{name}", "/api/v1/channels/doc-hook", "{ \"type\": \"webhook\" }");
    check(problems, "POST", "/api/v1/channels/{name}/test", "/api/v1/channels/doc-hook/test", null);
    check(problems, "POST", "/api/v1/channels/{name}/test", "/api/v1/channels/nope/test", null);
    check(problems, "GET", "/api/v1/notifications", "/api/v1/notifications", null);
    check(problems, "GET", "/api/v1/notifications", "/api/v1/notifications?limit=0", null);
    JsonNode log = server.get("/api/v1/notifications?limit=1").json();
    check(problems, "GET", "/api/v1/notifications/{id}", "/api/v1/notifications/" + log.at("/notifications/0/id").asLong(), null);
    check(problems, "GET", "/api/v1/notifications/{id}", "/api/v1/notifications/0", null);
    check(problems, "DELETE", "/api/v1/channels/{name}", "/api/v1/channels/doc-slack", null);
    check(problems, "DELETE", "/api/v1/channels/{name}", "/api/v1/channels/doc-hook", null); // 409 file

    assertThat(problems).isEmpty();
  }

  /**
   * The account routes, each answer checked against the document: public ones without credentials,
   * the test owner's token (in the default workspace, whose plan here limits intervals and history),
   * a token made here, an invited editor's session, and the owner's session in a workspace of its
   * own whose plan allows no monitors. Ends with failed
   * sign-ins until the throttle answers 429 (so no test of this class signs in after it).
   */
  @Test
  void liveAccountAnswersMatchTheDocumentedSchemas() {
    List<String> problems = new ArrayList<>();
    String[] anonymous = {};
    String password = "a long enough passphrase";

    // Public: the setup (done long ago), sign-up (closed), an unknown invitation, a bad sign-in.
    checkAs(problems, anonymous, "GET", "/api/v1/setup", "/api/v1/setup", null);
    checkAs(problems, anonymous, "POST", "/api/v1/setup", "/api/v1/setup",
        "{\"setup-token\": \"x\", \"email\": \"first@pingbase.test\", \"password\": \"" + password + "\"}"); // 409
    checkAs(problems, anonymous, "POST", "/api/v1/signup", "/api/v1/signup",
        "{\"email\": \"new@pingbase.test\", \"password\": \"" + password + "\"}"); // 403 closed
    checkAs(problems, anonymous, "POST", "/api/v1/invitations/accept", "/api/v1/invitations/accept",
        "{\"token\": \"nope\", \"password\": \"" + password + "\"}"); // 404
    checkAs(problems, anonymous, "POST", "/api/v1/auth/login", "/api/v1/auth/login", "{\"email\": 1, \"pasword\": \"x\"}");
    problems.addAll(validate("POST /api/v1/auth/login as a form", "/api/v1/auth/login", "post", server.sendAnonymous(
        server.request("POST", "/api/v1/auth/login", null).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("email=a&password=b"))))); // 415

    // No or bad credentials.
    checkAs(problems, anonymous, "GET", "/api/v1/me", "/api/v1/me", null);
    checkAs(problems, anonymous, "GET", "/api/v1/monitors", "/api/v1/monitors", null);
    checkAs(problems, anonymous, "GET", "/metrics", "/metrics", null);
    checkAs(problems, bearer("pbt_00000000_00000000000000000000000000000000"), "GET", "/api/v1/workspace",
        "/api/v1/workspace", null);
    checkAs(problems, new String[] {"Authorization", "Basic b3duZXI6cGFzcw=="}, "GET", "/api/v1/status",
        "/api/v1/status", null);
    checkAs(problems, new String[] {"Cookie", "pingbase_session=" + "x".repeat(43)}, "POST", "/api/v1/auth/logout",
        "/api/v1/auth/logout", null);

    // The test owner's token: who it is, its workspace and its people.
    JsonNode me = check(problems, "GET", "/api/v1/me", "/api/v1/me", null);
    long ownerId = me.at("/user/id").asLong();
    check(problems, "GET", "/api/v1/workspaces", "/api/v1/workspaces", null);
    check(problems, "GET", "/api/v1/workspace", "/api/v1/workspace", null);
    check(problems, "GET", "/api/v1/members", "/api/v1/members", null);
    check(problems, "GET", "/api/v1/invitations", "/api/v1/invitations", null);
    check(problems, "GET", "/api/v1/tokens", "/api/v1/tokens", null);
    check(problems, "GET", "/api/v1/audit", "/api/v1/audit?limit=5", null);
    check(problems, "GET", "/api/v1/audit", "/api/v1/audit?limit=0", null);
    checkAs(problems, bearer(io.pingbase.testing.TestAccounts.TOKEN, "X-PingBase-Workspace", "elsewhere"), "GET",
        "/api/v1/monitors", "/api/v1/monitors", null); // 404: a token works in its own workspace only
    check(problems, "PUT", "/api/v1/workspace", "/api/v1/workspace", "{\"name\": \"Default\", \"id\": \"other\"}");
    check(problems, "PUT", "/api/v1/workspace", "/api/v1/workspace",
        server.get("/api/v1/workspace").json().toString()); // an answer sent back
    check(problems, "DELETE", "/api/v1/workspace", "/api/v1/workspace", null); // 409 default
    check(problems, "PUT", "/api/v1/members/{user}", "/api/v1/members/" + ownerId, "{\"role\": \"admin\"}"); // 409
    check(problems, "DELETE", "/api/v1/members/{user}", "/api/v1/members/" + ownerId, null); // 409 last owner
    check(problems, "PUT", "/api/v1/members/{user}", "/api/v1/members/999999", "{\"role\": \"viewer\"}"); // 404
    check(problems, "PUT", "/api/v1/members/{user}", "/api/v1/members/" + ownerId, "{\"role\": \"chief\"}"); // 400
    check(problems, "PUT", "/api/v1/me/workspace", "/api/v1/me/workspace", "{\"workspace\": \"default\"}"); // 403 token
    check(problems, "POST", "/api/v1/auth/logout", "/api/v1/auth/logout", null); // 400 token

    // Tokens: a read-only one may read, not change; revoked, it is refused.
    JsonNode readOnly = check(problems, "POST", "/api/v1/tokens", "/api/v1/tokens",
        "{\"name\": \"doc-read\", \"scopes\": [\"read\"], \"role\": \"viewer\", \"expires-in\": \"1d\"}");
    check(problems, "POST", "/api/v1/tokens", "/api/v1/tokens",
        "{\"name\": \"doc-ws\", \"kind\": \"workspace\", \"expires\": \"2099-01-01T00:00:00Z\"}");
    check(problems, "POST", "/api/v1/tokens", "/api/v1/tokens", "{\"name\": \"\", \"scopes\": [\"write\"], \"kind\": \"x\"}");
    String[] asReadOnly = bearer(readOnly.path("token").asText());
    checkAs(problems, asReadOnly, "GET", "/api/v1/me", "/api/v1/me", null);
    checkAs(problems, asReadOnly, "GET", "/api/v1/invitations", "/api/v1/invitations", null); // 403 viewer
    checkAs(problems, asReadOnly, "POST", "/api/v1/monitors/{id}/check", "/api/v1/monitors/file-db/check", null); // 403
    checkAs(problems, asReadOnly, "POST", "/api/v1/tokens", "/api/v1/tokens", "{\"name\": \"more\"}"); // 403 scope
    check(problems, "DELETE", "/api/v1/tokens/{id}", "/api/v1/tokens/" + readOnly.path("id").asLong(), null);
    check(problems, "DELETE", "/api/v1/tokens/{id}", "/api/v1/tokens/nope", null);
    checkAs(problems, asReadOnly, "GET", "/api/v1/me", "/api/v1/me", null); // 401 revoked

    // Invitations: one revoked, one accepted by a new editor.
    JsonNode gone = check(problems, "POST", "/api/v1/invitations", "/api/v1/invitations", "{\"email\": \"gone@pingbase.test\"}");
    check(problems, "DELETE", "/api/v1/invitations/{id}", "/api/v1/invitations/" + gone.path("id").asLong(), null);
    check(problems, "DELETE", "/api/v1/invitations/{id}", "/api/v1/invitations/" + gone.path("id").asLong(), null); // 404
    check(problems, "POST", "/api/v1/invitations", "/api/v1/invitations", "{\"email\": \"not an address\", \"role\": \"boss\"}");
    JsonNode invited = check(problems, "POST", "/api/v1/invitations", "/api/v1/invitations",
        "{\"email\": \"ed@pingbase.test\", \"role\": \"editor\"}");
    check(problems, "GET", "/api/v1/invitations", "/api/v1/invitations", null);
    Session ed = signIn(problems, "/api/v1/invitations/accept", "{\"token\": \"" + invited.path("token").asText()
        + "\", \"name\": \"Ed\", \"password\": \"" + password + "\"}");
    long edId = ed.user();

    // The editor's session: the CSRF token, what an editor may not do, the own account.
    checkAs(problems, ed.headers(), "GET", "/api/v1/me", "/api/v1/me", null);
    checkAs(problems, ed.headers(), "GET", "/api/v1/audit", "/api/v1/audit", null); // 403 admin
    checkAs(problems, ed.withoutCsrf(), "POST", "/api/v1/monitors/{id}/check", "/api/v1/monitors/file-db/check", null);
    checkAs(problems, ed.headers(), "PUT", "/api/v1/members/{user}", "/api/v1/members/" + ownerId, "{\"role\": \"viewer\"}");
    checkAs(problems, ed.headers(), "POST", "/api/v1/tokens", "/api/v1/tokens", "{\"name\": \"ws\", \"kind\": \"workspace\"}");
    checkAs(problems, ed.headers(), "POST", "/api/v1/tokens", "/api/v1/tokens", "{\"name\": \"mine\", \"role\": \"owner\"}");
    checkAs(problems, ed.headers(), "GET", "/api/v1/tokens", "/api/v1/tokens", null);
    checkAs(problems, ed.headers(), "PUT", "/api/v1/me/workspace", "/api/v1/me/workspace", "{\"workspace\": \"nope\"}");
    checkAs(problems, ed.headers(), "PUT", "/api/v1/me/workspace", "/api/v1/me/workspace", "{\"workspace\": \"default\"}");
    checkAs(problems, ed.headers(), "POST", "/api/v1/me/totp/confirm", "/api/v1/me/totp/confirm", "{\"code\": \"123456\"}"); // 409
    checkAs(problems, ed.headers(), "POST", "/api/v1/me/totp", "/api/v1/me/totp", null);
    checkAs(problems, ed.headers(), "POST", "/api/v1/me/totp/confirm", "/api/v1/me/totp/confirm", "{\"code\": \"abcdef\"}"); // 400
    checkAs(problems, ed.headers(), "POST", "/api/v1/me/totp/disable", "/api/v1/me/totp/disable", "{\"password\": \"wrong\"}");
    checkAs(problems, ed.headers(), "POST", "/api/v1/me/totp/disable", "/api/v1/me/totp/disable",
        "{\"password\": \"" + password + "\"}");
    checkAs(problems, ed.headers(), "PUT", "/api/v1/me/password", "/api/v1/me/password",
        "{\"current-password\": \"wrong\", \"new-password\": \"short\"}");
    checkAs(problems, ed.headers(), "PUT", "/api/v1/me/password", "/api/v1/me/password",
        "{\"current-password\": \"" + password + "\", \"new-password\": \"another long passphrase\"}");
    checkAs(problems, ed.headers(), "POST", "/api/v1/auth/logout-everywhere", "/api/v1/auth/logout-everywhere", null);
    checkAs(problems, ed.headers(), "GET", "/api/v1/me", "/api/v1/me", null); // 401 ended
    JsonNode member = server.get("/api/v1/members").json().path("members");
    for (JsonNode m : member) {
      if (m.path("user-id").asLong() == edId) {
        ((ObjectNode) m).put("role", "viewer");
        check(problems, "PUT", "/api/v1/members/{user}", "/api/v1/members/" + edId, m.toString()); // sent back
      }
    }
    check(problems, "DELETE", "/api/v1/members/{user}", "/api/v1/members/" + edId, null);
    check(problems, "DELETE", "/api/v1/members/{user}", "/api/v1/members/" + edId, null); // 404

    // Plan limits of the default workspace (plan capped: 10s interval, 400d of history).
    String monitor = "{ \"id\": \"%s\", \"name\": \"Limited\", \"type\": \"tcp\", \"host\": \"127.0.0.1\","
        + " \"port\": %d, \"interval\": \"%s\" }";
    check(problems, "POST", "/api/v1/monitors", "/api/v1/monitors", monitor.formatted("doc-fast", target.port(), "5s"));
    JsonNode limited = check(problems, "POST", "/api/v1/monitors", "/api/v1/monitors",
        monitor.formatted("doc-limited", target.port(), "1h"));
    check(problems, "PUT", "/api/v1/monitors/{id}", "/api/v1/monitors/doc-limited",
        ((ObjectNode) limited).put("interval", "2s").toString()); // 403 min-interval
    check(problems, "GET", "/api/v1/monitors/{id}/stats", "/api/v1/monitors/doc-limited/stats?range=1000d", null);
    check(problems, "GET", "/api/v1/monitors/{id}/results", "/api/v1/monitors/doc-limited/results?from=2020-01-01T00:00:00Z",
        null);
    check(problems, "GET", "/api/v1/monitors/{id}/events", "/api/v1/monitors/doc-limited/events?from=2020-01-01T00:00:00Z",
        null);
    check(problems, "GET", "/api/v1/events", "/api/v1/events?from=2020-01-01T00:00:00Z", null);
    check(problems, "DELETE", "/api/v1/monitors/{id}", "/api/v1/monitors/doc-limited", null);

    // The owner's session in a workspace of its own, on plan empty (no monitors at all).
    Session owner = signIn(problems, "/api/v1/auth/login", "{\"email\": \"" + io.pingbase.testing.TestAccounts.EMAIL
        + "\", \"password\": \"" + io.pingbase.testing.TestAccounts.PASSWORD + "\"}");
    checkAs(problems, owner.headers(), "GET", "/api/v1/me", "/api/v1/me", null);
    checkAs(problems, owner.headers(), "POST", "/api/v1/workspaces", "/api/v1/workspaces",
        "{\"id\": \"doc-ws\", \"name\": \"Doc workspace\"}");
    checkAs(problems, owner.headers(), "POST", "/api/v1/workspaces", "/api/v1/workspaces",
        "{\"id\": \"doc-ws\", \"name\": \"Again\"}"); // 409
    checkAs(problems, owner.headers(), "POST", "/api/v1/workspaces", "/api/v1/workspaces",
        "{\"id\": \"Not An Id\", \"name\": \"\"}"); // 400
    check(problems, "POST", "/api/v1/workspaces", "/api/v1/workspaces", "{\"name\": \"Third\"}"); // 403 workspaces-per-user
    checkAs(problems, owner.headers(), "GET", "/api/v1/workspaces", "/api/v1/workspaces", null);
    checkAs(problems, owner.headers(), "PUT", "/api/v1/me/workspace", "/api/v1/me/workspace", "{\"workspace\": \"doc-ws\"}");
    checkAs(problems, owner.headers(), "GET", "/api/v1/workspace", "/api/v1/workspace", null);
    checkAs(problems, owner.headers(), "PUT", "/api/v1/workspace", "/api/v1/workspace", "{\"name\": \"Doc WS\"}");
    checkAs(problems, owner.headers(), "POST", "/api/v1/monitors", "/api/v1/monitors",
        monitor.formatted("doc-none", target.port(), "1h")); // 403 monitors
    checkAs(problems, owner.headers(), "GET", "/api/v1/monitors/{id}", "/api/v1/monitors/file-db", null); // 404 elsewhere
    checkAs(problems, owner.headers("X-PingBase-Workspace", "default"), "GET", "/api/v1/monitors/{id}",
        "/api/v1/monitors/file-db", null); // the user's other workspace, for one request
    checkAs(problems, owner.headers(), "POST", "/api/v1/channels", "/api/v1/channels",
        "{ \"name\": \"doc-ws-hook\", \"type\": \"webhook\", \"url\": \"" + hook.url("/ws") + "\" }");
    check(problems, "GET", "/api/v1/channels/{name}", "/api/v1/channels/doc-ws-hook", null); // 404 from the default
    checkAs(problems, owner.headers(), "DELETE", "/api/v1/workspace", "/api/v1/workspace", null); // 409 not empty
    checkAs(problems, owner.headers(), "DELETE", "/api/v1/channels/{name}", "/api/v1/channels/doc-ws-hook", null);
    checkAs(problems, owner.headers(), "GET", "/api/v1/audit", "/api/v1/audit", null);
    checkAs(problems, owner.headers(), "DELETE", "/api/v1/workspace", "/api/v1/workspace", null);
    checkAs(problems, owner.headers(), "GET", "/api/v1/me", "/api/v1/me", null); // 401: the session worked there
    Session again = signIn(problems, "/api/v1/auth/login", "{\"email\": \"" + io.pingbase.testing.TestAccounts.EMAIL
        + "\", \"password\": \"" + io.pingbase.testing.TestAccounts.PASSWORD + "\"}");
    checkAs(problems, again.headers(), "POST", "/api/v1/auth/logout", "/api/v1/auth/logout", null);

    // Failed sign-ins until the throttle steps in.
    int throttled = 0;
    for (int i = 0; i < 12 && throttled == 0; i++) {
      Response r = sendChecked(problems, anonymous, "POST", "/api/v1/auth/login", "/api/v1/auth/login",
          "{\"email\": \"nobody@pingbase.test\", \"password\": \"" + password + "\"}");
      throttled = r.status() == 429 ? i + 1 : 0;
      assertThat(r.status()).isIn(401, 429);
    }
    assertThat(throttled).as("a sign-in is throttled after 5 failures").isGreaterThan(5);

    assertThat(problems).isEmpty();
  }

  /** A browser session: its cookie and CSRF token, and its user's id. */
  private record Session(String cookie, String csrf, long user) {
    String[] headers(String... more) {
      List<String> h = new ArrayList<>(List.of("Cookie", "pingbase_session=" + cookie, "X-CSRF-Token", csrf));
      h.addAll(List.of(more));
      return h.toArray(String[]::new);
    }

    String[] withoutCsrf() {
      return new String[] {"Cookie", "pingbase_session=" + cookie};
    }
  }

  private static String[] bearer(String token, String... more) {
    List<String> h = new ArrayList<>(List.of("Authorization", "Bearer " + token));
    h.addAll(List.of(more));
    return h.toArray(String[]::new);
  }

  /** Signs in through {@code path} (login, accepting an invitation), checking the answer; the session it opened. */
  private static Session signIn(List<String> problems, String path, String body) {
    Response r = sendChecked(problems, new String[0], "POST", path, path, body);
    assertThat(r.status()).as("%s: %s", path, r).isLessThan(300);
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("pingbase_session="))
        .findFirst().orElseThrow();
    return new Session(cookie.substring("pingbase_session=".length(), cookie.indexOf(';')),
        r.json().path("csrf-token").asText(), r.json().at("/user/id").asLong());
  }

  /** As {@link #check}, with exactly {@code headers} (name, value, ...): no token unless they hold one. */
  private static JsonNode checkAs(List<String> problems, String[] headers, String method, String documentedPath,
      String path, String body) {
    Response r = sendChecked(problems, headers, method, documentedPath, path, body);
    return r.body().isEmpty() ? null : r.json();
  }

  private static Response sendChecked(List<String> problems, String[] headers, String method, String documentedPath,
      String path, String body) {
    java.net.http.HttpRequest.Builder request = server.request(method, path, body);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    Response r = server.sendAnonymous(request);
    problems.addAll(validate(method + " " + path + " " + r.status() + " (" + (headers.length == 0 ? "anonymous"
        : headers[0]) + ")", documentedPath, method.toLowerCase(Locale.ROOT), r));
    return r;
  }

  /** Sends the request and adds what does not match the document to {@code problems}; returns the body. */
  private static JsonNode check(List<String> problems, String method, String documentedPath, String path, String body) {
    Response r = server.sendAlone(server.request(method, path, body)); // some are refused half-read (413)
    problems.addAll(validate(method + " " + path + " " + r.status(), documentedPath, method.toLowerCase(Locale.ROOT), r));
    return r.body().isEmpty() ? null : r.json();
  }

  private static List<String> validate(String what, String documentedPath, String method, Response r) {
    JsonNode operation = doc.at("/paths/" + documentedPath.replace("~", "~0").replace("/", "~1") + "/" + method);
    if (operation.isMissingNode()) {
      return List.of(what + ": not documented");
    }
    JsonNode response = operation.at("/responses/" + r.status());
    if (response.isMissingNode()) {
      return List.of(what + ": status " + r.status() + " is not documented; got " + r);
    }
    response = resolve(response);
    JsonNode schema = response.at("/content/application~1json/schema");
    if (schema.isMissingNode()) {
      return r.body().isEmpty() ? List.of() : List.of(what + ": documented without a body, got " + r);
    }
    List<String> problems = new ArrayList<>();
    validate(schema, r.json(), what + " $", problems);
    return problems;
  }

  /**
   * A small JSON Schema check: $ref, allOf, oneOf, type (one or a list), enum, required,
   * properties (and no undocumented keys), items, additionalProperties.
   */
  static void validate(JsonNode schema, JsonNode value, String at, List<String> problems) {
    schema = merged(resolve(schema));
    if (schema.has("oneOf")) {
      int matching = 0;
      for (JsonNode option : schema.get("oneOf")) {
        List<String> p = new ArrayList<>();
        validate(option, value, at, p);
        matching += p.isEmpty() ? 1 : 0;
      }
      if (matching != 1) {
        problems.add(at + ": matches " + matching + " of the oneOf options: " + value);
      }
      return;
    }
    if (schema.has("type")) {
      Set<String> types = new LinkedHashSet<>();
      if (schema.get("type").isArray()) {
        schema.get("type").forEach(t -> types.add(t.asText()));
      } else {
        types.add(schema.get("type").asText());
      }
      if (!types.contains(typeOf(value)) && !(types.contains("number") && typeOf(value).equals("integer"))) {
        problems.add(at + ": is " + typeOf(value) + ", documented " + types + ": " + value);
        return;
      }
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode e : schema.get("enum")) {
        listed |= e.equals(value);
      }
      if (!listed) {
        problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (value.isObject()) {
      schema.path("required").forEach(key -> {
        if (!value.has(key.asText())) {
          problems.add(at + ": lacks the required key " + key.asText());
        }
      });
      JsonNode properties = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        if (properties != null && properties.has(key)) {
          validate(properties.get(key), field.getValue(), at + "." + key, problems);
        } else if (additional != null && additional.isObject()) {
          validate(additional, field.getValue(), at + "." + key, problems);
        } else if (additional != null && additional.asBoolean(false)) {
          // documented as open (a channel's type-specific keys)
        } else if (properties != null) {
          problems.add(at + ": has the undocumented key " + key);
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
      }
    }
  }

  /** Follows local $refs ("#/components/..."). */
  static JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      assertThat(ref).startsWith("#/");
      JsonNode target = doc.at(ref.substring(1));
      assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
      node = target;
    }
    return node;
  }

  /** An allOf flattened into one object schema: properties and required lists united. */
  private static JsonNode merged(JsonNode schema) {
    if (!schema.has("allOf")) {
      return schema;
    }
    ObjectNode out = new YAMLMapper().createObjectNode();
    ObjectNode properties = out.putObject("properties");
    ArrayNode required = out.putArray("required");
    out.put("type", "object");
    for (JsonNode part : schema.get("allOf")) {
      JsonNode p = merged(resolve(part));
      p.path("properties").properties().forEach(e -> properties.set(e.getKey(), e.getValue()));
      p.path("required").forEach(required::add);
      if (p.has("additionalProperties")) {
        out.set("additionalProperties", p.get("additionalProperties"));
      }
    }
    return out;
  }

  private static String typeOf(JsonNode v) {
    return switch (v.getNodeType()) {
      case OBJECT, POJO -> "object";
      case ARRAY -> "array";
      case STRING, BINARY -> "string";
      case NUMBER -> v.isIntegralNumber() ? "integer" : "number";
      case BOOLEAN -> "boolean";
      case NULL, MISSING -> "null";
    };
  }
}
