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
    Instant end = to.isAfter(now) ? now : to;
    MonitorState initial = events.lastBefore(ref, from).map(StateChange::to).orElse(null);
    List<StateChange> changes = new ArrayList<>();
    if (end.isAfter(from)) {
      List<StoredEvent> newestFirst = events.events(ref, from, end, MAX_EVENTS_PER_RANGE);
      for (int i = newestFirst.size() - 1; i >= 0; i--) {
        changes.add(newestFirst.get(i).change());
      }
    }
    Instant until = end.isAfter(from) ? end : from;
    List<Uptime.Window> windows = maintenance.get().intervals(monitor, from, until).stream()
        .map(i -> new Uptime.Window(i.start(), i.end())).toList();
    return Uptime.compute(initial, changes, from, until, windows);
  }
}
