package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pingbase check http://...} against a real HTTP server on loopback. */
class CheckHttpCommandTest {
  private static final String MS = "\\d+\\.\\d{3}ms";
  static HttpServer server;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.createContext("/", ex -> {
      int status = ex.getRequestURI().getPath().equals("/down") ? 503 : 200;
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain");
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void anHttpUrlIsCheckedWithPhasesAndDetails() {
    Cli.Run run = Cli.run("check", base + "/health", "--timeout", "2s");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).matches(Pattern.quote(base + "/health") + " UP dns=- connect=" + MS + " first-byte=" + MS
        + " transfer=" + MS + " response=" + MS + " address=127\\.0\\.0\\.1:\\d+ final-url=" + Pattern.quote(base + "/health")
        + " redirects=0 status-code=200 http-version=HTTP/1\\.1 content-type=text/plain content-length=2 body-bytes=2\n");
  }

  @Test
  void aBadStatusIsDownWithExitCodeOne() {
    Cli.Run run = Cli.run("check", base + "/down", "--timeout", "2s");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(" DOWN reason=STATUS ").endsWith("message=\"status 503, expected 200-399\"\n");
  }

  @Test
  void jsonOutputCarriesTheDetails() throws Exception {
    Cli.Run run = Cli.run("check", base + "/", "--json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode line = new ObjectMapper().readTree(run.out());
    assertThat(line.at("/details/status-code").asInt()).isEqualTo(200);
  }

  @Test
  void aBadUrlIsAUsageError() {
    Cli.Run run = Cli.run("check", "http://user:pw@127.0.0.1/");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("url must not contain user:password@");
  }
}
