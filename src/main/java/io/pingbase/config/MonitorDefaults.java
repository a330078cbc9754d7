package io.pingbase.config;

import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import java.time.Duration;
import java.util.Objects;

/**
 * Values a monitor gets when it does not set them, from the file's {@code defaults} section. They
 * apply to monitors created through the API as well; a monitor's own timeout defaults to
 * {@code min(timeout, its interval)}.
 */
public record MonitorDefaults(Duration interval, Duration timeout, ConfirmationPolicy confirmation) {
  public static final MonitorDefaults DEFAULT =
      new MonitorDefaults(Monitor.DEFAULT_INTERVAL, Monitor.DEFAULT_TIMEOUT, ConfirmationPolicy.DEFAULT);

  public MonitorDefaults {
    Objects.requireNonNull(confirmation, "confirmation");
    if (interval == null || interval.compareTo(Monitor.MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("interval must be >= 1s, was " + interval);
    }
    if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException("timeout must be >= 1ms and <= interval, was " + timeout);
    }
  }

  /** The timeout of a monitor that sets only its interval. */
  public Duration timeoutFor(Duration monitorInterval) {
    return timeout.compareTo(monitorInterval) <= 0 ? timeout : monitorInterval;
  }
}
