package io.pingbase.web.page;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * Errors of page requests as pages: a browser that is not signed in goes to the sign-in page
 * (and back afterwards); anything else gets a page saying what is wrong. API clients keep their
 * JSON errors: a request is a page request when it is a browser's GET or POST (it accepts HTML)
 * outside the API, the pings, the assets and the machine endpoints.
 */
public final class PageErrors {
  private final Templates templates;

  public PageErrors(Templates templates) {
    this.templates = templates;
  }

  public boolean handles(Context ctx) {
    String path = ctx.path();
    String accept = ctx.header("Accept");
    String method = ctx.method().name();
    return (method.equals("GET") || method.equals("POST")) && accept != null && accept.contains("text/html")
        && !path.startsWith("/api/") && !path.startsWith("/ping/") && !path.startsWith("/assets/")
        && !path.equals("/metrics") && !path.equals("/healthz") && !path.equals("/live");
  }

  public void render(Context ctx, int status, String message) {
    if (status == 401) {
      String next = ctx.method().name().equals("GET") ? ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString())
          : "/";
      ctx.redirect("/login?next=" + java.net.URLEncoder.encode(Forms.localPath(next), java.nio.charset.StandardCharsets.UTF_8),
          io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", Chrome.anonymous(status == 404 ? "Not found" : "Error"));
    p.put("status", status);
    p.put("message", message);
    templates.page(ctx, status, "error.jte", p);
  }
}
