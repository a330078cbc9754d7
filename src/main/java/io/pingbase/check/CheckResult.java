package io.pingbase.check;

import java.util.Objects;

/**
 * What one probe saw. Whether UP means "degraded" is the monitor's decision (it knows the
 * threshold), not the check's.
 *
 * @param up             whether the target answered as expected
 * @param reason         why it failed; {@code null} when up
 * @param message        human detail ("Connection refused", "no answer within 5000 ms"); may be null when up
 * @param responseMicros the response time the monitor judges: for TCP the connect time; for a
 *                       failure, the time until the failure was known
 * @param phases         per-phase timings
 * @param address        the address actually contacted ("127.0.0.1:5432"), or null if none was
 */
public record CheckResult(
    boolean up, FailureReason reason, String message, long responseMicros, Phases phases, String address) {

  public CheckResult {
    Objects.requireNonNull(phases, "phases");
    if (up && reason != null) {
      throw new IllegalArgumentException("an UP result has no failure reason");
    }
    if (!up && reason == null) {
      throw new IllegalArgumentException("a DOWN result needs a failure reason");
    }
  }

  public static CheckResult up(long responseMicros, Phases phases, String address) {
    return new CheckResult(true, null, null, responseMicros, phases, address);
  }

  public static CheckResult down(
      FailureReason reason, String message, long elapsedMicros, Phases phases, String address) {
    return new CheckResult(false, reason, message, elapsedMicros, phases, address);
  }
}
