package io.pingbase.account;

/**
 * A request about accounts that cannot be done, with the reason in words a person can act on.
 * The web layer turns {@link #kind()} into a status code; nothing here knows HTTP.
 */
public final class AccountException extends RuntimeException {

  /** Why it was refused. */
  public enum Kind {
    /** The input is wrong; {@link #field()} names what (400). */
    INVALID,
    /** No valid credentials (401). */
    UNAUTHENTICATED,
    /** Valid credentials, but not allowed (403). */
    FORBIDDEN,
    /** No such thing in the caller's workspace (404, also for another workspace's things). */
    NOT_FOUND,
    /** Clashes with what exists (409). */
    CONFLICT,
    /** A plan limit of the workspace is reached (403, naming the limit). */
    LIMIT,
    /** Too many attempts; try again after {@link #retryAfterSeconds()} (429). */
    THROTTLED
  }

  private final Kind kind;
  private final String field;
  private final long retryAfterSeconds;

  private AccountException(Kind kind, String field, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.kind = kind;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static AccountException invalid(String field, String message) {
    return new AccountException(Kind.INVALID, field, message, 0);
  }

  public static AccountException unauthenticated(String message) {
    return new AccountException(Kind.UNAUTHENTICATED, null, message, 0);
  }

  /** A two-factor code is needed or was wrong: UNAUTHENTICATED with field {@code totp}. */
  public static AccountException invalidTotp(String message) {
    return new AccountException(Kind.UNAUTHENTICATED, "totp", message, 0);
  }

  public static AccountException forbidden(String message) {
    return new AccountException(Kind.FORBIDDEN, null, message, 0);
  }

  public static AccountException notFound(String message) {
    return new AccountException(Kind.NOT_FOUND, null, message, 0);
  }

  public static AccountException conflict(String message) {
    return new AccountException(Kind.CONFLICT, null, message, 0);
  }

  /** @param limit the limit's key, as in the config's plans ({@code monitors}, {@code min-interval}) */
  public static AccountException limit(String limit, String message) {
    return new AccountException(Kind.LIMIT, limit, message, 0);
  }

  public static AccountException throttled(String message, long retryAfterSeconds) {
    return new AccountException(Kind.THROTTLED, null, message, Math.max(1, retryAfterSeconds));
  }

  public Kind kind() {
    return kind;
  }

  /** The input field (INVALID, or {@code totp} for UNAUTHENTICATED) or the limit (LIMIT) concerned; null otherwise. */
  public String field() {
    return field;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
