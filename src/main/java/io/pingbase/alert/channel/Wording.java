package io.pingbase.alert.channel;

import io.pingbase.alert.Notification;
import java.math.BigDecimal;
import java.time.Duration;

/** How channels write the figures of a notification, so every channel says them the same way. */
public final class Wording {
  private Wording() {}

  /** The response time in milliseconds with microsecond precision (412 µs → 0.412), or null when none. */
  public static BigDecimal responseMillis(Notification n) {
    return n.responseMicros() < 0 ? null : BigDecimal.valueOf(n.responseMicros(), 3);
  }

  /** The response time for people ("0.412 ms", "1250 ms"), or null when none. */
  public static String responseTime(Notification n) {
    BigDecimal ms = responseMillis(n);
    return ms == null ? null : ms.stripTrailingZeros().toPlainString() + " ms";
  }

  /** A duration for people: "45s", "5m 3s", "2h 0m", "3d 4h". */
  public static String duration(Duration d) {
    if (d == null) {
      return null;
    }
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m " + s % 60 + "s";
    }
    if (s < 86_400) {
      return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
    return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
  }
}
