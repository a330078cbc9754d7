package io.pingbase.maintenance;

import io.pingbase.check.heartbeat.CronSchedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a maintenance window is open: once, at the times a cron expression fires for a fixed
 * duration, or on days of the week between two wall-clock times. Recurring schedules are laid out
 * in their time zone with {@link ZonedDateTime}, so "02:00 to 04:00" stays 02:00 to 04:00 local
 * time across daylight-saving changes (and is an hour shorter or longer in UTC on those nights).
 */
public sealed interface Schedule {

  /**
   * The occurrences overlapping [from, to), oldest first; at most {@code limit} of them.
   */
  List<Interval> between(ZoneId zone, Instant from, Instant to, int limit);

  /** The first start strictly after {@code after}, if any. */
  Optional<Instant> nextStart(ZoneId zone, Instant after);

  /** A single window. */
  record OneOff(Instant start, Instant end) implements Schedule {
    public OneOff {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("end must be after start");
      }
    }

    @Override
    public List<Interval> between(ZoneId zone, Instant from, Instant to, int limit) {
      return end.isAfter(from) && start.isBefore(to) && limit > 0 ? List.of(new Interval(start, end)) : List.of();
    }

    @Override
    public Optional<Instant> nextStart(ZoneId zone, Instant after) {
      return start.isAfter(after) ? Optional.of(start) : Optional.empty();
    }
  }

  /** Open for {@code duration} from each time {@code cron} fires. */
  record Cron(CronSchedule cron, Duration duration) implements Schedule {
    public Cron {
      Objects.requireNonNull(cron, "cron");
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be positive");
      }
    }

    @Override
    public List<Interval> between(ZoneId zone, Instant from, Instant to, int limit) {
      List<Interval> out = new ArrayList<>();
      // A start up to one duration before from still covers from.
      ZonedDateTime cursor = from.minus(duration).minusSeconds(1).atZone(zone);
      while (out.size() < limit) {
        ZonedDateTime next;
        try {
          next = cron.next(cursor);
        } catch (IllegalStateException e) {
          break; // never fires again
        }
        Instant start = next.toInstant();
        if (!start.isBefore(to)) {
          break;
        }
        Instant end = start.plus(duration);
        if (end.isAfter(from)) {
          out.add(new Interval(start, end));
        }
        cursor = next;
      }
      return out;
    }

    @Override
    public Optional<Instant> nextStart(ZoneId zone, Instant after) {
      try {
        return Optional.of(cron.next(after.atZone(zone)).toInstant());
      } catch (IllegalStateException e) {
        return Optional.empty();
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cron c && c.cron.toString().equals(cron.toString()) && c.duration.equals(duration);
    }

    @Override
    public int hashCode() {
      return Objects.hash(cron.toString(), duration);
    }
  }

  /**
   * On each of {@code days}, from {@code from} to {@code to} local time; when {@code to} is not
   * after {@code from} the window ends on the next day ("22:00" to "02:00"). A local time that
   * does not exist on a spring-forward night is moved forward by the gap; one that happens twice
   * on a fall-back night is taken at its first occurrence.
   */
  record Weekly(Set<DayOfWeek> days, LocalTime from, LocalTime to) implements Schedule {
    public Weekly {
      days = Set.copyOf(days);
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (days.isEmpty()) {
        throw new IllegalArgumentException("days must not be empty");
      }
      if (from.equals(to)) {
        throw new IllegalArgumentException("from and to must differ");
      }
    }

    public boolean crossesMidnight() {
      return !to.isAfter(from);
    }

    private Optional<Interval> on(LocalDate date, ZoneId zone) {
      if (!days.contains(date.getDayOfWeek())) {
        return Optional.empty();
      }
      Instant start = ZonedDateTime.of(date, from, zone).toInstant();
      Instant end = ZonedDateTime.of(crossesMidnight() ? date.plusDays(1) : date, to, zone).toInstant();
      // A window inside a spring-forward gap can collapse to nothing: then it has no occurrence.
      return end.isAfter(start) ? Optional.of(new Interval(start, end)) : Optional.empty();
    }

    @Override
    public List<Interval> between(ZoneId zone, Instant from, Instant to, int limit) {
      List<Interval> out = new ArrayList<>();
      LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
      LocalDate last = to.atZone(zone).toLocalDate();
      for (; !day.isAfter(last) && out.size() < limit; day = day.plusDays(1)) {
        on(day, zone).filter(i -> i.end().isAfter(from) && i.start().isBefore(to)).ifPresent(out::add);
      }
      return out;
    }

    @Override
    public Optional<Instant> nextStart(ZoneId zone, Instant after) {
      LocalDate day = after.atZone(zone).toLocalDate();
      for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
        Optional<Interval> o = on(day, zone);
        if (o.isPresent() && o.get().start().isAfter(after)) {
          return Optional.of(o.get().start());
        }
      }
      return Optional.empty();
    }
  }
}
