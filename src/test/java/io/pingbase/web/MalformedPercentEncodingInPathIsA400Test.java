package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by FuzzTest: {@code HEAD /ping/%2F%u0041x} passed Jetty (which keeps an encoded slash as
 * it is) and reached Javalin, whose path-parameter decoding (URLDecoder) threw
 * IllegalArgumentException on {@code %u}: a 500. A malformed path is the client's: 400.
 */
class MalformedPercentEncodingInPathIsA400Test {
  @TempDir
  Path dir;

  @Test
  void aPathParameterURLDecoderRefusesIsA400() throws IOException {
    try (TestServer server = TestServer.start(dir)) {
      for (String request : new String[] {
          "HEAD /ping/%2F%u0041x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
          "GET /ping/%2F%u0041x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
          "GET /api/v1/monitors/%2F%u0041x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
          "DELETE /api/v1/channels/%2F%u0041x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}) {
        String answer = BrokenRequestBodyIsA400Test.raw(server, request, false);
        assertThat(answer).as(request).matches("(?s)HTTP/1.1 4\\d\\d .*").doesNotStartWith("HTTP/1.1 500");
      }
    }
  }
}
