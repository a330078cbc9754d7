package io.pingbase.maintenance;

import io.pingbase.alert.Maintenance;
import io.pingbase.monitor.Monitor;
import java.time.Instant;
import java.util.Optional;

/**
 * The calendar in force, replaced whole when the file is reloaded or a window is changed through
 * the API: alerting holds this and sees the change at its next question.
 */
public final class LiveMaintenance implements Maintenance {
  private volatile MaintenanceCalendar current = MaintenanceCalendar.EMPTY;

  public MaintenanceCalendar current() {
    return current;
  }

  public void set(MaintenanceCalendar calendar) {
    this.current = calendar;
  }

  @Override
  public Optional<String> windowAt(Monitor monitor, Instant at) {
    return current.windowAt(monitor, at);
  }
}
