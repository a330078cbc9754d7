package io.pingbase.check;

/**
 * Why a check failed. Each reason has a stable numeric code, which is what the database stores:
 * never reuse or renumber a code.
 */
public enum FailureReason {
  /** Nothing listening: the host answered the SYN with a RST. */
  REFUSED(1),
  /** No answer within the deadline: host down, packets dropped, or a full accept queue. */
  TIMEOUT(2),
  /** The name did not resolve (NXDOMAIN, no address, or the resolver timed out). */
  DNS_FAILURE(3),
  /** No route to the host or network. */
  UNREACHABLE(4),
  /** Anything else; the message says what. */
  ERROR(5);

  private final int code;

  FailureReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static FailureReason ofCode(int code) {
    for (FailureReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown failure reason code " + code);
  }
}
