package io.pingbase.maintenance;

import io.pingbase.monitor.MonitorSource;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named maintenance window: while it is open, the monitors it covers are still checked and
 * their results stored, but their alerts are held back and the time counts as maintenance, not
 * downtime.
 *
 * @param name   unique, id-like; qualified by its workspace outside the default one
 *               ({@link io.pingbase.monitor.WorkspaceKey})
 * @param title  for people; null when not given
 * @param zone   the zone the schedule's local times are in
 * @param source where it is defined: the file (read-only through the API) or the API
 */
public record MaintenanceWindow(String name, String title, Schedule schedule, ZoneId zone, Coverage coverage,
    MonitorSource source) {
  public static final int MAX_NAME_LENGTH = 64;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public MaintenanceWindow {
    if (!io.pingbase.monitor.WorkspaceKey.isValidKey(name, MaintenanceWindow::isValidName)) {
      throw new IllegalArgumentException("invalid window name: " + name);
    }
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(coverage, "coverage");
    Objects.requireNonNull(source, "source");
  }

  /** Whether {@code name} is a valid window name within a workspace (not qualified). */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * Whether the window covers {@code m}: only monitors of its own workspace, so "all" and a group
   * name mean that workspace's monitors.
   */
  public boolean covers(io.pingbase.monitor.Monitor m) {
    return io.pingbase.monitor.WorkspaceKey.sameWorkspace(m.id(), name) && coverage.covers(m);
  }

  /** This window with its name and monitor ids as keys of {@code workspace} ({@link io.pingbase.monitor.WorkspaceKey}). */
  public MaintenanceWindow toKeys(String workspace) {
    return io.pingbase.monitor.WorkspaceKey.DEFAULT.equals(workspace) ? this
        : rename(n -> io.pingbase.monitor.WorkspaceKey.of(workspace, n));
  }

  /** This window with its name and monitor ids as its workspace's members write them (the inverse of {@link #toKeys}). */
  public MaintenanceWindow toNames() {
    return name.indexOf(io.pingbase.monitor.WorkspaceKey.SEPARATOR) < 0 ? this
        : rename(io.pingbase.monitor.WorkspaceKey::nameOf);
  }

  private MaintenanceWindow rename(java.util.function.UnaryOperator<String> f) {
    return new MaintenanceWindow(f.apply(name), title, schedule, zone,
        new Coverage(coverage.all(), coverage.monitors().stream().map(f).toList(), coverage.groups()), source);
  }

  public MaintenanceWindow withSource(MonitorSource s) {
    return new MaintenanceWindow(name, title, schedule, zone, coverage, s);
  }
}
