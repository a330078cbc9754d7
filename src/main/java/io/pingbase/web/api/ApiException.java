package io.pingbase.web.api;

import java.util.List;

/**
 * A client error with the status to answer and, for validation, one entry per invalid field.
 * Everything a client can send that is wrong ends here, never in a 500.
 */
public final class ApiException extends RuntimeException {
  static final int MAX_LISTED = 100;
  private final int status;
  private final List<FieldError> errors;

  /** One invalid field: its path in the request ("port", "confirmation.rechecks") and what is wrong. */
  public record FieldError(String field, String message) {}

  public ApiException(int status, String message) {
    this(status, message, List.of());
  }

  public ApiException(int status, String message, List<FieldError> errors) {
    super(message);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /**
   * 400 listing each invalid field; at most {@link #MAX_LISTED} of them, so that a body of a
   * million unknown keys does not turn into a response ten times its size.
   */
  public static ApiException invalid(List<FieldError> errors) {
    if (errors.size() > MAX_LISTED) {
      return new ApiException(400, "invalid request: " + errors.size() + " errors; the first " + MAX_LISTED
          + " are listed", errors.subList(0, MAX_LISTED));
    }
    return new ApiException(400, "invalid request: " + errors.size() + (errors.size() == 1 ? " error" : " errors"), errors);
  }

  public static ApiException invalidParam(String name, String message) {
    return invalid(List.of(new FieldError(name, message)));
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
