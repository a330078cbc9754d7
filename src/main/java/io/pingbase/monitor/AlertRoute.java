package io.pingbase.monitor;

import java.time.Duration;
import java.util.List;

/**
 * Who hears about a monitor (or a group of monitors) and how insistently: its {@code alerts:}
 * block. Empty channels mean "the group's channels, else the default channels".
 *
 * @param channels      channel names notified of every state change the channel wants
 * @param remindEvery   while DOWN, a reminder this often; null = none
 * @param escalateAfter still DOWN this long after the first alert: notify {@code escalateTo} too;
 *                      null = no escalation
 * @param escalateTo    the channels of the escalation; non-empty exactly when escalateAfter is set
 */
public record AlertRoute(List<String> channels, Duration remindEvery, Duration escalateAfter, List<String> escalateTo) {
  public static final AlertRoute NONE = new AlertRoute(List.of(), null, null, List.of());
  /** Reminders less often than this would be spam rather than a reminder. */
  public static final Duration MIN_REMINDER = Duration.ofMinutes(1);

  public AlertRoute {
    channels = channels == null ? List.of() : List.copyOf(channels);
    escalateTo = escalateTo == null ? List.of() : List.copyOf(escalateTo);
    if (remindEvery != null && remindEvery.compareTo(MIN_REMINDER) < 0) {
      throw new IllegalArgumentException("remind-every must be at least 1m, was " + remindEvery);
    }
    if ((escalateAfter == null) != escalateTo.isEmpty()) {
      throw new IllegalArgumentException("escalate-after and escalate-to go together");
    }
    if (escalateAfter != null && (escalateAfter.isNegative() || escalateAfter.isZero())) {
      throw new IllegalArgumentException("escalate-after must be positive, was " + escalateAfter);
    }
  }

  public boolean isEmpty() {
    return channels.isEmpty() && remindEvery == null && escalateAfter == null;
  }
}
