package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by FuzzTest: a body Jetty's parser refuses while a handler reads it (a chunk size that is
 * not hex, a body shorter than its Content-Length because the client stopped sending) surfaced
 * as Jetty's {@code HttpEofException: Early EOF} from {@code ctx.body()} and was answered 500 and
 * logged as a server error. It is the client's: 400.
 */
class BrokenRequestBodyIsA400Test {
  @TempDir
  Path dir;

  @Test
  void aMalformedChunkOrATruncatedBodyIsA400() throws IOException {
    try (TestServer server = TestServer.start(dir)) {
      for (String path : new String[] {"/api/v1/monitors", "/api/v1/channels", "/api/v1/maintenance"}) {
        String chunked = "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + TestServer.AUTHORIZATION_LINE + "Content-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
        assertThat(raw(server, chunked, false)).as(chunked).startsWith("HTTP/1.1 400");
        String truncated = "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + TestServer.AUTHORIZATION_LINE + "Content-Type: application/json\r\n"
            + "Content-Length: 100\r\n\r\n{\"id\":";
        assertThat(raw(server, truncated, true)).as(truncated).startsWith("HTTP/1.1 400");
      }
      assertThat(server.get("/healthz").status()).isEqualTo(200);
    }
  }

  /** @param halfClose stop sending after the request, as a client that gave up mid-body */
  static String raw(TestServer server, String request, boolean halfClose) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.app().port())) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      s.getInputStream().transferTo(answer);
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
