package io.pingbase.web.api;

import io.javalin.http.Context;
import io.pingbase.account.Caller;

/**
 * What the authentication filter learned about a request, for the handlers: who calls, in which
 * workspace, from which address. Every workspace-scoped handler reads its workspace here and
 * nowhere else.
 */
public final class Requests {
  static final String CALLER = "pingbase.caller";
  static final String ADDRESS = "pingbase.client-address";
  static final String SECURE = "pingbase.client-secure";
  static final String AUDIT_TARGET = "pingbase.audit-target";
  static final String BODY_WRITTEN = "pingbase.body-written";

  private Requests() {}

  /** Set by the authentication filter before a non-public handler runs. */
  public static void authenticated(Context ctx, Caller caller) {
    ctx.attribute(CALLER, caller);
  }

  /** Set for every request: the client's address and whether it reached us over HTTPS (behind trusted proxies too). */
  public static void client(Context ctx, String address, boolean secure) {
    ctx.attribute(ADDRESS, address);
    ctx.attribute(SECURE, secure);
  }

  /** The caller; only for routes behind the filter (a public route has none). */
  public static Caller caller(Context ctx) {
    Caller c = ctx.attribute(CALLER);
    if (c == null) {
      throw new IllegalStateException("no caller on " + ctx.method() + " " + ctx.path() + ": a route without access rules?");
    }
    return c;
  }

  /** The workspace the request works in. */
  public static String workspace(Context ctx) {
    return caller(ctx).workspaceId();
  }

  /**
   * {@code http(s)://host[:port]} as the client addressed this server (its Host header, and the
   * scheme it used, behind trusted proxies too), for links the client will follow; "" (relative
   * links) when the Host header is missing or odd.
   */
  static String baseUrl(Context ctx) {
    String host = ctx.header("Host");
    if (host == null || host.isBlank() || host.length() > 300 || !host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
      return "";
    }
    return (secure(ctx) ? "https" : "http") + "://" + host;
  }

  /** Names what a handler changed, for the audit log (a created monitor's id); see WebServer's audited routes. */
  public static void auditTarget(Context ctx, String target) {
    ctx.attribute(AUDIT_TARGET, target);
  }

  public static String auditTarget(Context ctx) {
    return ctx.attribute(AUDIT_TARGET);
  }

  /**
   * Marks the answer's body as written by a handler, so the server's catch-all for error statuses
   * leaves it alone (a page re-shown with its errors and a 400, a health answer with a 503).
   */
  public static void bodyWritten(Context ctx) {
    ctx.attribute(BODY_WRITTEN, Boolean.TRUE);
  }

  public static boolean isBodyWritten(Context ctx) {
    return ctx.attribute(BODY_WRITTEN) != null;
  }

  public static String address(Context ctx) {
    String a = ctx.attribute(ADDRESS);
    return a == null ? ctx.ip() : a;
  }

  public static boolean secure(Context ctx) {
    Boolean s = ctx.attribute(SECURE);
    return s != null && s;
  }
}
