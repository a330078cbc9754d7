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

  /** Never started: only its route table is read. */
  private static WebServer unstartedServer() {
    return new WebServer(new WebServer.Apis(new MonitorApi(null, null, Json.mapper()),
        new HistoryApi(null, null, null, null, Json.mapper(), null, null),
        new PingEndpoint(new io.pingbase.check.heartbeat.HeartbeatHub(InstantSource.system()), id -> {}),
        new io.pingbase.web.api.AlertApi(null, null, null, Json.mapper()),
        new MaintenanceApi(null, null, null, null, Json.mapper()),
        new io.pingbase.web.api.AuthApi(null, null, null, null, null, Json.mapper()),
        new io.pingbase.web.api.WorkspaceApi(null, null, null, null, null, null, null, null, Json.mapper())),
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
