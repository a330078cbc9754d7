package io.pingbase.account;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * API tokens of a workspace. A personal token acts for its creator, never with more than the
 * creator's role at the time of use; a workspace token (admins only) acts for no one, with the
 * role it was made with, and outlives its creator's membership. Nobody makes a token that can do
 * more than they can: its role is at most the caller's, its scopes a subset of the caller's.
 */
public final class Tokens {
  public static final int MAX_NAME_LENGTH = 100;

  /** A new token: {@code secret} is the whole token, shown once. */
  public record Created(AccountStore.Token token, String secret) {
    @Override
    public String toString() {
      return "Created[" + token.prefix() + ", secret=***]";
    }
  }

  private final AccountStore store;
  private final Audit audit;
  private final InstantSource clock;
  private final SecureRandom random;
  private final Runnable accessChanged;

  /** @param accessChanged called after a token is revoked ({@link Authenticator#forget}) */
  public Tokens(AccountStore store, Audit audit, InstantSource clock, SecureRandom random, Runnable accessChanged) {
    this.accessChanged = accessChanged;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  /**
   * @param personal true: acts for the caller; false: a workspace token (admins only)
   * @param role     null: the caller's role
   * @param scopes   empty: read and write
   * @param expires  null: never
   */
  public Created create(Caller caller, String name, boolean personal, Role role, Set<Scope> scopes, Instant expires) {
    caller.requireRole(personal ? Role.VIEWER : Role.ADMIN);
    if (personal) {
      caller.requireUser();
    }
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
      throw AccountException.invalid("name", "must be 1-" + MAX_NAME_LENGTH
          + " characters without control characters (what the token is for: \"ci\", \"grafana\")");
    }
    Role granted = role == null ? caller.role() : role;
    if (!caller.hasRole(granted)) {
      throw AccountException.forbidden("a token cannot have more rights than its creator: role " + granted.wire()
          + " is above yours (" + caller.role().wire() + ")");
    }
    Set<Scope> wanted = scopes == null || scopes.isEmpty() ? EnumSet.allOf(Scope.class) : EnumSet.copyOf(scopes);
    if (!caller.scopes().containsAll(wanted)) {
      throw AccountException.forbidden("a token cannot have more rights than its creator: scope write is not yours");
    }
    Instant now = clock.instant();
    if (expires != null && !expires.isAfter(now)) {
      throw AccountException.invalid("expires", "must be in the future, was " + expires);
    }
    ApiTokens.Issued issued = ApiTokens.issue(random);
    AccountStore.Token token = store.saveToken(issued.prefix(), issued.hash(), name.strip(), caller.workspaceId(),
        personal ? caller.user().id() : null, granted, wanted, now, expires);
    audit.record(caller, "token.create", token.prefix(), (personal ? "personal" : "workspace") + " token '"
        + token.name() + "', role " + granted.wire() + ", scopes " + Scopes.wire(wanted)
        + (expires == null ? "" : ", expires " + expires));
    return new Created(token, issued.token());
  }

  /** Admins see every token of the workspace; others their own personal tokens. */
  public List<AccountStore.Token> list(Caller caller) {
    caller.requireRole(Role.VIEWER);
    List<AccountStore.Token> all = store.tokens(caller.workspaceId());
    if (caller.hasRole(Role.ADMIN)) {
      return all;
    }
    long me = caller.user() == null ? -1 : caller.user().id();
    return all.stream().filter(t -> t.userId() != null && t.userId() == me).toList();
  }

  /** Revokes one of the caller's own tokens, or (admins) any token of the workspace. */
  public AccountStore.Token revoke(Caller caller, long id) {
    AccountStore.Token token = list(caller).stream().filter(t -> t.id() == id).findFirst()
        .orElseThrow(() -> AccountException.notFound("no token with id " + id));
    if (token.revoked() == null) {
      store.revokeToken(id, clock.instant());
      accessChanged.run();
      audit.record(caller, "token.revoke", token.prefix(), "'" + token.name() + "'");
    }
    return store.tokenByPrefix(token.prefix()).orElse(token);
  }

  /** Scopes as written in the API and the audit log. */
  public static final class Scopes {
    private Scopes() {}

    public static String wire(Set<Scope> scopes) {
      return String.join(",", scopes.stream().sorted().map(Scope::wire).toList());
    }
  }
}
