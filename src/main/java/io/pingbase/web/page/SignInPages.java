package io.pingbase.web.page;

import io.javalin.http.Context;
import io.pingbase.account.AccountException;
import io.pingbase.account.Authenticator;
import io.pingbase.account.Caller;
import io.pingbase.account.Enrolment;
import io.pingbase.account.Workspaces;
import io.pingbase.web.api.Requests;
import io.pingbase.web.api.SessionCookie;
import java.util.HashMap;
import java.util.Map;

/** Signing in and out, the first owner's setup, accepting an invitation, switching workspace: the pages before and around the app. */
public final class SignInPages {
  private final Templates templates;
  private final Authenticator authenticator;
  private final Enrolment enrolment;
  private final Workspaces workspaces;

  public SignInPages(Templates templates, Authenticator authenticator, Enrolment enrolment, Workspaces workspaces) {
    this.templates = templates;
    this.authenticator = authenticator;
    this.enrolment = enrolment;
    this.workspaces = workspaces;
  }

  /** GET /login: the form, or on to the app for someone signed in already. */
  public void loginForm(Context ctx) {
    if (enrolment.setupToken() != null) {
      ctx.redirect("/setup", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    if (signedIn(ctx) != null) {
      ctx.redirect(Forms.localPath(ctx.queryParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    login(ctx, 200, null, ctx.queryParam("next"), null, false);
  }

  /** POST /login */
  public void login(Context ctx) {
    Forms.requireSameSite(ctx);
    String email = Forms.field(ctx, "email");
    String next = Forms.localPath(Forms.field(ctx, "next"));
    try {
      Authenticator.SignIn in = authenticator.signIn(email, Forms.raw(ctx, "password"), Forms.field(ctx, "totp"),
          Requests.address(ctx), ctx.userAgent());
      SessionCookie.set(ctx, in, authenticator.settings());
      ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (AccountException e) {
      boolean totp = "totp".equals(e.field());
      int status = e.kind() == AccountException.Kind.THROTTLED ? 429 : 401;
      if (e.kind() == AccountException.Kind.THROTTLED) {
        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      }
      login(ctx, status, email, next, e.getMessage(), totp);
    }
  }

  private void login(Context ctx, int status, String email, String next, String error, boolean totp) {
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", Chrome.anonymous("Sign in"));
    p.put("email", email);
    p.put("next", next == null ? "/" : Forms.localPath(next));
    p.put("error", error);
    p.put("askTotp", totp);
    templates.page(ctx, status, "login.jte", p);
  }

  /** GET /setup: the first owner's form while nobody has an account. */
  public void setupForm(Context ctx) {
    if (enrolment.setupToken() == null) {
      ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    setup(ctx, 200, null, null, null, null);
  }

  /** POST /setup */
  public void setup(Context ctx) {
    Forms.requireSameSite(ctx);
    String token = Forms.field(ctx, "setup-token");
    String email = Forms.field(ctx, "email");
    String name = Forms.field(ctx, "name");
    try {
      Authenticator.SignIn in = enrolment.setup(token, email, name, Forms.raw(ctx, "password"), Requests.address(ctx),
          ctx.userAgent());
      SessionCookie.set(ctx, in, authenticator.settings());
      ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (AccountException e) {
      if (e.kind() == AccountException.Kind.CONFLICT) {
        ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      }
      setup(ctx, e.kind() == AccountException.Kind.INVALID ? 400 : 401, token, email, name, message(e));
    }
  }

  private void setup(Context ctx, int status, String token, String email, String name, String error) {
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", Chrome.anonymous("Set up"));
    p.put("token", token);
    p.put("email", email);
    p.put("name", name);
    p.put("error", error);
    templates.page(ctx, status, "setup.jte", p);
  }

  /** POST /logout (signed in; the form sends the CSRF token). */
  public void logout(Context ctx) {
    authenticator.signOut(Requests.caller(ctx));
    SessionCookie.clear(ctx);
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** GET /invite: the form that accepts an invitation (its token is in the link's fragment). */
  public void inviteForm(Context ctx) {
    invite(ctx, 200, null, null, false);
  }

  /** POST /invite */
  public void invite(Context ctx) {
    Forms.requireSameSite(ctx);
    String token = Forms.field(ctx, "token");
    try {
      Authenticator.SignIn in = enrolment.accept(token, Forms.field(ctx, "name"), Forms.raw(ctx, "password"),
          Forms.field(ctx, "totp"), Requests.address(ctx), ctx.userAgent());
      SessionCookie.set(ctx, in, authenticator.settings());
      ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (AccountException e) {
      int status = switch (e.kind()) {
        case INVALID -> 400;
        case NOT_FOUND -> 404;
        case THROTTLED -> 429;
        default -> 401;
      };
      invite(ctx, status, token, message(e), "totp".equals(e.field()));
    }
  }

  private void invite(Context ctx, int status, String token, String error, boolean totp) {
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", Chrome.anonymous("Join"));
    p.put("token", token);
    p.put("error", error);
    p.put("askTotp", totp);
    templates.page(ctx, status, "invite.jte", p);
  }

  /** POST /workspace: the workspace this session works in, from the header's switcher. */
  public void switchWorkspace(Context ctx) {
    workspaces.switchTo(Requests.caller(ctx), Forms.field(ctx, "workspace"));
    ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** The signed-in caller of a public page's request, or null. */
  private Caller signedIn(Context ctx) {
    String cookie = ctx.cookie(SessionCookie.NAME);
    if (cookie == null) {
      return null;
    }
    try {
      return authenticator.session(cookie, null);
    } catch (AccountException e) {
      return null;
    }
  }

  /** "password: must be at least 10 characters" for a field's error. */
  private static String message(AccountException e) {
    return e.kind() == AccountException.Kind.INVALID && e.field() != null ? e.field() + " " + e.getMessage()
        : e.getMessage();
  }
}
