package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pingbase.check.dns.TestDnsServer;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import io.pingbase.web.WebServer;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DNS monitor created through the REST API, checked against a real DNS server on loopback. */
class DnsMonitorApiTest {
  @TempDir
  static Path dir;
  static TestDnsServer dns;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    dns = new TestDnsServer().add("example.test", "MX", 300, "10 mail.example.test.")
        .add("example.test", "A", 60, "10.0.0.1");
    server = TestServer.start(dir, "", InstantSource.system());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    dns.close();
  }

  @Test
  void aDnsMonitorIsCreatedCheckedAndCanBePutBackUnchanged() {
    Response created = server.post("/api/v1/monitors", """
        { "name": "Mail MX", "type": "dns", "query": "example.test", "record-type": "mx",
          "server": "127.0.0.1:%d", "transport": "tcp",
          "expect": { "contains": ["10 MAIL.example.test"], "matches": "example\\\\.test\\\\.$" } }"""
        .formatted(dns.port()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode m = created.json();
    assertThat(m.get("type").asText()).isEqualTo("dns");
    assertThat(m.get("record-type").asText()).isEqualTo("MX");
    assertThat(m.get("server").asText()).isEqualTo("127.0.0.1:" + dns.port());
    assertThat(m.get("transport").asText()).isEqualTo("tcp");
    assertThat(m.get("expect").toString())
        .isEqualTo("{\"rcode\":\"NOERROR\",\"contains\":[\"10 MAIL.example.test\"],\"matches\":\"example\\\\.test\\\\.$\"}");

    assertThat(server.post("/api/v1/monitors/mail-mx/check", "").status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> server.get("/api/v1/monitors/mail-mx").json().get("status").asText().equals("UP"));
    JsonNode last = server.get("/api/v1/monitors/mail-mx").json().get("last-check");
    assertThat(last.get("address").asText()).isEqualTo("127.0.0.1:" + dns.port());
    assertThat(last.at("/details/rcode").asText()).isEqualTo("NOERROR");
    assertThat(last.at("/details/answers/0").asText()).isEqualTo("10 mail.example.test.");
    assertThat(last.at("/details/transport").asText()).isEqualTo("tcp");
    assertThat(last.at("/details/ttl").asLong()).isEqualTo(300);
    assertThat(last.at("/phases-us/connect").asLong()).isPositive();

    JsonNode got = server.get("/api/v1/monitors/mail-mx").json();
    Response put = server.put("/api/v1/monitors/mail-mx", got);
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(MonitorApiTest.definition(put.json())).isEqualTo(MonitorApiTest.definition(got));

    // Stored as the API's document: the same definition and last result after a restart.
    server = server.restart();
    JsonNode restarted = server.get("/api/v1/monitors/mail-mx").json();
    assertThat(MonitorApiTest.definition(restarted)).isEqualTo(MonitorApiTest.definition(got));
    assertThat(server.get("/api/v1/monitors/mail-mx/results").json().at("/results/0/details"))
        .isEqualTo(last.get("details"));
  }

  @Test
  void aWrongAnswerIsDownWithWhatWasSeen() {
    Response created = server.post("/api/v1/monitors", """
        { "name": "Web A", "type": "dns", "query": "example.test", "server": "127.0.0.1:%d",
          "expect": { "answers": ["10.0.0.2"] } }""".formatted(dns.port()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    server.post("/api/v1/monitors/web-a/check", "");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> server.get("/api/v1/monitors/web-a").json().hasNonNull("last-check"));
    JsonNode last = server.get("/api/v1/monitors/web-a").json().get("last-check");
    assertThat(last.get("reason").asText()).isEqualTo("ASSERTION");
    assertThat(last.get("message").asText()).isEqualTo("answers [10.0.0.1], expected exactly [10.0.0.2]");
  }

  @Test
  void mistakesAreReportedWithTheirKeys() {
    Response r = server.post("/api/v1/monitors", """
        { "name": "Bad", "type": "dns", "query": "example.test", "record-type": "AXFR", "server": "a b",
          "transport": "quic", "expect": { "rcode": "OK", "answers": "10.0.0.1", "wat": 1 } }""");
    assertThat(MonitorApiTest.fields(r)).containsExactly("record-type", "server", "transport", "expect.wat",
        "expect.rcode", "expect.answers");
    Response missing = server.post("/api/v1/monitors", "{ \"name\": \"Bad\", \"type\": \"dns\" }");
    assertThat(MonitorApiTest.fields(missing)).containsExactly("query");
  }

  @Test
  void everyKeyOfTheDnsTypeIsInTheOpenApiDocument() throws Exception {
    JsonNode doc;
    try (InputStream in = WebServer.class.getResourceAsStream("/openapi.yaml")) {
      doc = new YAMLMapper().readTree(in);
    }
    JsonNode definition = doc.at("/components/schemas/MonitorDefinition/properties");
    List<String> undocumented = new ArrayList<>();
    for (String key : List.of("query", "record-type", "server", "transport", "expect")) {
      if (!definition.has(key)) {
        undocumented.add(key);
      }
    }
    for (String key : List.of("rcode", "answers", "contains", "matches")) {
      if (!definition.at("/expect/properties").has(key)) {
        undocumented.add("expect." + key);
      }
    }
    assertThat(undocumented).isEmpty();
    assertThat(definition.at("/type/enum").toString()).contains("\"dns\"");
  }
}
