package io.pingbase.web.api;

import io.pingbase.alert.ChannelSpec;
import io.pingbase.maintenance.Coverage;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.monitor.AlertRoute;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.WorkspaceKey;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Translates between what a workspace's members read and write (monitor {@code redis}, channel
 * {@code oncall}) and the server-wide keys the engine and alerting use ({@code acme:redis},
 * {@code acme:oncall}); see {@link WorkspaceKey}. In the default workspace both are the same, and
 * nothing is copied.
 */
final class InWorkspace {
  private InWorkspace() {}

  static Monitor toKeys(Monitor m, String workspace) {
    if (WorkspaceKey.DEFAULT.equals(workspace)) {
      return m;
    }
    return rename(m, name -> WorkspaceKey.of(workspace, name));
  }

  static Monitor toNames(Monitor m) {
    if (m.id().indexOf(WorkspaceKey.SEPARATOR) < 0) {
      return m;
    }
    return rename(m, WorkspaceKey::nameOf);
  }

  private static Monitor rename(Monitor m, UnaryOperator<String> f) {
    AlertRoute a = m.alerts();
    AlertRoute alerts = a.isEmpty() && a.escalateTo().isEmpty() ? a
        : new AlertRoute(map(a.channels(), f), a.remindEvery(), a.escalateAfter(), map(a.escalateTo(), f));
    return new Monitor(f.apply(m.id()), m.name(), m.target(), m.interval(), m.timeout(), m.degradedAfter(), m.group(),
        m.confirmation(), m.source(), alerts);
  }

  static MaintenanceWindow toKeys(MaintenanceWindow w, String workspace) {
    if (WorkspaceKey.DEFAULT.equals(workspace)) {
      return w;
    }
    return rename(w, name -> WorkspaceKey.of(workspace, name));
  }

  static MaintenanceWindow toNames(MaintenanceWindow w) {
    if (w.name().indexOf(WorkspaceKey.SEPARATOR) < 0) {
      return w;
    }
    return rename(w, WorkspaceKey::nameOf);
  }

  private static MaintenanceWindow rename(MaintenanceWindow w, UnaryOperator<String> f) {
    Coverage c = w.coverage();
    return new MaintenanceWindow(f.apply(w.name()), w.title(), w.schedule(), w.zone(),
        new Coverage(c.all(), map(c.monitors(), f), c.groups()), w.source());
  }

  static ChannelSpec toKeys(ChannelSpec c, String workspace) {
    if (WorkspaceKey.DEFAULT.equals(workspace)) {
      return c;
    }
    return c.withName(WorkspaceKey.of(workspace, c.name()));
  }

  private static List<String> map(List<String> names, UnaryOperator<String> f) {
    return names.stream().map(f).toList();
  }
}
