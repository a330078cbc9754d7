package io.pingbase.alert;

import io.pingbase.monitor.Monitor;
import java.time.Instant;
import java.util.Optional;

/** Whether a monitor is in a maintenance window: its alerts are held back meanwhile. */
@FunctionalInterface
public interface Maintenance {

  /** The name of a window covering {@code monitor} at {@code at}, or empty. */
  Optional<String> windowAt(Monitor monitor, Instant at);

  Maintenance NONE = (monitor, at) -> Optional.empty();
}
