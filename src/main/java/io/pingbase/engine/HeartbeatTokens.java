package io.pingbase.engine;

import io.pingbase.check.Target;
import io.pingbase.check.heartbeat.HeartbeatHub;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.store.StoredMonitor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each heartbeat monitor a ping token before it is stored, and keeps it: a monitor defined
 * without {@code token:} (in the file, or created through the API) gets a new random one the first
 * time, and afterwards the one stored under its id. The token is part of the stored definition, so
 * it survives restarts, reloads and API updates that leave it out.
 */
final class HeartbeatTokens {
  private HeartbeatTokens() {}

  /** {@code monitor} with its token: its own, the stored one of the same id, or a new one. */
  static Monitor assign(Monitor monitor, StoredMonitor existing) {
    if (!(monitor.target() instanceof Target.Heartbeat hb) || hb.token() != null) {
      return monitor;
    }
    String token = existing != null && existing.monitor().target() instanceof Target.Heartbeat old
        && old.token() != null ? old.token() : HeartbeatHub.newToken();
    return new Monitor(monitor.id(), monitor.name(), hb.withToken(token), monitor.interval(), monitor.timeout(),
        monitor.degradedAfter(), monitor.group(), monitor.confirmation(), monitor.source());
  }

  static List<Monitor> assign(List<Monitor> monitors, Map<String, StoredMonitor> stored) {
    List<Monitor> out = new ArrayList<>(monitors.size());
    for (Monitor m : monitors) {
      out.add(assign(m, stored.get(m.id())));
    }
    return out;
  }

  /**
   * Refuses a file whose heartbeats share a token with each other or with an API monitor: a ping
   * must identify one monitor.
   */
  static void requireUnique(List<Monitor> fileMonitors, Collection<StoredMonitor> stored, String configName) {
    Map<String, String> owners = new HashMap<>();
    for (StoredMonitor s : stored) {
      if (s.monitor().source() == MonitorSource.API && s.monitor().target() instanceof Target.Heartbeat hb
          && hb.token() != null) {
        owners.put(hb.token(), s.monitor().id());
      }
    }
    List<String> clashes = new ArrayList<>();
    for (Monitor m : fileMonitors) {
      if (m.target() instanceof Target.Heartbeat hb) {
        String other = owners.putIfAbsent(hb.token(), m.id());
        if (other != null && !other.equals(m.id())) {
          clashes.add("'" + m.id() + "' and '" + other + "'");
        }
      }
    }
    if (!clashes.isEmpty()) {
      throw new RegistryException.Conflict(configName + ": heartbeat monitors share a ping token: "
          + String.join(", ", clashes) + "; each heartbeat needs its own token (leave token out to get a generated one)");
    }
  }

  /** Refuses an API monitor whose token another monitor already has. */
  static void requireFree(Monitor monitor, List<LiveMonitor> running) {
    if (!(monitor.target() instanceof Target.Heartbeat hb)) {
      return;
    }
    for (LiveMonitor l : running) {
      if (!l.monitor().id().equals(monitor.id()) && l.monitor().target() instanceof Target.Heartbeat other
          && hb.token().equals(other.token())) {
        // Another workspace's monitor is not named: its id is none of this workspace's business.
        String owner = WorkspaceKey.sameWorkspace(l.monitor().id(), monitor.id())
            ? "heartbeat monitor '" + WorkspaceKey.nameOf(l.monitor().id()) + "'" : "another heartbeat monitor";
        throw new RegistryException.Conflict("token is already used by " + owner
            + "; each heartbeat needs its own token (leave token out to get a generated one)");
      }
    }
  }
}
