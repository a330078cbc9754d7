package io.pingbase.web.api;

import io.javalin.http.Context;
import io.pingbase.account.Authenticator;

/**
 * The session cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Lax} (not sent with
 * another site's form posts or scripted requests, still sent when following a link from an
 * e-mail), {@code Secure} whenever the client reached us over HTTPS (directly or through a
 * trusted proxy), {@code Path=/}, and a lifetime of the session's absolute limit.
 */
public final class SessionCookie {
  public static final String NAME = "pingbase_session";

  private SessionCookie() {}

  public static void set(Context ctx, Authenticator.SignIn signIn, Authenticator.Settings settings) {
    ctx.res().addHeader("Set-Cookie", NAME + "=" + signIn.cookie() + "; Path=/; Max-Age="
        + settings.absolute().toSeconds() + "; HttpOnly; SameSite=Lax" + (Requests.secure(ctx) ? "; Secure" : ""));
    ctx.header("Cache-Control", "no-store");
  }

  public static void clear(Context ctx) {
    ctx.res().addHeader("Set-Cookie", NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
        + (Requests.secure(ctx) ? "; Secure" : ""));
  }
}
