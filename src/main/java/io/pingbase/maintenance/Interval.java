package io.pingbase.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A span of time, start inclusive, end exclusive; never empty. */
public record Interval(Instant start, Instant end) {

  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("an interval must end after it starts: " + start + " - " + end);
    }
  }

  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }

  /** Sorted by start, overlapping and touching intervals joined. */
  public static List<Interval> union(List<Interval> intervals) {
    if (intervals.size() < 2) {
      return List.copyOf(intervals);
    }
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(Interval::start));
    List<Interval> out = new ArrayList<>();
    Interval current = sorted.getFirst();
    for (int i = 1; i < sorted.size(); i++) {
      Interval next = sorted.get(i);
      if (!next.start().isAfter(current.end())) {
        if (next.end().isAfter(current.end())) {
          current = new Interval(current.start(), next.end());
        }
      } else {
        out.add(current);
        current = next;
      }
    }
    out.add(current);
    return out;
  }

  /** The parts of {@code intervals} inside [from, to). */
  public static List<Interval> clip(List<Interval> intervals, Instant from, Instant to) {
    List<Interval> out = new ArrayList<>();
    for (Interval i : intervals) {
      Instant s = i.start().isBefore(from) ? from : i.start();
      Instant e = i.end().isAfter(to) ? to : i.end();
      if (e.isAfter(s)) {
        out.add(new Interval(s, e));
      }
    }
    return out;
  }
}
