package io.pingbase.web.page;

import io.pingbase.web.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** Forms posted as a browser posts them (application/x-www-form-urlencoded), with the test owner's token. */
final class PageForms {
  private PageForms() {}

  /** Posts {@code keysAndValues} (a key may repeat, as checkboxes do) to {@code path}. */
  static TestServer.Response post(TestServer server, String path, String... keysAndValues) {
    StringBuilder f = new StringBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      f.append(f.isEmpty() ? "" : "&").append(keysAndValues[i]).append('=')
          .append(URLEncoder.encode(keysAndValues[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest.Builder b = server.request("POST", path, null).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html").method("POST", HttpRequest.BodyPublishers.ofString(f.toString()));
    return server.send(b);
  }

  static TestServer.Response page(TestServer server, String path) {
    return server.send(server.request("GET", path, null).header("Accept", "text/html"));
  }
}
