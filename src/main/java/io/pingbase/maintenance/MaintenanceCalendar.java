package io.pingbase.maintenance;

import io.pingbase.alert.Maintenance;
import io.pingbase.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed set of maintenance windows, answering "is this monitor in maintenance now" fast.
 * {@link #windowAt} runs for every planned alert and every held delivery each few seconds, so
 * each window keeps its occurrences around the last asked-for time as sorted arrays of epoch
 * milliseconds and answers with a binary search; the schedule (cron, time zones) is only
 * evaluated again when time moves out of that span. Pure: time is always passed in.
 */
public final class MaintenanceCalendar implements Maintenance {
  /** How far back and ahead of the asked-for time the occurrences are laid out. */
  static final Duration BEHIND = Duration.ofDays(1);
  static final Duration AHEAD = Duration.ofDays(8);
  /** At most this many occurrences are kept per window (a cron every minute for a week is ~10,000). */
  static final int MAX_CACHED = 50_000;
  /** At most this many occurrences are laid out for one uptime range. */
  static final int MAX_PER_RANGE = 200_000;

  public static final MaintenanceCalendar EMPTY = new MaintenanceCalendar(List.of());

  private final Map<String, Entry> byName = new LinkedHashMap<>();

  public MaintenanceCalendar(List<MaintenanceWindow> windows) {
    for (MaintenanceWindow w : windows) {
      if (byName.putIfAbsent(w.name(), new Entry(w)) != null) {
        throw new IllegalArgumentException("duplicate maintenance window '" + w.name() + "'");
      }
    }
  }

  public List<MaintenanceWindow> windows() {
    return byName.values().stream().map(e -> e.window).toList();
  }

  public Optional<MaintenanceWindow> window(String name) {
    Entry e = byName.get(name);
    return e == null ? Optional.empty() : Optional.of(e.window);
  }

  @Override
  public Optional<String> windowAt(Monitor monitor, Instant at) {
    for (Entry e : byName.values()) {
      if (e.window.covers(monitor) && e.isOpen(at)) {
        return Optional.of(e.window.name());
      }
    }
    return Optional.empty();
  }

  /** Whether the named window is open at {@code at}; false for an unknown name. */
  public boolean isOpen(String name, Instant at) {
    Entry e = byName.get(name);
    return e != null && e.isOpen(at);
  }

  /** The named window's first start after {@code after}; empty when it never opens again. */
  public Optional<Instant> nextStart(String name, Instant after) {
    Entry e = byName.get(name);
    return e == null ? Optional.empty() : e.window.schedule().nextStart(e.window.zone(), after);
  }

  /**
   * The time in [from, to) during which a window covering {@code monitor} is open: disjoint,
   * sorted, clipped to the range. For uptime, which counts this time as maintenance.
   */
  public List<Interval> intervals(Monitor monitor, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return List.of();
    }
    List<Interval> all = new ArrayList<>();
    for (Entry e : byName.values()) {
      if (e.window.covers(monitor)) {
        all.addAll(e.window.schedule().between(e.window.zone(), from, to, MAX_PER_RANGE));
      }
    }
    return Interval.clip(Interval.union(all), from, to);
  }

  /** One window and its occurrences around the last time asked about. */
  private static final class Entry {
    final MaintenanceWindow window;
    /** Replaced whole, never changed: readers on other threads see one consistent span. */
    volatile Span span;

    Entry(MaintenanceWindow window) {
      this.window = window;
    }

    boolean isOpen(Instant at) {
      long ms = at.toEpochMilli();
      Span s = span;
      if (s == null || ms < s.from || ms >= s.to) {
        s = layOut(at);
        span = s;
      }
      return s.contains(ms);
    }

    private Span layOut(Instant at) {
      Instant from = at.minus(BEHIND);
      Instant to = at.plus(AHEAD);
      List<Interval> found = Interval.union(window.schedule().between(window.zone(), from, to, MAX_CACHED));
      long until = to.toEpochMilli();
      if (found.size() >= MAX_CACHED) {
        // Truncated: the span only reaches as far as the occurrences laid out.
        until = Math.max(at.toEpochMilli() + 1, found.getLast().start().toEpochMilli());
      }
      long[] starts = new long[found.size()];
      long[] ends = new long[found.size()];
      for (int i = 0; i < found.size(); i++) {
        starts[i] = found.get(i).start().toEpochMilli();
        ends[i] = found.get(i).end().toEpochMilli();
      }
      return new Span(from.toEpochMilli(), until, starts, ends);
    }
  }

  /** Disjoint occurrences sorted by start, valid for lookups in [from, to). */
  private record Span(long from, long to, long[] starts, long[] ends) {
    boolean contains(long ms) {
      int i = Arrays.binarySearch(starts, ms);
      int idx = i >= 0 ? i : -i - 2; // the last start at or before ms
      return idx >= 0 && ms < ends[idx];
    }
  }
}
