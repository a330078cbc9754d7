package io.pingbase.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Time-weighted availability over a range, computed from state changes: the share of monitored
 * time a monitor was UP or DEGRADED. PENDING (no data) and PAUSED (on purpose) are not monitored
 * time and count neither way. Unlike a ratio of check counts, this does not depend on the interval
 * and is not skewed by confirmation re-checks.
 *
 * <p>Time inside a maintenance window that would otherwise be monitored counts as maintenance: it
 * is neither uptime nor downtime, and the percentage is of the monitored time outside windows.
 */
public final class Uptime {
  private Uptime() {}

  /**
   * @param time        per state, with maintenance time taken out of UP, DEGRADED and DOWN
   * @param monitored   time in UP, DEGRADED or DOWN outside maintenance
   * @param percent     available share of monitored time, 0-100; null when nothing was monitored
   * @param maintenance time in UP, DEGRADED or DOWN inside a maintenance window
   */
  public record Result(Map<MonitorState, Duration> time, Duration monitored, Duration down, Double percent,
      Duration maintenance) {}

  /** A maintenance window's span: [start, end). */
  public record Window(Instant start, Instant end) {}

  /**
   * @param initial the state at {@code from} (the last change before it), or null when unknown
   * @param changes changes with {@code from <= at < to}, oldest first
   */
  public static Result compute(MonitorState initial, List<StateChange> changes, Instant from, Instant to) {
    return compute(initial, changes, from, to, List.of());
  }

  /**
   * @param maintenance windows covering the monitor, sorted by start and not overlapping
   */
  public static Result compute(MonitorState initial, List<StateChange> changes, Instant from, Instant to,
      List<Window> maintenance) {
    Map<MonitorState, Duration> time = new EnumMap<>(MonitorState.class);
    for (MonitorState s : MonitorState.values()) {
      time.put(s, Duration.ZERO);
    }
    Duration[] inMaintenance = {Duration.ZERO};
    int[] firstWindow = {0}; // segments come in time order: windows wholly before one are skipped for good
    MonitorState state = initial == null ? MonitorState.PENDING : initial;
    Instant cursor = from;
    for (StateChange c : changes) {
      Instant at = c.at().isBefore(from) ? from : c.at();
      if (at.isAfter(to)) {
        break;
      }
      if (at.isAfter(cursor)) {
        add(time, inMaintenance, state, cursor, at, maintenance, firstWindow);
        cursor = at;
      }
      state = c.to();
    }
    if (to.isAfter(cursor)) {
      add(time, inMaintenance, state, cursor, to, maintenance, firstWindow);
    }
    Duration available = time.get(MonitorState.UP).plus(time.get(MonitorState.DEGRADED));
    Duration down = time.get(MonitorState.DOWN);
    Duration monitored = available.plus(down);
    Double percent = monitored.isZero() ? null : 100.0 * available.toNanos() / monitored.toNanos();
    return new Result(time, monitored, down, percent, inMaintenance[0]);
  }

  private static void add(Map<MonitorState, Duration> time, Duration[] inMaintenance, MonitorState state,
      Instant start, Instant end, List<Window> maintenance, int[] firstWindow) {
    Duration span = Duration.between(start, end);
    boolean monitored = state == MonitorState.UP || state == MonitorState.DEGRADED || state == MonitorState.DOWN;
    if (monitored && !maintenance.isEmpty()) {
      while (firstWindow[0] < maintenance.size() && !maintenance.get(firstWindow[0]).end().isAfter(start)) {
        firstWindow[0]++;
      }
      Duration overlap = overlap(start, end, maintenance.subList(firstWindow[0], maintenance.size()));
      inMaintenance[0] = inMaintenance[0].plus(overlap);
      span = span.minus(overlap);
    }
    time.merge(state, span, Duration::plus);
  }

  private static Duration overlap(Instant start, Instant end, List<Window> windows) {
    Duration total = Duration.ZERO;
    for (Window w : windows) {
      if (!w.end().isAfter(start)) {
        continue;
      }
      if (!w.start().isBefore(end)) {
        break;
      }
      Instant s = w.start().isAfter(start) ? w.start() : start;
      Instant e = w.end().isBefore(end) ? w.end() : end;
      total = total.plus(Duration.between(s, e));
    }
    return total;
  }
}
