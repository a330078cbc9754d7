package io.pingbase.check.heartbeat;

import java.time.Instant;

/**
 * One ping received on a heartbeat's URL.
 *
 * @param exitCode  0-255 for {@code /ping/{token}/{exit-code}}; null for the other kinds
 * @param body      the request body as text, at most {@link #MAX_BODY_BYTES} of it; null when empty
 * @param bodyBytes how many bytes the body had in full (more than kept when truncated)
 */
public record Ping(Instant at, Kind kind, Integer exitCode, String body, long bodyBytes) {
  /** Bytes of a ping's body kept; the rest is counted and dropped (see docs/DECISIONS.md). */
  public static final int MAX_BODY_BYTES = 10 * 1024;

  public enum Kind {
    /** {@code /ping/{token}}: the job succeeded. */
    SUCCESS,
    /** {@code /ping/{token}/start}: the job started; the next completion gives its duration. */
    START,
    /** {@code /ping/{token}/fail}: the job failed. */
    FAIL,
    /** {@code /ping/{token}/{exit-code}}: the job ended with this code; 0 is success. */
    EXIT;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind ofWire(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public Ping {
    java.util.Objects.requireNonNull(at, "at");
    java.util.Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.EXIT) != (exitCode != null)) {
      throw new IllegalArgumentException("an exit code comes with an exit ping only");
    }
    if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
      throw new IllegalArgumentException("exit code must be 0-255, was " + exitCode);
    }
  }

  public boolean bodyTruncated() {
    return body != null && bodyBytes > MAX_BODY_BYTES;
  }

  /** A ping that ends a run: success, failure or an exit code. */
  public boolean completes() {
    return kind != Kind.START;
  }

  public boolean failing() {
    return kind == Kind.FAIL || (kind == Kind.EXIT && exitCode != 0);
  }
}
