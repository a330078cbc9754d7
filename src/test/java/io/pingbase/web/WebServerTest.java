package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pingbase.web.TestServer.Response;
import io.pingbase.web.api.HistoryApi;
import io.pingbase.web.api.Json;
import io.pingbase.web.api.MonitorApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server around the API: health, metrics, the OpenAPI document, and error answers for any request. */
class WebServerTest {
  @TempDir
  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, """
        monitors:
          - { id: one, name: One, type: tcp, host: 127.0.0.1, port: %d }
        """.formatted(LoopbackListener.closedPort()), InstantSource.system());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthzReportsEachComponent() {
    Response r = server.get("/healthz");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode body = r.json();
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.at("/components/database/status").asText()).isEqualTo("ok");
    assertThat(body.at("/components/database/type").asText()).isEqualTo("sqlite");
    assertThat(body.at("/components/writer/status").asText()).isEqualTo("ok");
    assertThat(body.at("/components/writer/dropped").asLong()).isZero();
    assertThat(body.at("/components/scheduler/monitors").asInt()).isEqualTo(1);
  }

  @Test
  void metricsArePrometheusText() {
    Response r = server.get("/metrics");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(r.body()).contains("pingbase_checks_total").contains("pingbase_scheduler_lateness_seconds")
        .contains("pingbase_monitors ");
  }

  @Test
  void theOpenApiDocumentIsServed() throws Exception {
    Response r = server.get("/api/v1/openapi.yaml");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/yaml");
    JsonNode doc = new YAMLMapper().readTree(r.body());
    assertThat(doc.get("openapi").asText()).startsWith("3.1");
  }

  @Test
  void anUnknownRouteIsAJson404() {
    for (String path : List.of("/nope", "/api/v1", "/api/v2/monitors", "/api/v1/monitors/one/history",
        "/api/v1/monitors/one/pause/now", "/API/V1/MONITORS")) {
      Response r = server.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.json().get("status").asInt()).isEqualTo(404);
      assertThat(r.json().get("error").asText()).isEqualTo("no such endpoint: GET " + path);
    }
  }

  @Test
  void aWrongMethodIsAJson405ListingTheAllowedOnes() {
    Response patch = server.send("PATCH", "/api/v1/monitors/one", "{}");
    Response delete = server.delete("/api/v1/monitors");
    Response getPause = server.get("/api/v1/monitors/one/pause");

    assertThat(patch.status()).isEqualTo(405);
    assertThat(patch.header("Allow")).isEqualTo("GET, PUT, DELETE, HEAD");
    assertThat(patch.json().get("error").asText()).contains("PATCH").contains("GET, PUT, DELETE, HEAD");
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.header("Allow")).isEqualTo("GET, POST, HEAD");
    assertThat(getPause.status()).isEqualTo(405);
    assertThat(getPause.json().get("status").asInt()).isEqualTo(405);
  }

  @Test
  void aTrailingSlashIsTheSameRoute() {
    assertThat(server.get("/api/v1/monitors/").status()).isEqualTo(200);
    assertThat(server.get("/api/v1/monitors/one/").status()).isEqualTo(200);
  }

  @Test
  void requestsJettyRefusesBeforeRoutingStillGetJson() {
    Response badUtf8 = server.get("/api/v1/monitors/%FF%FE");
    Response nul = server.get("/api/v1/monitors/%00");
    Response tooLong = server.sendAlone(HttpRequest.newBuilder(server.uri("/api/v1/monitors/" + "a".repeat(20_000))));
    Response hugeHeader = server.sendAlone(HttpRequest.newBuilder(server.uri("/api/v1/monitors"))
        .header("X-Filler", "x".repeat(20_000)).GET());

    assertThat(badUtf8.status()).isEqualTo(400);
    assertThat(nul.status()).isEqualTo(400);
    assertThat(tooLong.status()).isEqualTo(414);
    assertThat(hugeHeader.status()).isEqualTo(431);
    for (Response r : List.of(badUtf8, nul, tooLong, hugeHeader)) {
      assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/json");
      assertThat(r.json().get("status").asInt()).isEqualTo(r.status());
      assertThat(r.json().get("error").asText()).isNotBlank();
    }
  }

  /**
   * Regression: a 404 or 405 to a request with a body no handler read left Jetty to drop the
   * connection, and the client lost the answer or its next request on that connection (found by
   * {@link HostileRequestsTest}). Now the body is drained and the connection serves on.
   */
  @Test
  void aBodyNoHandlerReadIsDrainedAndTheConnectionServesOn() {
    String bigBody = "[" + "1,".repeat(200_000) + "1]";
    for (int i = 0; i < 20; i++) {
      Response unknownRoute = server.send("POST", "/api/v1/nothing-here", bigBody);
      Response wrongMethod = server.send("PATCH", "/api/v1/monitors", bigBody);
      Response getWithBody = server.send("GET", "/api/v1/monitors", "{}");
      Response next = server.get("/api/v1/monitors/one");

      assertThat(unknownRoute.status()).isEqualTo(404);
      assertThat(wrongMethod.status()).isEqualTo(405);
      assertThat(getWithBody.status()).isEqualTo(200);
      assertThat(next.status()).isEqualTo(200);
      for (Response r : List.of(unknownRoute, wrongMethod, getWithBody, next)) {
        assertThat(r.header("Connection")).as(r.toString()).isNull();
      }
    }
  }

  @Test
  void aServerFaultIsAJson500WithoutDetails() {
    // Handlers without what they need fail on every request: a stand-in for a bug. Public routes,
    // so the failure is the handler's, not the authentication's.
    try (WebServer broken = new WebServer(new WebServer.Apis(new MonitorApi(null, null, Json.mapper()),
        new HistoryApi(null, null, null, null, Json.mapper(), null, null),
        new PingEndpoint(new io.pingbase.check.heartbeat.HeartbeatHub(java.time.InstantSource.system()), id -> {}),
        null, null,
        new io.pingbase.web.api.AuthApi(null, null, null, null, null, Json.mapper()),
        new io.pingbase.web.api.WorkspaceApi(null, null, null, null, null, null, null, null, Json.mapper())),
        null, () -> io.pingbase.config.ServerSettings.DEFAULT, null, () -> null, () -> "", Json.mapper())
        .start("127.0.0.1", 0)) {
      HttpClient client = HttpClient.newHttpClient();
      for (String path : List.of("/api/v1/setup", "/healthz")) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broken.port() + path))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(500);
        assertThat(body.get("error").asText()).isEqualTo("internal error; see the server log");
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    Response r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/monitors"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }
}
