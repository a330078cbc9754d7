package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by FuzzTest: a request line with {@code HTTP/9.9} got Jetty's 505 HTTP Version Not
 * Supported. Nothing a client sends may give a 5xx (a 5xx means this server failed, and alerts
 * and retries are built on that), so it is a 400 in the usual JSON shape.
 */
class UnsupportedHttpVersionIsA400Test {
  @TempDir
  Path dir;

  @Test
  void anUnknownHttpVersionIsA400() throws IOException {
    try (TestServer server = TestServer.start(dir)) {
      String answer = BrokenRequestBodyIsA400Test.raw(server, "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", false);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("\"status\":400", "HTTP version not supported");
      assertThat(server.get("/healthz").status()).isEqualTo(200);
    }
  }
}
