package io.pingbase.monitor;

import java.time.Duration;

/**
 * How a change of state is confirmed before it is declared: after a first differing result, the
 * monitor is re-checked {@code rechecks} times, {@code spacing} apart; only if every re-check
 * still differs from the current state does the state change. One dropped packet is not an
 * outage, and one lucky connect is not a recovery.
 */
public record ConfirmationPolicy(int rechecks, Duration spacing) {
  public static final ConfirmationPolicy DEFAULT = new ConfirmationPolicy(2, Duration.ofSeconds(1));
  public static final int MAX_RECHECKS = 10;

  public ConfirmationPolicy {
    if (rechecks < 0 || rechecks > MAX_RECHECKS) {
      throw new IllegalArgumentException("rechecks must be 0-" + MAX_RECHECKS + ", was " + rechecks);
    }
    if (spacing == null || spacing.isNegative()) {
      throw new IllegalArgumentException("spacing must be >= 0");
    }
  }
}
