package io.pingbase.web.page;

import io.pingbase.check.Phases;
import io.pingbase.config.Durations;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A monitor's page: what it checks, how it stands, and what happened. */
public record MonitorView(String id, String name, String type, String target, String group, String state,
    Instant since, Instant lastAt, String reason, String message, String warning, String responseTime,
    Map<String, String> phases, Map<String, String> details, String interval, String timeout, String degradedAfter,
    boolean writable, String range, Set<String> ranges, Map<String, String> uptime, List<StoredEvent> events,
    List<Outage> outages) {

  static MonitorView of(LiveMonitor live, boolean writable, String range, Map<String, String> uptime,
      List<StoredEvent> events, List<Outage> outages) {
    var m = live.monitor();
    var status = live.status();
    var last = status.last();
    Map<String, String> phases = new LinkedHashMap<>();
    Map<String, String> details = new LinkedHashMap<>();
    String reason = null;
    String message = null;
    String warning = null;
    String response = "–";
    if (last != null) {
      var r = last.result();
      reason = r.reason() == null ? null : r.reason().name();
      message = r.message();
      warning = r.warning();
      response = r.responseMicros() < 0 ? "–" : MonitorRow.millis(r.responseMicros());
      Phases p = r.phases();
      phase(phases, "DNS", p.dnsMicros());
      phase(phases, "Connect", p.connectMicros());
      phase(phases, "TLS", p.tlsMicros());
      phase(phases, "First byte", p.firstByteMicros());
      phase(phases, "Transfer", p.transferMicros());
      if (r.address() != null) {
        details.put("address", r.address());
      }
      r.details().forEach((k, v) -> details.put(k, v instanceof List<?> list ? String.join(", ",
          list.stream().map(String::valueOf).toList()) : String.valueOf(v)));
    }
    return new MonitorView(WorkspaceKey.nameOf(m.id()), m.name(), m.target().type(), m.target().display(), m.group(),
        status.state().name(), status.since(), last == null ? null : last.at(), reason, message, warning, response,
        phases, details, Durations.format(m.interval()), Durations.format(m.timeout()),
        m.degradedAfter() == null ? null : Durations.format(m.degradedAfter()), writable, range,
        MonitorPages.RANGES.keySet(), uptime, new ArrayList<>(events.subList(0, Math.min(20, events.size()))), outages);
  }

  private static void phase(Map<String, String> phases, String name, long micros) {
    if (micros != Phases.ABSENT) {
      phases.put(name, MonitorRow.millis(micros));
    }
  }

  public boolean paused() {
    return state.equals("PAUSED");
  }

  public String seriesUrl() {
    return "/monitors/" + id + "/series?range=" + range;
  }
}
