package io.pingbase.web.api;

import io.pingbase.engine.LiveMonitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.WorkspaceKey;
import java.util.Locale;

/**
 * The monitor filters of the API's list and status overview and of the dashboard, combined with
 * AND, each optional: {@code group} (exact, ignoring case), {@code status}, {@code type} and
 * {@code q} (a substring of the name, id or target, ignoring case), within one workspace.
 */
public record MonitorFilter(String workspace, String group, MonitorState state, String type, String q) {
  public MonitorFilter {
    q = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
    group = group == null || group.isBlank() ? null : group;
    type = type == null || type.isBlank() ? null : type.toLowerCase(Locale.ROOT);
  }

  public boolean matches(LiveMonitor m) {
    var monitor = m.monitor();
    return WorkspaceKey.inWorkspace(monitor.id(), workspace)
        && (group == null || group.equalsIgnoreCase(monitor.group()))
        && (state == null || m.status().state() == state)
        && (type == null || type.equals(monitor.target().type()))
        && (q == null || monitor.name().toLowerCase(Locale.ROOT).contains(q)
            || WorkspaceKey.nameOf(monitor.id()).contains(q)
            || monitor.target().display().toLowerCase(Locale.ROOT).contains(q));
  }
}
