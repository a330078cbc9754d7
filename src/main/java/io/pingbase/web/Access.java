package io.pingbase.web;

import io.javalin.security.RouteRole;
import io.pingbase.account.Role;

/**
 * Who may call a route, declared beside it in {@link WebServer}'s route list and enforced by
 * {@link Authentication} before the handler runs. Every route has exactly one.
 *
 * <p>Besides the role, a request that changes something (any method but GET and HEAD) needs the
 * {@code write} scope: a read-only token may call every GET its role allows and nothing else.
 */
public enum Access implements RouteRole {
  /** No credentials: public by design (health, pings, the OpenAPI document, sign-in, setup). */
  PUBLIC(null),
  /** Signed in or holding a token, in any workspace or none (the caller's own account). */
  SIGNED_IN(null),
  /**
   * The server's operator: a viewer or above of the default workspace (the one the config file's
   * monitors are in), whatever workspace a session works in. For server-wide figures: /metrics.
   */
  OPERATOR(Role.VIEWER),
  VIEWER(Role.VIEWER),
  EDITOR(Role.EDITOR),
  ADMIN(Role.ADMIN),
  OWNER(Role.OWNER);

  private final Role role;

  Access(Role role) {
    this.role = role;
  }

  /** The role needed in the request's workspace; null for none. */
  public Role role() {
    return role;
  }
}
