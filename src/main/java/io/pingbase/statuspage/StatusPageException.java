package io.pingbase.statuspage;

/** Why a status page change was refused; the web layer maps the kind to a status code. */
public final class StatusPageException extends RuntimeException {
  /** NOT_FOUND: 404, CONFLICT: 409. */
  public enum Kind { NOT_FOUND, CONFLICT }

  private final Kind kind;

  private StatusPageException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public static StatusPageException notFound(String message) {
    return new StatusPageException(Kind.NOT_FOUND, message);
  }

  public static StatusPageException conflict(String message) {
    return new StatusPageException(Kind.CONFLICT, message);
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return kind == Kind.NOT_FOUND ? 404 : 409;
  }
}
