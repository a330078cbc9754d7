package io.pingbase.web.page;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the jte templates of {@code src/main/jte}, compiled to classes at build time (a template
 * error fails the build; nothing is compiled at run time). jte escapes every {@code ${...}} for its
 * HTML context, so text a user wrote (a monitor named {@code <script>}) shows as text.
 *
 * <p>Pages get their own Content-Security-Policy, still without inline script or style: scripts,
 * styles, images and connections from this server only.
 */
public final class Templates {
  /** The policy of every HTML page: nothing inline, nothing from elsewhere, no framing. */
  public static final String PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** The template's output as a string. */
  public String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    engine.render(template, params, out);
    return out.toString();
  }

  /** Answers {@code ctx} with a piece of a page, for htmx to put in place. */
  public void fragment(Context ctx, String template, Map<String, Object> params) {
    String html = render(template, params);
    io.pingbase.web.api.Requests.bodyWritten(ctx);
    ctx.status(200).contentType("text/html; charset=utf-8").header("Content-Security-Policy", PAGE_CSP)
        .header("Cache-Control", "no-store").result(html);
  }

  /** Answers {@code ctx} with a page: HTML, the page policy, and not cached (pages show live, private data). */
  public void page(Context ctx, int status, String template, Map<String, Object> params) {
    String html = render(template, params);
    io.pingbase.web.api.Requests.bodyWritten(ctx);
    ctx.status(status).contentType("text/html; charset=utf-8").header("Content-Security-Policy", PAGE_CSP)
        .header("Cache-Control", "no-store").result(html);
  }
}
