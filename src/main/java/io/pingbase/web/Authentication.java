package io.pingbase.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import io.pingbase.account.AccountException;
import io.pingbase.account.Authenticator;
import io.pingbase.account.Caller;
import io.pingbase.account.Scope;
import io.pingbase.config.ServerSettings;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.web.api.Requests;
import io.pingbase.web.api.SessionCookie;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs before every matched route: finds the client's address, then (unless the route is
 * {@link Access#PUBLIC}) who is calling and whether they may.
 *
 * <p>In order, each failure answered at once: credentials (an {@code Authorization: Bearer} API
 * token, else the session cookie) or 401; for a session, a state-changing request must carry the
 * session's CSRF token ({@code X-CSRF-Token} header, or {@code _csrf} in a form) or 403; the role
 * the route needs in the workspace or 403; the {@code write} scope for anything but GET and HEAD
 * or 403. Objects of other workspaces are then simply not found (404) by the handlers, which only
 * look inside the caller's workspace.
 */
final class Authentication implements Handler {
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String CSRF_FIELD = "_csrf";
  /** Picks one of the signed-in user's workspaces for this request (a token has its own). */
  static final String WORKSPACE_HEADER = "X-PingBase-Workspace";
  private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  private final Authenticator authenticator;
  private final Supplier<ServerSettings> server;

  Authentication(Authenticator authenticator, Supplier<ServerSettings> server) {
    this.authenticator = authenticator;
    this.server = server;
  }

  @Override
  public void handle(Context ctx) {
    ClientAddress.Client client = ClientAddress.of(ctx, server.get());
    Requests.client(ctx, client.address(), client.secure());
    Access access = access(ctx);
    if (access == Access.PUBLIC) {
      return;
    }
    String workspace = access == Access.OPERATOR ? WorkspaceKey.DEFAULT : ctx.header(WORKSPACE_HEADER);
    if (workspace != null && !WorkspaceKey.isValidWorkspace(workspace)) {
      throw AccountException.notFound("no workspace " + io.pingbase.web.api.Params.quote(workspace));
    }
    boolean safe = SAFE.contains(ctx.method());
    Caller caller;
    try {
      caller = caller(ctx, workspace, safe);
    } catch (AccountException e) {
      if (access == Access.OPERATOR && e.kind() == AccountException.Kind.NOT_FOUND) {
        throw AccountException.forbidden(ctx.path() + " is for the server's operators: members of the default"
            + " workspace (a token of another workspace cannot read it)");
      }
      throw e;
    }
    if (access.role() != null) {
      caller.requireRole(access.role());
    }
    if (!safe && !caller.hasScope(Scope.WRITE)) {
      throw AccountException.forbidden("this token has scope " + io.pingbase.account.Tokens.Scopes.wire(caller.scopes())
          + "; " + ctx.method().name() + " needs write");
    }
    Requests.authenticated(ctx, caller);
  }

  /** Who calls: the bearer token, else the session cookie (with its CSRF token for a change); 401 for neither. */
  private Caller caller(Context ctx, String workspace, boolean safe) {
    Caller caller;
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      if (authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw AccountException.unauthenticated("use Authorization: Bearer <API token>; other schemes are not accepted");
      }
      caller = authenticator.token(authorization.substring(7).strip(), workspace);
    } else {
      String cookie = ctx.cookie(SessionCookie.NAME);
      if (cookie == null) {
        throw AccountException.unauthenticated("sign in, or send an API token as Authorization: Bearer pbt_...");
      }
      caller = authenticator.session(cookie, workspace);
      if (!safe) {
        requireCsrf(ctx, caller);
      }
    }
    return caller;
  }

  /** The route's one access rule; a route without one is a programming error, refused rather than opened. */
  private static Access access(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.size() != 1 || !(roles.iterator().next() instanceof Access a)) {
      throw new IllegalStateException(ctx.method() + " " + ctx.endpoint().path + " has no single access rule");
    }
    return a;
  }

  /**
   * A session's state-changing request must repeat the session's CSRF token, which only pages of
   * this server can read ({@code /api/v1/me}, the pages themselves): a page of another site can
   * make the browser send the cookie, but cannot know the token.
   */
  private static void requireCsrf(Context ctx, Caller caller) {
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null) {
      String type = ctx.header("Content-Type");
      String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
      if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/form-data")) {
        sent = ctx.formParam(CSRF_FIELD);
      }
    }
    if (sent == null || !java.security.MessageDigest.isEqual(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        caller.session().csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      throw AccountException.forbidden("missing or wrong CSRF token: a signed-in browser's " + ctx.method().name()
          + " must send the " + CSRF_HEADER + " header (or a " + CSRF_FIELD + " form field) from GET /api/v1/me");
    }
  }
}
