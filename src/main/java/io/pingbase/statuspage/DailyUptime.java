package io.pingbase.statuspage;

import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.monitor.Uptime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitor's uptime day by day (the bars of a status page), from its state changes, in the
 * page's time zone: one {@link Uptime} computation per calendar day, all from one read of the
 * changes of the whole range. Pure.
 */
public final class DailyUptime {
  private DailyUptime() {}

  /**
   * One day.
   *
   * @param percent     available share of the day's monitored time; null when nothing was monitored
   *                    (before the monitor existed, paused, in the future)
   * @param monitored   time with a known state that day (what percent is a share of)
   * @param down        time DOWN that day (outside maintenance)
   * @param maintenance time in a maintenance window that day
   */
  public record Day(LocalDate date, Double percent, Duration monitored, Duration down, Duration maintenance) {
    /** "good", "minor" (some downtime, 99%+ up) or "bad"; "none" without data. */
    public String grade() {
      if (percent == null) {
        return "none";
      }
      return percent >= 99.999 ? "good" : percent >= 99.0 ? "minor" : "bad";
    }
  }

  /** The uptime of several days together, weighted by their monitored time; null without any. */
  public static Double overall(List<Day> days) {
    double weighted = 0;
    double total = 0;
    for (Day d : days) {
      if (d.percent() != null) {
        double seconds = d.monitored().toMillis() / 1000.0;
        weighted += d.percent() * seconds;
        total += seconds;
      }
    }
    return total > 0 ? weighted / total : null;
  }

  /** The mean of several monitors' uptimes (a section's), ignoring those without data; null without any. */
  public static Double mean(List<Double> percents) {
    return percents.stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).average().stream()
        .boxed().findFirst().orElse(null);
  }

  /**
   * The last {@code days} days up to and including the day of {@code now}, oldest first.
   *
   * @param initial     the state before the first day began (the last change before it); null when unknown
   * @param changes     changes from the first day's start on, oldest first
   * @param maintenance windows covering the monitor in that span, sorted, not overlapping
   */
  public static List<Day> of(MonitorState initial, List<StateChange> changes, List<Uptime.Window> maintenance,
      ZoneId zone, int days, Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate first = today.minusDays(days - 1L);
    List<Day> out = new ArrayList<>(days);
    MonitorState state = initial;
    int next = 0;
    for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
      Instant start = d.atStartOfDay(zone).toInstant();
      Instant end = d.plusDays(1).atStartOfDay(zone).toInstant();
      if (end.isAfter(now)) {
        end = now;
      }
      List<StateChange> inDay = new ArrayList<>();
      while (next < changes.size() && changes.get(next).at().isBefore(end)) {
        inDay.add(changes.get(next));
        next++;
      }
      Uptime.Result r = end.isAfter(start) ? Uptime.compute(state, inDay, start, end, maintenance)
          : Uptime.compute(state, List.of(), start, start, List.of());
      out.add(new Day(d, r.percent(), r.monitored(), r.down(), r.maintenance()));
      if (!inDay.isEmpty()) {
        state = inDay.get(inDay.size() - 1).to();
      }
    }
    return out;
  }
}
