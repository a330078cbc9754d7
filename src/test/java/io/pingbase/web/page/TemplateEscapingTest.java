package io.pingbase.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.web.LoopbackListener;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything people type is text on every page: a monitor named like a script, in a group named
 * like an image with an error handler, renders escaped on the dashboard, its page, its form, the
 * status page editor and a status page (the templates escape by content type; nothing builds HTML
 * by hand).
 */
class TemplateEscapingTest {
  static final String NAME = "<script>alert(1)</script>";
  static final String GROUP = "\"><img src=x onerror=alert(2)>";

  @TempDir
  static Path dir;
  static TestServer server;
  static LoopbackListener target;

  @BeforeAll
  static void start() throws Exception {
    target = new LoopbackListener();
    server = TestServer.start(dir);
    Response made = server.post("/api/v1/monitors", "{\"id\":\"xss\",\"name\":\"<script>alert(1)</script>\","
        + "\"group\":\"\\\"><img src=x onerror=alert(2)>\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":"
        + target.port() + ",\"interval\":\"1h\"}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(server.post("/api/v1/status-pages", "{\"slug\":\"xss\",\"title\":\"<b>bold</b>\",\"description\":"
        + "\"<svg onload=alert(3)>\",\"footer\":\"</footer><script>x</script>\",\"sections\":[{\"group\":"
        + "\"\\\"><img src=x onerror=alert(2)>\"}]}").status()).isEqualTo(201);
    assertThat(server.post("/api/v1/status-pages/xss/incidents", "{\"title\":\"<iframe src=//x>\",\"message\":"
        + "\"<a href=javascript:alert(4)>click</a>\"}").status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    target.close();
  }

  static String page(String path) {
    Response r = server.send(server.request("GET", path, null).header("Accept", "text/html"));
    assertThat(r.status()).as(path + ": " + r).isEqualTo(200);
    return r.body();
  }

  @Test
  void aMonitorNamedLikeAScriptIsTextOnEveryPage() {
    for (String path : List.of("/", "/monitors/xss", "/monitors/xss/edit", "/status-pages/new", "/status-pages/xss",
        "/status/xss")) {
      String html = page(path);
      assertThat(html).as(path).doesNotContain("<script>alert(1)").doesNotContain("<img src=x")
          .doesNotContain("<b>bold</b>").doesNotContain("<svg onload").doesNotContain("<iframe")
          .doesNotContain("<a href=javascript").doesNotContain("</footer><script>");
      assertThat(html).as(path).containsAnyOf("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt;");
    }
    assertThat(page("/")).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x");
    assertThat(page("/status/xss")).contains("&lt;b&gt;bold&lt;/b&gt;", "&lt;iframe src=//x&gt;",
        "&lt;a href=javascript:alert(4)&gt;click&lt;/a&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;");
    // Not a single inline script on any of them: the policy forbids it, and the pages need none.
    for (String path : List.of("/", "/monitors/xss", "/status/xss")) {
      assertThat(page(path)).as(path).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
    }
  }
}
