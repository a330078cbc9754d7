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
 */
public final class Uptime {
  private Uptime() {}

  /**
   * @param monitored time in UP, DEGRADED or DOWN
   * @param percent   available share of monitored time, 0-100; null when nothing was monitored
   */
  public record Result(Map<MonitorState, Duration> time, Duration monitored, Duration down, Double percent) {}

  /**
   * @param initial the state at {@code from} (the last change before it), or null when unknown
   * @param changes changes with {@code from <= at < to}, oldest first
   */
  public static Result compute(MonitorState initial, List<StateChange> changes, Instant from, Instant to) {
    Map<MonitorState, Duration> time = new EnumMap<>(MonitorState.class);
    for (MonitorState s : MonitorState.values()) {
      time.put(s, Duration.ZERO);
    }
    MonitorState state = initial == null ? MonitorState.PENDING : initial;
    Instant cursor = from;
    for (StateChange c : changes) {
      Instant at = c.at().isBefore(from) ? from : c.at();
      if (at.isAfter(to)) {
        break;
      }
      if (at.isAfter(cursor)) {
        time.merge(state, Duration.between(cursor, at), Duration::plus);
        cursor = at;
      }
      state = c.to();
    }
    if (to.isAfter(cursor)) {
      time.merge(state, Duration.between(cursor, to), Duration::plus);
    }
    Duration available = time.get(MonitorState.UP).plus(time.get(MonitorState.DEGRADED));
    Duration down = time.get(MonitorState.DOWN);
    Duration monitored = available.plus(down);
    Double percent = monitored.isZero() ? null : 100.0 * available.toNanos() / monitored.toNanos();
    return new Result(time, monitored, down, percent);
  }
}
