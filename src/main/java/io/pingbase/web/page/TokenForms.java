package io.pingbase.web.page;

import io.javalin.http.Context;
import io.pingbase.account.AccountException;
import io.pingbase.account.AccountStore;
import io.pingbase.account.Caller;
import io.pingbase.account.Role;
import io.pingbase.account.Scope;
import io.pingbase.account.Tokens;
import io.pingbase.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The API token forms of the account page (personal tokens) and the workspace page (workspace
 * tokens): one way to read them, one way to list tokens. The new token is shown once, in the page
 * answering the form; only its prefix is kept.
 */
public final class TokenForms {
  /** The fields of the form. */
  static final String[] FIELDS = {"name", "role", "access", "expires-in"};

  /** A token as listed. */
  public record Row(long id, String prefix, String name, String kind, String role, String scopes, Instant created,
      Instant expires, Instant lastUsed, String status) {
    public boolean active() {
      return status.equals("active");
    }
  }

  private TokenForms() {}

  /** Creates the token of the posted form: personal (acts for the caller) or a workspace token (admins). */
  static Tokens.Created create(Context ctx, Tokens tokens, Caller caller, boolean personal, InstantSource clock) {
    String name = Forms.field(ctx, "name");
    Role role = Forms.field(ctx, "role") == null ? null : role(Forms.field(ctx, "role"), "role");
    Set<Scope> scopes = "read".equals(Forms.field(ctx, "access")) ? EnumSet.of(Scope.READ) : EnumSet.allOf(Scope.class);
    Instant expires = null;
    String in = Forms.field(ctx, "expires-in");
    if (in != null) {
      try {
        Duration d = Durations.parse(in);
        if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(3660)) > 0) {
          throw AccountException.invalid("expires-in", "must be between 1m and 3660d");
        }
        expires = clock.instant().plus(d);
      } catch (IllegalArgumentException e) {
        throw AccountException.invalid("expires-in", e.getMessage());
      }
    }
    return tokens.create(caller, name, personal, role, scopes, expires);
  }

  /** A role typed in a form ("editor"); INVALID naming {@code field} otherwise. */
  static Role role(String value, String field) {
    try {
      return Role.ofWire(value == null ? "" : value.strip());
    } catch (IllegalArgumentException e) {
      throw AccountException.invalid(field, "must be one of owner, admin, editor, viewer");
    }
  }

  static List<Row> rows(List<AccountStore.Token> tokens, InstantSource clock) {
    Instant now = clock.instant();
    return tokens.stream().map(t -> new Row(t.id(), t.prefix(), t.name(), t.userId() == null ? "workspace" : "personal",
        t.role().wire(), Tokens.Scopes.wire(t.scopes()).replace(",", ", "), t.created(), t.expires(), t.lastUsed(),
        t.revoked() != null ? "revoked" : t.expires() != null && !now.isBefore(t.expires()) ? "expired" : "active"))
        .toList();
  }

  /** The roles a form offers, highest first. */
  static List<String> roles() {
    return java.util.Arrays.stream(Role.values()).map(r -> r.name().toLowerCase(Locale.ROOT)).toList();
  }
}
