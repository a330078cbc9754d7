package io.pingbase.web.page;

import io.pingbase.engine.LiveMonitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.WorkspaceKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One monitor as the dashboard shows it.
 *
 * @param id        the monitor's id in its workspace (also the row's element id and live event name)
 * @param reason    why it is DOWN (the failure reason and what was seen); null otherwise
 * @param beats     the last results, oldest first
 * @param uptime24h "99.95%", or "–" without data
 */
public record MonitorRow(String id, String name, String type, String target, String group, MonitorState state,
    Instant since, String reason, String responseTime, List<LiveBoard.Beat> beats, String spark, String uptime24h,
    String uptime30d) {

  static MonitorRow of(LiveMonitor live, List<LiveBoard.Beat> beats, String uptime24h, String uptime30d) {
    var m = live.monitor();
    var status = live.status();
    var last = status.last();
    String reason = null;
    if (status.state() == MonitorState.DOWN && last != null && last.result().reason() != null) {
      reason = last.result().reason().name() + (last.result().message() == null ? "" : ": " + last.result().message());
    }
    String response = last == null || last.result().responseMicros() < 0 ? "–" : millis(last.result().responseMicros());
    return new MonitorRow(WorkspaceKey.nameOf(m.id()), m.name(), m.target().type(), m.target().display(), m.group(),
        status.state(), status.since(), reason, response, beats, spark(beats), uptime24h, uptime30d);
  }

  /** The element id and live event name: "m-" and the id (a-z, 0-9, '.', '_', '-'). */
  public String elementId() {
    return "m-" + id;
  }

  public String sinceText() {
    return since == null ? "" : since.toString();
  }

  /** "DOWN", "UP" ... as the pill shows it. */
  public String stateName() {
    return state.name();
  }

  static String millis(long micros) {
    double ms = micros / 1000.0;
    return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms) : ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms)
        : String.format(Locale.ROOT, "%.1f s", ms / 1000);
  }

  /**
   * The response times of the beats as SVG polyline points in a 110 x 24 box, drawn by the
   * server (no script needed); empty with fewer than two answering results.
   */
  static String spark(List<LiveBoard.Beat> beats) {
    List<LiveBoard.Beat> answered = beats.stream()
        .filter(b -> b.state() != MonitorState.DOWN && b.responseMicros() >= 0).toList();
    if (answered.size() < 2) {
      return "";
    }
    long max = answered.stream().mapToLong(LiveBoard.Beat::responseMicros).max().orElse(1);
    long min = answered.stream().mapToLong(LiveBoard.Beat::responseMicros).min().orElse(0);
    double span = Math.max(1, max - min);
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < answered.size(); i++) {
      double x = 1 + i * 108.0 / (answered.size() - 1);
      double y = 22 - (answered.get(i).responseMicros() - min) / span * 20;
      points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
    }
    return points.toString();
  }
}
