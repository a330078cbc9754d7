package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An http monitor through the REST API: created with every key, read back, put back unchanged, checked. */
class HttpMonitorApiTest {
  @TempDir
  static Path dir;
  static HttpServer target;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in = WebServer.class.getResourceAsStream("/openapi.yaml")) {
      OpenApiDocumentTest.doc = new YAMLMapper().readTree(in);
    }
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    target.createContext("/health", ex -> {
      boolean authorized = "Bearer t0k3n".equals(ex.getRequestHeaders().getFirst("Authorization"));
      byte[] body = (authorized ? "{\"status\":\"UP\",\"db\":{\"ok\":true}}" : "{}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(authorized ? 200 : 401, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    target.start();
    server = TestServer.start(dir, "monitors: []\n", InstantSource.system());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    target.stop(0);
  }

  @Test
  void anHttpMonitorIsCreatedReadBackPutBackUnchangedAndChecked() {
    String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
    var created = server.post("/api/v1/monitors", """
        { "name": "Web Health", "type": "http", "url": "%s", "method": "GET",
          "headers": { "X-Probe": "pingbase" }, "bearer-token": "t0k3n",
          "accepted-status": ["200-299", 304], "max-redirects": 3, "max-body": "64KiB",
          "expect": { "body-contains": ["UP"], "json": [ { "path": "$.status", "equals": "UP" },
                      { "path": "$.db.ok", "exists": true } ],
                      "headers": { "Content-Type": "^application/json" } },
          "interval": "30s", "timeout": "2s", "confirmation": { "rechecks": 0 } }""".formatted(url));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode m = created.json();
    assertThat(m.get("type").asText()).isEqualTo("http");
    assertThat(m.get("url").asText()).isEqualTo(url);
    assertThat(m.get("max-body").asText()).isEqualTo("64KiB");
    assertThat(m.get("tls-verify").asBoolean()).isTrue();
    assertThat(m.get("accepted-status").toString()).isEqualTo("[\"200-299\",304]");
    assertThat(m.at("/expect/json/1/exists").asBoolean()).isTrue();
    assertThat(m.has("bearer-token")).as("credentials are never read back").isFalse();
    assertThat(m.get("secrets-set").toString()).isEqualTo("[\"bearer-token\"]");

    JsonNode got = server.get("/api/v1/monitors/web-health").json();
    ObjectNode definition = ((ObjectNode) got).deepCopy();
    definition.remove(List.of("status", "paused", "since", "confirming", "last-check", "source"));
    var put = server.put("/api/v1/monitors/web-health", definition.toString());
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.json().get("expect")).isEqualTo(m.get("expect"));

    server.post("/api/v1/monitors/web-health/check", "");
    await().atMost(Duration.ofSeconds(10)).until(() ->
        "UP".equals(server.get("/api/v1/monitors/web-health").json().path("status").asText()));
    JsonNode checked = server.get("/api/v1/monitors/web-health").json();
    assertThat(checked.at("/last-check/details/status-code").asInt()).isEqualTo(200);

    List<String> problems = new ArrayList<>();
    OpenApiDocumentTest.validate(OpenApiDocumentTest.doc.at("/components/schemas/Monitor"), checked, "$", problems);
    assertThat(problems).isEmpty();
  }

  @Test
  void credentialsAreWrittenNeverReadBackKeptWhenLeftOutAndRemovedWithNull() {
    String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
    var created = server.post("/api/v1/monitors", """
        { "name": "Creds", "type": "http", "url": "%s", "basic-auth": { "username": "ann", "password": "pa55-word" },
          "headers": { "X-Api-Key": "k3y-value", "Cookie": "sid=c00kie", "X-Probe": "pingbase" },
          "interval": "1h" }""".formatted(url));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    for (JsonNode shown : List.of(created.json(), server.get("/api/v1/monitors/creds").json(),
        server.get("/api/v1/monitors").json())) {
      assertThat(shown.toString()).doesNotContain("pa55-word").doesNotContain("k3y-value").doesNotContain("c00kie");
    }
    JsonNode m = created.json();
    assertThat(m.at("/basic-auth/username").asText()).isEqualTo("ann");
    assertThat(m.at("/headers/X-Probe").asText()).isEqualTo("pingbase");
    assertThat(m.get("secrets-set").toString())
        .isEqualTo("[\"basic-auth.password\",\"headers.X-Api-Key\",\"headers.Cookie\"]");

    // Sent back as read: every credential kept.
    var put = server.put("/api/v1/monitors/creds", m.toString());
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.json().get("secrets-set")).isEqualTo(m.get("secrets-set"));
    var target = (io.pingbase.check.Target.Http) server.app().registry().get("creds").orElseThrow().monitor().target();
    assertThat(target.auth().header()).isEqualTo(new io.pingbase.check.http.HttpAuth.Basic("ann", "pa55-word").header());
    assertThat(target.headers()).containsEntry("X-Api-Key", "k3y-value").containsEntry("Cookie", "sid=c00kie");
    assertThat(target.toString()).as("nor logged").doesNotContain("k3y-value").doesNotContain("c00kie")
        .doesNotContain("pa55-word");

    // null removes one, a new value replaces one (whatever the case of the header name).
    ObjectNode change = (ObjectNode) m.deepCopy();
    ((ObjectNode) change.get("headers")).putNull("X-Api-Key");
    ((ObjectNode) change.get("headers")).put("cookie", "sid=new");
    assertThat(server.put("/api/v1/monitors/creds", change.toString()).json().get("secrets-set").toString())
        .isEqualTo("[\"basic-auth.password\",\"headers.cookie\"]");
    target = (io.pingbase.check.Target.Http) server.app().registry().get("creds").orElseThrow().monitor().target();
    assertThat(target.headers()).doesNotContainKey("X-Api-Key").containsEntry("cookie", "sid=new")
        .doesNotContainKey("Cookie");
  }

  @Test
  void badKeysAreRefusedWithEveryProblemNamed() {
    var r = server.post("/api/v1/monitors", """
        { "name": "Bad", "type": "http", "url": "ftp://x", "method": "get", "max-redirects": 99,
          "basic-auth": { "username": "a" }, "accepted-status": ["2xx"],
          "expect": { "json": [ { "path": "status", "equals": "UP" } ], "body-matches": ["("] } }""");
    assertThat(r.status()).isEqualTo(400);
    String body = r.body();
    assertThat(body).contains("url must start with http:// or https://")
        .contains("must be an upper-case method").contains("max-redirects").contains("basic-auth.password")
        .contains("accepted-status").contains("expect.json[0].path").contains("expect.body-matches");
  }
}
