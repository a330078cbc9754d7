package io.pingbase.statuspage;

/** Why a status page change was refused; the web layer maps the kind to a status code. */
public final class StatusPageException extends RuntimeException {
  /** NOT_FOUND: 404, CONFLICT: 409. */
  public enum Kind { NOT_FOUND, CONFLICT }

  private final Kind kind;
  private final String field;

  private StatusPageException(Kind kind, String field, String message) {
    super(message);
    this.kind = kind;
    this.field = field;
  }

  public static StatusPageException notFound(String message) {
    return new StatusPageException(Kind.NOT_FOUND, null, message);
  }

  /** {@code field} of the page ("slug", "domain") is taken by another page. */
  public static StatusPageException conflict(String field, String message) {
    return new StatusPageException(Kind.CONFLICT, field, message);
  }

  public Kind kind() {
    return kind;
  }

  /** The page's key the refusal is about, or null. */
  public String field() {
    return field;
  }

  public int status() {
    return kind == Kind.NOT_FOUND ? 404 : 409;
  }
}
