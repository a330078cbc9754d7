package io.pingbase.account;

import java.util.Set;

/**
 * Who is making a request, and what they may do in the workspace it works in.
 *
 * @param user        the person: the signed-in user, or the owner of a personal token; null for a
 *                    workspace token
 * @param workspaceId the workspace the request works in; null when the user belongs to none
 * @param role        the caller's role there (for a personal token, the lower of the token's and
 *                    the owner's); null when {@code workspaceId} is null
 * @param scopes      what the credential may do: a session may do everything its role allows
 * @param session     the browser session, or null for a token
 * @param token       the API token, or null for a session
 */
public record Caller(AccountStore.User user, String workspaceId, Role role, Set<Scope> scopes,
    AccountStore.Session session, AccountStore.Token token) {

  public Caller {
    scopes = Set.copyOf(scopes);
    if ((session == null) == (token == null)) {
      throw new IllegalArgumentException("a caller has a session or a token");
    }
    if ((workspaceId == null) != (role == null)) {
      throw new IllegalArgumentException("a workspace goes with a role");
    }
  }

  /** Whether the caller's role in the workspace includes {@code needed}. */
  public boolean hasRole(Role needed) {
    return role != null && role.atLeast(needed);
  }

  public boolean hasScope(Scope scope) {
    return scopes.contains(scope);
  }

  /**
   * Throws FORBIDDEN unless the caller's role includes {@code needed} (NOT_FOUND when the caller
   * is in no workspace at all).
   */
  public void requireRole(Role needed) {
    if (workspaceId == null) {
      throw AccountException.notFound("you are not a member of any workspace; ask for an invitation or create one");
    }
    if (!hasRole(needed)) {
      throw AccountException.forbidden("needs role " + needed.wire() + " or above in workspace '" + workspaceId
          + "'; " + (token != null ? "this token acts as " : "you are ") + role.wire());
    }
  }

  /** The person behind the request; FORBIDDEN for a workspace token, which acts for no one. */
  public AccountStore.User requireUser() {
    if (user == null) {
      throw AccountException.forbidden("a workspace token acts for no user; use a personal token or sign in");
    }
    return user;
  }

  /** How the audit log names the caller: the user's address, or the token's prefix and name. */
  public String actor() {
    if (token == null) {
      return user.email();
    }
    return "token " + token.prefix() + " (" + token.name() + ")" + (user == null ? "" : " of " + user.email());
  }

  @Override
  public String toString() {
    return "Caller[" + actor() + " in " + workspaceId + " as " + role + "]";
  }
}
