package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer carries the security headers, whoever wrote it: a handler's 200, Javalin's 404 and
 * 405, the 413 for a body too large, the heartbeat and metrics endpoints, and the 400 Jetty sends
 * for a request it cannot parse before any handler runs.
 */
class SecurityHeadersTest {
  static final Map<String, String> EXPECTED = Map.of(
      "content-security-policy", "default-src 'none'; frame-ancestors 'none'",
      "x-content-type-options", "nosniff",
      "referrer-policy", "no-referrer",
      "x-frame-options", "DENY");

  @TempDir
  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void assertHeaders(TestServer.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    EXPECTED.forEach((name, value) -> assertThat(r.header(name)).as(name + " on " + status).isEqualTo(value));
  }

  @Test
  void onA200() {
    assertHeaders(server.get("/healthz"), 200);
    assertHeaders(server.get("/api/v1/monitors"), 200);
    assertHeaders(server.get("/metrics"), 200);
    assertHeaders(server.get("/api/v1/openapi.yaml"), 200);
  }

  @Test
  void onA404AndA405() {
    assertHeaders(server.get("/api/v1/no-such-thing"), 404);
    assertHeaders(server.get("/api/v1/monitors/nope"), 404);
    assertHeaders(server.get("/ping/no-such-token"), 404);
    assertHeaders(server.send("PATCH", "/api/v1/monitors", null), 405);
  }

  @Test
  void onA413() {
    String big = "{\"name\":\"" + "x".repeat((int) WebServer.MAX_REQUEST_BYTES + 10) + "\"}";
    assertHeaders(server.sendAlone(server.request("POST", "/api/v1/monitors", big)), 413);
  }

  @Test
  void onA400FromJettyItself() throws IOException {
    for (String request : new String[] {
        "GET / HTTP/1.1\r\nHost: x\r\nno colon in this header\r\n\r\n",
        "GET /api/v1/monitors/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /\u00ff HTTP/1.1\r\nHost: x\r\n\r\n"}) {
      String answer = raw(request.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(answer).as(request).startsWith("HTTP/1.1 400");
      String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
      EXPECTED.forEach((name, value) -> assertThat(head).as(request).contains(name + ": " + value.toLowerCase(Locale.ROOT)));
      assertThat(answer).contains("\"status\":400");
    }
  }

  @Test
  void onAHeartbeatPing() {
    assertHeaders(server.send(HttpRequest.newBuilder(server.uri("/ping/abc")).HEAD()), 404);
  }

  String raw(byte[] request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.app().port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
