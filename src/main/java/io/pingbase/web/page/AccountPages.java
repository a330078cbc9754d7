package io.pingbase.web.page;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.pingbase.account.AccountStore;
import io.pingbase.account.Authenticator;
import io.pingbase.account.Caller;
import io.pingbase.account.Profile;
import io.pingbase.account.Tokens;
import io.pingbase.account.Workspaces;
import io.pingbase.web.api.Requests;
import io.pingbase.web.api.SessionCookie;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's own account: profile, password, two-factor sign-in (enrol with the otpauth URI or
 * its secret, confirm with a code, turn off with the password), personal API tokens and signing
 * out everywhere. Everything goes through {@link Profile}, {@link Tokens} and the
 * {@link Authenticator}, as the API's {@code /api/v1/me} routes do.
 */
public final class AccountPages {
  /**
   * What the page shows.
   *
   * @param enrolment a two-factor enrolment just started: its secret and URI, shown once
   * @param confirming the confirm form is shown (an enrolment is under way)
   * @param newToken  a personal token just made, shown once
   */
  public record View(AccountStore.User user, Profile.Enrolment enrolment, boolean confirming,
      List<TokenForms.Row> tokens, String newToken, Map<String, FormValues> forms) {
    public FormValues form(String id) {
      return forms.getOrDefault(id, FormValues.EMPTY);
    }

    public boolean twoFactor() {
      return user.totpSecret() != null;
    }
  }

  private final Templates templates;
  private final Profile profile;
  private final Tokens tokens;
  private final Authenticator authenticator;
  private final Workspaces workspaces;
  private final InstantSource clock;

  public AccountPages(Templates templates, Profile profile, Tokens tokens, Authenticator authenticator,
      Workspaces workspaces, InstantSource clock) {
    this.templates = templates;
    this.profile = profile;
    this.tokens = tokens;
    this.authenticator = authenticator;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /** GET /settings/account */
  public void show(Context ctx) {
    page(ctx, 200, null, false, null, Map.of());
  }

  /** POST /settings/account/password: the caller's other sessions end. */
  public void changePassword(Context ctx) {
    change(ctx, "password", () -> profile.changePassword(Requests.caller(ctx), Forms.raw(ctx, "current-password"),
        Forms.raw(ctx, "new-password")));
  }

  /** POST /settings/account/totp: starts enrolment; the page shows the secret once. */
  public void beginTotp(Context ctx) {
    Forms.requireSameSite(ctx);
    try {
      page(ctx, 200, profile.beginTotp(Requests.caller(ctx)), true, null, Map.of());
    } catch (RuntimeException e) {
      refuse(ctx, e, "totp", FormValues.EMPTY, false);
    }
  }

  /** POST /settings/account/totp/confirm */
  public void confirmTotp(Context ctx) {
    Forms.requireSameSite(ctx);
    try {
      profile.confirmTotp(Requests.caller(ctx), Forms.field(ctx, "code"));
      ctx.redirect("/settings/account", HttpStatus.SEE_OTHER);
    } catch (RuntimeException e) {
      // A wrong code: the enrolment is still under way, the device has the secret; ask again.
      refuse(ctx, e, "totp", FormValues.EMPTY, Forms.status(e) == 400);
    }
  }

  /** POST /settings/account/totp/disable */
  public void disableTotp(Context ctx) {
    change(ctx, "totp-off", () -> profile.disableTotp(Requests.caller(ctx), Forms.raw(ctx, "password")));
  }

  /** POST /settings/account/tokens: a personal token, shown once. */
  public void createToken(Context ctx) {
    Forms.requireSameSite(ctx);
    FormValues values = FormValues.of(ctx, TokenForms.FIELDS);
    try {
      Tokens.Created created = TokenForms.create(ctx, tokens, Requests.caller(ctx), true, clock);
      page(ctx, 200, null, false, created.secret(), Map.of());
    } catch (RuntimeException e) {
      refuse(ctx, e, "token", values, false);
    }
  }

  /** POST /settings/account/tokens/{id}/revoke */
  public void revokeToken(Context ctx) {
    change(ctx, "tokens", () -> tokens.revoke(Requests.caller(ctx), WorkspacePages.id(ctx, "id")));
  }

  /** POST /settings/account/sign-out-everywhere: every session of the user ends, this one too. */
  public void signOutEverywhere(Context ctx) {
    Forms.requireSameSite(ctx);
    Caller caller = Requests.caller(ctx);
    authenticator.signOutEverywhere(caller.requireUser().id());
    SessionCookie.clear(ctx);
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void change(Context ctx, String form, Runnable change) {
    Forms.requireSameSite(ctx);
    try {
      change.run();
      ctx.redirect("/settings/account", HttpStatus.SEE_OTHER);
    } catch (RuntimeException e) {
      refuse(ctx, e, form, FormValues.EMPTY, false);
    }
  }

  private void refuse(Context ctx, RuntimeException e, String form, FormValues values, boolean confirming) {
    if (!Forms.showsInForm(e)) {
      throw e;
    }
    if (e instanceof io.pingbase.account.AccountException a && a.kind() == io.pingbase.account.AccountException.Kind.THROTTLED) {
      ctx.header("Retry-After", Long.toString(a.retryAfterSeconds()));
    }
    page(ctx, Forms.status(e), null, confirming, null, Map.of(form, values.refused(e)));
  }

  private void page(Context ctx, int status, Profile.Enrolment enrolment, boolean confirming, String newToken,
      Map<String, FormValues> forms) {
    Caller caller = Requests.caller(ctx);
    AccountStore.User user = caller.requireUser();
    List<AccountStore.Token> mine = tokens.list(caller).stream()
        .filter(t -> t.userId() != null && t.userId() == user.id()).toList();
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", new Chrome("Your account", "account", caller, workspaces.mine(caller)));
    p.put("view", new View(user, enrolment, confirming, TokenForms.rows(mine, clock), newToken, forms));
    templates.page(ctx, status, "account.jte", p);
  }
}
