package io.pingbase.web.page;

import io.javalin.http.Context;
import io.pingbase.account.AccountException;

/** What every HTML form handler needs: trimmed fields, safe redirects, and refusing cross-site posts. */
public final class Forms {
  private Forms() {}

  /** A form field, trimmed; null when absent or blank. Passwords are read with {@link #raw}. */
  public static String field(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** A form field exactly as sent; null when absent. */
  public static String raw(Context ctx, String name) {
    return ctx.formParam(name);
  }

  /**
   * Where to go after signing in: only a path on this server ({@code /monitors/db}), never
   * another site ({@code //evil.example}, {@code https://...}): no open redirect.
   */
  static String localPath(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || next.length() > 2000) {
      return "/";
    }
    return next;
  }

  /**
   * Refuses a form post another site's page made the browser send. The forms a visitor uses before
   * signing in (sign-in, setup, invitations) have no session and so no CSRF token; browsers say
   * where a request comes from in {@code Sec-Fetch-Site}, and only our own pages (or a person
   * typing) may post them. A client that sends no such header (curl, old browsers) is let through:
   * without a browser's cookies there is nothing to forge.
   */
  public static void requireSameSite(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw AccountException.forbidden("this form can only be sent from PingBase's own pages");
    }
  }
}
