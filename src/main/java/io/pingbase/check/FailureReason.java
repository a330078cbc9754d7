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
  ERROR(5),
  /** Connected, but the service did not speak its protocol as expected; the message says what came back. */
  PROTOCOL(6),
  /** An HTTP status outside the accepted ones ("status 503, expected 200-399"). */
  STATUS(7),
  /** A check on the content failed: body, header, JSON path or DNS answer; the message says which and what was seen. */
  ASSERTION(8),
  /** The certificate is expired, not yet valid, untrusted or for another host; the message says which. */
  CERTIFICATE(9),
  /** The TLS handshake failed for another reason (protocol version, cipher, STARTTLS refused). */
  TLS(10),
  /** A heartbeat did not arrive in time; the message says how late. */
  LATE(11),
  /** A heartbeat reported a failure (a /fail ping or a non-zero exit code). */
  FAILED(12),
  /**
   * Not attempted: the address is one that {@code network.targets: multi-tenant} refuses
   * (loopback, private, link-local, ...); the message names the address and the rule.
   */
  BLOCKED(13);

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
