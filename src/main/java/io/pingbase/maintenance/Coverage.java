package io.pingbase.maintenance;

import io.pingbase.monitor.Monitor;
import java.util.List;

/**
 * What a window covers: every monitor, or the monitors listed by id and those of the groups
 * listed (a monitor's {@code group:}).
 */
public record Coverage(boolean all, List<String> monitors, List<String> groups) {
  public static final Coverage ALL = new Coverage(true, List.of(), List.of());

  public Coverage {
    monitors = List.copyOf(monitors);
    groups = List.copyOf(groups);
    if (all && (!monitors.isEmpty() || !groups.isEmpty())) {
      throw new IllegalArgumentException("a window covering all monitors lists no monitors or groups");
    }
    if (!all && monitors.isEmpty() && groups.isEmpty()) {
      throw new IllegalArgumentException("a window must cover all monitors, some monitors or some groups");
    }
  }

  public boolean covers(Monitor m) {
    return all || monitors.contains(m.id()) || (m.group() != null && groups.contains(m.group()));
  }
}
