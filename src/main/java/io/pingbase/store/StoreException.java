package io.pingbase.store;

/**
 * A storage operation failed. The message names the operation ("append 1000 results") and the
 * database's own error.
 *
 * <p>{@link #rejected()} tells the two kinds of failure apart, because they need opposite handling:
 * a database that is down, slow, locked or full may accept the same write later, so the caller
 * keeps the data and retries; a database that refused the data itself (a constraint, a value out
 * of range) will refuse it again, so retrying the same batch forever would block everything
 * behind it.
 */
public final class StoreException extends RuntimeException {
  private final boolean rejected;

  public StoreException(String message, Throwable cause, boolean rejected) {
    super(message, cause);
    this.rejected = rejected;
  }

  /**
   * True when the database refused the data itself: sending the same data again fails the same
   * way. False for everything that may pass later (connection lost, timeouts, locks, disk full).
   */
  public boolean rejected() {
    return rejected;
  }
}
