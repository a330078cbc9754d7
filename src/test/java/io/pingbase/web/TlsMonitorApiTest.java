package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pingbase.testing.LoopbackTlsServer;
import io.pingbase.testing.TestCertificates;
import io.pingbase.web.TestServer.Response;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code type: tls} monitor through the REST API: created, checked, shown as documented, put back unchanged. */
class TlsMonitorApiTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static LoopbackTlsServer tls;
  static Path caFile;
  static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates.Authority ca = TestCertificates.authority("API Test CA");
    tls = new LoopbackTlsServer(ca.leaf("localhost", "127.0.0.1").validFor(Duration.ofDays(20)).issue().serverContext());
    caFile = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ca.certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    try (InputStream in = WebServer.class.getResourceAsStream("/openapi.yaml")) {
      doc = new YAMLMapper().readTree(in);
    }
    if (OpenApiDocumentTest.doc == null) { // its validator resolves $refs in the document it loaded
      OpenApiDocumentTest.doc = doc;
    }
    server = TestServer.start(dir, "monitors: []\n", InstantSource.system());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    tls.close();
  }

  @Test
  void aTlsMonitorIsCreatedCheckedAndPutBackUnchanged() {
    Response created = server.post("/api/v1/monitors", """
        { "name": "Internal TLS", "type": "tls", "host": "127.0.0.1", "port": %d, "ca-file": "%s",
          "warn-days": [7, 30], "confirmation": { "rechecks": 0 } }""".formatted(tls.port(), caFile));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode m = created.json();
    assertThat(m.get("type").asText()).isEqualTo("tls");
    assertThat(m.get("starttls").asText()).isEqualTo("none");
    assertThat(m.get("warn-days").toString()).isEqualTo("[30,7]");
    assertThat(m.has("server-name")).isFalse();

    server.post("/api/v1/monitors/internal-tls/check", "");
    await().atMost(Duration.ofSeconds(15)).until(() -> server.get("/api/v1/monitors/internal-tls").json().hasNonNull("last-check"));
    JsonNode got = server.get("/api/v1/monitors/internal-tls").json();
    JsonNode last = got.get("last-check");
    assertThat(last.path("status").asText()).as(last.toString()).isEqualTo("DEGRADED");
    assertThat(last.path("warning").asText()).startsWith("certificate expires in 19 days (").endsWith("below 30-day threshold");
    assertThat(got.path("status").asText()).isEqualTo("DEGRADED");
    assertThat(last.at("/details/issuer").asText()).isEqualTo("CN=API Test CA");
    assertThat(last.at("/details/warn-threshold").asInt()).isEqualTo(30);
    assertThat(last.at("/details/sans").toString()).isEqualTo("[\"localhost\",\"127.0.0.1\"]");

    List<String> problems = new ArrayList<>();
    OpenApiDocumentTest.validate(doc.at("/components/schemas/Monitor"), got, "GET tls monitor $", problems);
    assertThat(problems).isEmpty();

    ObjectNode definition = got.deepCopy();
    definition.remove(List.of("status", "paused", "since", "confirming", "last-check", "source"));
    Response put = server.put("/api/v1/monitors/internal-tls", definition.toString());
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    ObjectNode back = put.json().deepCopy();
    back.remove(List.of("status", "paused", "since", "confirming", "last-check", "source"));
    assertThat(back).isEqualTo(definition);
  }

  @Test
  void badTlsKeysAreA400NamingThem() {
    Response r = server.post("/api/v1/monitors", """
        { "name": "Bad TLS", "type": "tls", "host": "127.0.0.1", "port": 443, "starttls": "ftp", "warn-days": [0] }""");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("starttls").contains("warn-days").contains("must be one of none, smtp, imap, pop3, postgresql");
  }
}
