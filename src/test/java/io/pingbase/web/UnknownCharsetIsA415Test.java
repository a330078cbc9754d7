package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by FuzzTest: {@code Content-Type: application/json; charset=nope} (or a malformed charset
 * such as {@code charset="}) made reading the body throw {@code UnsupportedCharsetException} or
 * {@code IllegalCharsetNameException}, answered as a 500. It is the client's mistake: 415.
 */
class UnknownCharsetIsA415Test {
  @TempDir
  Path dir;

  @Test
  void anUnknownOrMalformedCharsetIsA415() {
    try (TestServer server = TestServer.start(dir)) {
      for (String path : new String[] {"/api/v1/monitors", "/api/v1/channels", "/api/v1/maintenance"}) {
        for (String type : new String[] {"application/json; charset=nope", "application/json; charset=\"",
            "application/json; charset=x/y"}) {
          TestServer.Response r = server.sendAlone(HttpRequest.newBuilder(server.uri(path))
              .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"x\"}")));
          assertThat(r.status()).as(path + " " + type + ": " + r).isEqualTo(415);
          assertThat(r.json().path("error").asText()).contains("charset");
        }
      }
    }
  }
}
