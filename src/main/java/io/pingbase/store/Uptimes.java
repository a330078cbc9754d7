package io.pingbase.store;

import io.pingbase.maintenance.MaintenanceCalendar;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.monitor.Uptime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A monitor's uptime over a range, from its stored state changes (time-weighted, see
 * {@link Uptime}), with the time of the maintenance windows in force counted as maintenance. The
 * one place the API's statistics, the dashboard and status pages get uptime from.
 */
public final class Uptimes {
  /** More state changes than this in one range means a flapping monitor; uptime is then computed from the newest ones. */
  static final int MAX_EVENTS_PER_RANGE = 100_000;

  private final EventStore events;
  private final Supplier<MaintenanceCalendar> maintenance;

  public Uptimes(EventStore events, Supplier<MaintenanceCalendar> maintenance) {
    this.events = events;
    this.maintenance = maintenance;
  }

  /** Uptime of monitor {@code ref} over [from, to); a {@code to} in the future counts until {@code now}. */
  public Uptime.Result of(long ref, Monitor monitor, Instant from, Instant to, Instant now) {
    History h = history(ref, monitor, from, to.isAfter(now) ? now : to);
    return Uptime.compute(h.initial(), h.oldestFirst(), from, h.until(), h.maintenance());
  }

  /**
   * What uptime over [from, until) is computed from, read once: the state before, the changes
   * (oldest first), and the maintenance time. Status pages compute their daily bars and outages
   * from one read of 90 days.
   */
  public History history(long ref, Monitor monitor, Instant from, Instant until) {
    MonitorState initial = events.lastBefore(ref, from).map(StateChange::to).orElse(null);
    List<StoredEvent> newestFirst = until.isAfter(from) ? events.events(ref, from, until, MAX_EVENTS_PER_RANGE)
        : List.of();
    List<StateChange> changes = new ArrayList<>(newestFirst.size());
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      changes.add(newestFirst.get(i).change());
    }
    Instant end = until.isAfter(from) ? until : from;
    List<Uptime.Window> windows = maintenance.get().intervals(monitor, from, end).stream()
        .map(i -> new Uptime.Window(i.start(), i.end())).toList();
    return new History(initial, changes, newestFirst, end, windows);
  }

  /**
   * @param initial     the state at the range's start; null when unknown
   * @param oldestFirst the changes in the range
   * @param newestFirst the same, as stored events, newest first
   * @param until       the range's end
   * @param maintenance maintenance time in the range, sorted, disjoint
   */
  public record History(MonitorState initial, List<StateChange> oldestFirst, List<StoredEvent> newestFirst,
      Instant until, List<Uptime.Window> maintenance) {}
}
