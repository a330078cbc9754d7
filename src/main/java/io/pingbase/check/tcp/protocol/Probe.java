package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.util.Map;

/**
 * One protocol's check of a freshly connected socket: say what a client says first, and tell
 * whether the answer is that protocol's. Implementations hold no state between runs.
 */
public interface Probe {

  /**
   * Talks the protocol over {@code c} and returns what the service announced (banner, version),
   * JSON-shaped, for {@code CheckResult.details}.
   *
   * @throws ProtocolMismatch when the answer is not the protocol's (DOWN, reason PROTOCOL)
   * @throws IOException      on a socket error or timeout; {@link Conversation} turns a passed
   *                          deadline into {@link StepTimeout}
   */
  Outcome exchange(Conversation c) throws IOException, ProtocolMismatch;

  /**
   * What a successful exchange learned.
   *
   * @param details facts for the result's details
   * @param warning why the monitor should be DEGRADED though the service spoke its protocol
   *                (MySQL answering "Too many connections"), or null
   */
  record Outcome(Map<String, Object> details, String warning) {
    public static Outcome of(Map<String, Object> details) {
      return new Outcome(details, null);
    }
  }
}
