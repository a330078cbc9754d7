package io.pingbase.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one probe saw. Whether a slow answer means "degraded" is the monitor's decision (it knows
 * the threshold); a check flags other reasons to be DEGRADED with a {@code warning}.
 *
 * @param up             whether the target answered as expected
 * @param reason         why it failed; {@code null} when up
 * @param message        human detail ("Connection refused", "no answer within 5000 ms"); may be null when up
 * @param responseMicros the response time the monitor judges: for TCP the connect time; for a
 *                       failure, the time until the failure was known
 * @param phases         per-phase timings
 * @param address        the address actually contacted ("127.0.0.1:5432"), or null if none was
 * @param warning        on an UP result, why the monitor should be DEGRADED anyway ("certificate
 *                       expires in 12 days"); null otherwise
 * @param details        facts the check learned, per type (a banner, an HTTP status, certificate
 *                       dates): JSON-shaped values only (String, Long, Integer, Double, Boolean,
 *                       List, Map, null), kept in order, integers as Long; empty when none
 */
public record CheckResult(
    boolean up, FailureReason reason, String message, long responseMicros, Phases phases, String address,
    String warning, Map<String, Object> details) {

  public CheckResult {
    Objects.requireNonNull(phases, "phases");
    details = details == null || details.isEmpty() ? Map.of() : normalizeMap(details);
    if (!up && warning != null) {
      throw new IllegalArgumentException("a DOWN result has a reason, not a warning");
    }
    if (up && reason != null) {
      throw new IllegalArgumentException("an UP result has no failure reason");
    }
    if (!up && reason == null) {
      throw new IllegalArgumentException("a DOWN result needs a failure reason");
    }
  }

  /** A result without warning or details. */
  public CheckResult(
      boolean up, FailureReason reason, String message, long responseMicros, Phases phases, String address) {
    this(up, reason, message, responseMicros, phases, address, null, Map.of());
  }

  public static CheckResult up(long responseMicros, Phases phases, String address) {
    return new CheckResult(true, null, null, responseMicros, phases, address);
  }

  public static CheckResult down(
      FailureReason reason, String message, long elapsedMicros, Phases phases, String address) {
    return new CheckResult(false, reason, message, elapsedMicros, phases, address);
  }

  /** This result with {@code details} added (later keys win). */
  public CheckResult withDetails(Map<String, ?> more) {
    Map<String, Object> merged = new LinkedHashMap<>(details);
    merged.putAll(more);
    return new CheckResult(up, reason, message, responseMicros, phases, address, warning, merged);
  }

  /** This UP result, flagged to make the monitor DEGRADED for {@code why}. */
  public CheckResult withWarning(String why) {
    return new CheckResult(up, reason, message, responseMicros, phases, address, why, details);
  }

  /**
   * Details in their one canonical form, so a result equals itself read back from storage: an
   * ordered unmodifiable map, integers as Long, lists and maps copied the same way.
   */
  private static Map<String, Object> normalizeMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (!(k instanceof String key)) {
        throw new IllegalArgumentException("detail keys must be strings, was " + k);
      }
      copy.put(key, normalize(v));
    });
    return Collections.unmodifiableMap(copy);
  }

  private static Object normalize(Object v) {
    return switch (v) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Integer i -> i.longValue();
      case Long l -> l;
      case Double d -> d;
      case List<?> list -> Collections.unmodifiableList(list.stream().map(CheckResult::normalize).toList());
      case Map<?, ?> map -> normalizeMap(map);
      default -> throw new IllegalArgumentException("a detail must be JSON-shaped, was " + v.getClass().getName());
    };
  }

}
