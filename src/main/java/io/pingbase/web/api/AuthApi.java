package io.pingbase.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.account.Authenticator;
import io.pingbase.account.Caller;
import io.pingbase.account.Enrolment;
import io.pingbase.account.Passwords;
import io.pingbase.account.Profile;
import io.pingbase.account.Role;
import io.pingbase.account.Scope;
import io.pingbase.account.Tokens;
import io.pingbase.account.Workspaces;
import java.util.EnumSet;
import java.util.Set;

/**
 * Signing in and out, the first owner's setup, sign-up, accepting an invitation, and the caller's
 * own account ({@code /api/v1/me}): password, two-factor, which workspace a session works in.
 */
public final class AuthApi {
  private static final int MAX_PASSWORD = Passwords.MAX_LENGTH * 4; // bytes of UTF-8; the rule is checked later
  private final Authenticator authenticator;
  private final Enrolment enrolment;
  private final Profile profile;
  private final Workspaces workspaces;
  private final Tokens tokens;
  private final ObjectMapper json;

  public AuthApi(Authenticator authenticator, Enrolment enrolment, Profile profile, Workspaces workspaces, Tokens tokens,
      ObjectMapper json) {
    this.authenticator = authenticator;
    this.enrolment = enrolment;
    this.profile = profile;
    this.workspaces = workspaces;
    this.tokens = tokens;
    this.json = json;
  }

  /** POST /api/v1/auth/login {email, password, totp?} */
  public void login(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "signing in", Set.of("email", "password", "totp"));
    String email = b.text("email", true, 300);
    String password = b.text("password", true, MAX_PASSWORD);
    String totp = b.text("totp", false, 20);
    b.done();
    signedIn(ctx, 200, authenticator.signIn(email, password, totp, Requests.address(ctx), ctx.userAgent()));
  }

  /** POST /api/v1/auth/logout: ends this session. */
  public void logout(Context ctx) {
    Caller caller = Requests.caller(ctx);
    if (caller.session() == null) {
      throw ApiException.badRequest("an API token has no session to end; revoke the token instead");
    }
    authenticator.signOut(caller);
    SessionCookie.clear(ctx);
    ctx.status(204);
  }

  /** POST /api/v1/auth/logout-everywhere: ends every session of the caller's user, this one too. */
  public void logoutEverywhere(Context ctx) {
    Caller caller = Requests.caller(ctx);
    int ended = authenticator.signOutEverywhere(caller.requireUser().id());
    if (caller.session() != null) {
      SessionCookie.clear(ctx);
    }
    ObjectNode n = json.createObjectNode();
    n.put("sessions-ended", ended);
    ctx.json(n);
  }

  /** GET /api/v1/setup: whether the first owner still has to be created. */
  public void setupStatus(Context ctx) {
    ObjectNode n = json.createObjectNode();
    n.put("needed", enrolment.setupToken() != null);
    ctx.json(n);
  }

  /** POST /api/v1/setup {setup-token, email, name?, password, token?}: the first owner, with the link from the log. */
  public void setup(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "the setup", Set.of("setup-token", "email", "name", "password",
        "token"));
    String setupToken = b.text("setup-token", true, 100);
    String email = b.text("email", true, 300);
    String name = b.text("name", false, 300);
    String password = b.text("password", true, MAX_PASSWORD);
    boolean wantToken = b.flag("token", false);
    b.done();
    Authenticator.SignIn signIn = enrolment.setup(setupToken, email, name, password, Requests.address(ctx),
        ctx.userAgent());
    ObjectNode body = signedIn(ctx, 201, signIn);
    if (wantToken) {
      Caller owner = new Caller(signIn.user(), signIn.session().workspaceId(), Role.OWNER, EnumSet.allOf(Scope.class),
          signIn.session(), null);
      Tokens.Created t = tokens.create(owner, "setup", true, Role.OWNER, EnumSet.allOf(Scope.class), null);
      body.put("token", t.secret());
      ctx.json(body);
    }
  }

  /** POST /api/v1/signup {email, name?, password, workspace-name?} when sign-up is open. */
  public void signup(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "signing up", Set.of("email", "name", "password",
        "workspace-name"));
    String email = b.text("email", true, 300);
    String name = b.text("name", false, 300);
    String password = b.text("password", true, MAX_PASSWORD);
    String workspace = b.text("workspace-name", false, 300);
    b.done();
    signedIn(ctx, 201, enrolment.signup(email, name, password, workspace, Requests.address(ctx), ctx.userAgent()));
  }

  /** POST /api/v1/invitations/accept {token, name?, password, totp?} */
  public void acceptInvitation(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "accepting an invitation", Set.of("token", "name", "password",
        "totp"));
    String token = b.text("token", true, 100);
    String name = b.text("name", false, 300);
    String password = b.text("password", true, MAX_PASSWORD);
    String totp = b.text("totp", false, 20);
    b.done();
    signedIn(ctx, 200, enrolment.accept(token, name, password, totp, Requests.address(ctx), ctx.userAgent()));
  }

  /** GET /api/v1/me: who the caller is, their workspaces, and (for a session) the CSRF token. */
  public void me(Context ctx) {
    Caller caller = Requests.caller(ctx);
    ObjectNode n = json.createObjectNode();
    if (caller.user() == null) {
      n.putNull("user");
    } else {
      n.set("user", Bodies.user(json, caller.user()));
    }
    n.put("workspace", caller.workspaceId());
    n.put("role", caller.role() == null ? null : caller.role().wire());
    n.put("via", caller.session() != null ? "session" : "token");
    if (caller.token() != null) {
      n.put("token", caller.token().prefix());
      com.fasterxml.jackson.databind.node.ArrayNode scopes = n.putArray("scopes");
      caller.scopes().stream().sorted().forEach(s -> scopes.add(s.wire()));
    }
    if (caller.session() != null) {
      n.put("csrf-token", caller.session().csrf());
    }
    ArrayNode ws = n.putArray("workspaces");
    workspaces.mine(caller).forEach(j -> ws.add(WorkspaceApi.view(json, j)));
    ctx.header("Cache-Control", "no-store").json(n);
  }

  /** PUT /api/v1/me/password {current-password, new-password}: other sessions end. */
  public void changePassword(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "a password change", Set.of("current-password", "new-password"));
    String current = b.text("current-password", true, MAX_PASSWORD);
    String next = b.text("new-password", true, MAX_PASSWORD);
    b.done();
    profile.changePassword(Requests.caller(ctx), current, next);
    ctx.status(204);
  }

  /** POST /api/v1/me/totp: starts two-factor enrolment. */
  public void beginTotp(Context ctx) {
    Profile.Enrolment e = profile.beginTotp(Requests.caller(ctx));
    ObjectNode n = json.createObjectNode();
    n.put("secret", e.secret());
    n.put("uri", e.uri());
    ctx.header("Cache-Control", "no-store").json(n);
  }

  /** POST /api/v1/me/totp/confirm {code} */
  public void confirmTotp(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "a two-factor code", Set.of("code"));
    String code = b.text("code", true, 20);
    b.done();
    profile.confirmTotp(Requests.caller(ctx), code);
    ctx.status(204);
  }

  /** POST /api/v1/me/totp/disable {password} */
  public void disableTotp(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "turning two-factor off", Set.of("password"));
    String password = b.text("password", true, MAX_PASSWORD);
    b.done();
    profile.disableTotp(Requests.caller(ctx), password);
    ctx.status(204);
  }

  /** PUT /api/v1/me/workspace {workspace}: the workspace this browser session works in. */
  public void switchWorkspace(Context ctx) {
    Bodies b = Bodies.read(ctx, json, "switching workspace", Set.of("workspace"));
    String id = b.text("workspace", true, 100);
    b.done();
    ctx.json(WorkspaceApi.view(json, workspaces.switchTo(Requests.caller(ctx), id)));
  }

  private ObjectNode signedIn(Context ctx, int status, Authenticator.SignIn signIn) {
    SessionCookie.set(ctx, signIn, authenticator.settings());
    ObjectNode n = json.createObjectNode();
    n.set("user", Bodies.user(json, signIn.user()));
    n.put("workspace", signIn.session().workspaceId().isEmpty() ? null : signIn.session().workspaceId());
    n.put("csrf-token", signIn.session().csrf());
    ctx.status(status).json(n);
    return n;
  }
}
