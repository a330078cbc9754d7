package io.pingbase.config;

import io.pingbase.check.heartbeat.CronSchedule;
import io.pingbase.maintenance.Coverage;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.maintenance.Schedule;
import io.pingbase.monitor.MonitorSource;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads maintenance windows: the file's {@code maintenance:} list and the API's JSON bodies, with
 * the same keys and messages. {@link MaintenanceWriter} writes the same keys back.
 *
 * <p>A window has exactly one schedule: {@code start} and {@code end} (once), {@code cron} and
 * {@code duration}, or {@code days}, {@code from} and {@code to} (weekly); and covers
 * {@code all: true}, or the {@code monitors} and {@code groups} listed.
 */
public final class MaintenanceReader {
  static final List<String> KEYS = List.of("name", "title", "time-zone", "start", "end", "cron", "duration", "days",
      "from", "to", "monitors", "groups", "all");
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  static final List<String> ONE_OFF_KEYS = List.of("start", "end");
  static final List<String> CRON_KEYS = List.of("cron", "duration");
  static final List<String> WEEKLY_KEYS = List.of("days", "from", "to");
  static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  static final int MAX_TITLE_LENGTH = 200;
  private static final String SCHEDULES = "start and end (once), cron and duration (recurring), "
      + "or days, from and to (weekly)";

  private MaintenanceReader() {}

  /**
   * What names a window may cover: checked when given, so a typo is an error instead of a window
   * that covers nothing.
   *
   * @param monitor      whether a monitor id exists
   * @param monitorHints the ids to suggest from
   * @param groups       the group names that exist
   */
  public record References(Predicate<String> monitor, Collection<String> monitorHints, Collection<String> groups) {
    /** Anything goes: for windows read back from the database. */
    public static final References UNCHECKED = new References(id -> true, List.of(), null);
  }

  /**
   * Reads a window sent to the API. Error paths are relative to the object ({@code days}) and
   * carry no position.
   *
   * @param defaultZone the zone local times are in when the window names none
   * @throws ConfigException with every error found
   */
  public static MaintenanceWindow read(ConfigNode node, ZoneId defaultZone, MonitorSource source, References refs)
      throws ConfigException {
    Problems problems = new Problems(null);
    MapReader r = MapReader.of(node, "", problems, "a map with name, a schedule and what it covers");
    MaintenanceWindow w = r == null ? null : read(r, defaultZone, source, refs);
    problems.throwIfAny();
    return w;
  }

  /** The file's {@code maintenance:} list, names unique; reported into the root's problems. */
  static List<MaintenanceWindow> readAll(MapReader root, ZoneId defaultZone, References refs) {
    List<MaintenanceWindow> out = new ArrayList<>();
    Map<String, String> pathByName = new HashMap<>();
    root.eachMapInList("maintenance", "a map with name, a schedule and what it covers", r -> {
      MaintenanceWindow w = read(r, defaultZone, MonitorSource.FILE, refs);
      if (w == null) {
        return;
      }
      String first = pathByName.putIfAbsent(w.name(), r.path());
      if (first != null) {
        r.error("name", "duplicate maintenance window " + Nodes.quote(w.name()) + ", also used by " + first);
      } else {
        out.add(w);
      }
    });
    return out;
  }

  /** One window; null after reporting. */
  static MaintenanceWindow read(MapReader r, ZoneId defaultZone, MonitorSource source, References refs) {
    r.allowOnly(KEYS);
    String name = r.requiredText("name");
    if (name != null && !MaintenanceWindow.isValidName(name)) {
      r.error("name", "must be 1-" + MaintenanceWindow.MAX_NAME_LENGTH + " characters of a-z, 0-9, '.', '_' and '-', "
          + "starting with a letter or digit, was " + Nodes.quote(name));
    }
    String title = r.nonBlank("title", null);
    if (title != null && title.length() > MAX_TITLE_LENGTH) {
      r.error("title", "must be at most " + MAX_TITLE_LENGTH + " characters, was " + title.length());
    }
    ZoneId zone = zone(r, defaultZone);
    Schedule schedule = zone == null ? null : schedule(r, zone);
    Coverage coverage = coverage(r, refs);
    if (!r.clean()) {
      return null;
    }
    return new MaintenanceWindow(name, title, schedule, zone, coverage, source);
  }

  private static ZoneId zone(MapReader r, ZoneId fallback) {
    String text = r.nonBlank("time-zone", null);
    if (text == null) {
      return r.has("time-zone") ? null : fallback;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      r.error("time-zone", "unknown time zone " + Nodes.quote(text) + "; use a region such as Europe/Berlin or UTC");
      return null;
    }
  }

  private static Schedule schedule(MapReader r, ZoneId zone) {
    List<String> kinds = new ArrayList<>();
    if (ONE_OFF_KEYS.stream().anyMatch(r::has)) {
      kinds.add("start/end");
    }
    if (CRON_KEYS.stream().anyMatch(r::has)) {
      kinds.add("cron/duration");
    }
    if (WEEKLY_KEYS.stream().anyMatch(r::has)) {
      kinds.add("days/from/to");
    }
    if (kinds.isEmpty()) {
      r.problem("needs a schedule: " + SCHEDULES);
      return null;
    }
    if (kinds.size() > 1) {
      r.problem("has more than one schedule (" + String.join(", ", kinds) + "); give exactly one of " + SCHEDULES);
      return null;
    }
    return switch (kinds.getFirst()) {
      case "start/end" -> oneOff(r, zone);
      case "cron/duration" -> cron(r);
      default -> weekly(r);
    };
  }

  private static Schedule oneOff(MapReader r, ZoneId zone) {
    Instant start = dateTime(r, "start", zone);
    Instant end = dateTime(r, "end", zone);
    if (start != null && end != null && !end.isAfter(start)) {
      r.error("end", "must be after start (" + r.text("start", "") + "), was " + Nodes.quote(r.text("end", "")));
      return null;
    }
    return start == null || end == null ? null : new Schedule.OneOff(start, end);
  }

  /** An ISO-8601 date-time with an offset (or zone), or a local one in {@code zone}. */
  private static Instant dateTime(MapReader r, String key, ZoneId zone) {
    String text = r.requiredText(key);
    if (text == null) {
      return null;
    }
    String t = text.trim();
    Instant at;
    try {
      at = ZonedDateTime.parse(t, DateTimeFormatter.ISO_DATE_TIME).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        at = ZonedDateTime.of(LocalDateTime.parse(t), zone).toInstant();
      } catch (DateTimeParseException e) {
        r.error(key, "must be an ISO-8601 date-time such as 2026-03-29T02:00:00+01:00, or 2026-03-29T02:00 in the "
            + "window's time-zone, was " + Nodes.quote(text));
        return null;
      }
    }
    // ISO-8601 allows years up to +-999999999, past what epoch milliseconds (storage, the
    // calendar) can hold: found by FuzzTest as a 500 that then broke every listing of windows.
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      r.error(key, "must be between 1970-01-01 and 9999-12-31, was " + Nodes.quote(text));
      return null;
    }
    return at;
  }

  private static Schedule cron(MapReader r) {
    String expression = r.requiredText("cron");
    CronSchedule cron = null;
    if (expression != null) {
      try {
        cron = CronSchedule.parse(expression);
      } catch (IllegalArgumentException e) {
        r.error("cron", e.getMessage());
      }
    }
    Duration duration = null;
    if (!r.has("duration")) {
      r.missing("duration");
    } else {
      duration = r.duration("duration", Duration.ofSeconds(1), null);
    }
    return cron == null || duration == null ? null : new Schedule.Cron(cron, duration);
  }

  private static Schedule weekly(MapReader r) {
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (!r.has("days")) {
      r.missing("days");
    }
    List<String> written = r.texts("days");
    if (r.value("days") instanceof ConfigList list && list.items().isEmpty()) {
      // Without this an empty list read as "no error, no schedule" and the window's constructor
      // threw (a 500 through the API): found by FuzzTest.
      r.error("days", "must name at least one day (one of: " + String.join(", ", DAYS) + ")");
    }
    for (String d : written) {
      DayOfWeek day = day(d);
      if (day == null) {
        String lower = d.toLowerCase(Locale.ROOT);
        r.error("days", "unknown day " + Nodes.quote(d) + Suggestions.hint(lower, DAYS)
            + " (one of: " + String.join(", ", DAYS) + ")");
      } else {
        days.add(day);
      }
    }
    LocalTime from = time(r, "from");
    LocalTime to = time(r, "to");
    if (from != null && from.equals(to)) {
      r.error("to", "must differ from from (" + from + "); a window ending at its start would last no time or a "
          + "whole day, write which with another to");
      return null;
    }
    return days.isEmpty() || from == null || to == null ? null : new Schedule.Weekly(days, from, to);
  }

  /** mon, tues, Thurs, Monday: a day of the week (its name or a prefix of it of 3 letters or more); null when not one. */
  static DayOfWeek day(String text) {
    String lower = text.trim().toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      if (lower.length() >= 3 && full.startsWith(lower)) {
        return d;
      }
    }
    return null;
  }

  private static LocalTime time(MapReader r, String key) {
    String text = r.requiredText(key);
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.matches("[0-9]:[0-9]{2}(:[0-9]{2})?")) {
      t = "0" + t;
    }
    try {
      return LocalTime.parse(t);
    } catch (DateTimeParseException e) {
      r.error(key, "must be a time of day such as \"02:00\" or \"23:30\" (24-hour, local to the window's time-zone), "
          + "was " + Nodes.quote(text));
      return null;
    }
  }

  private static Coverage coverage(MapReader r, References refs) {
    Boolean all = r.flag("all", false);
    List<String> monitors = r.texts("monitors");
    List<String> groups = r.texts("groups");
    for (String id : monitors) {
      if (!refs.monitor().test(id)) {
        r.error("monitors", "no monitor with id " + Nodes.quote(id) + Suggestions.hint(id, refs.monitorHints()));
      }
    }
    if (refs.groups() != null) {
      for (String g : groups) {
        if (!refs.groups().contains(g)) {
          r.error("groups", "no group named " + Nodes.quote(g) + Suggestions.hint(g, refs.groups())
              + (refs.groups().isEmpty() ? " (no monitor has a group: and no groups are defined)" : ""));
        }
      }
    }
    if (all == null) {
      return null;
    }
    if (all && (!monitors.isEmpty() || !groups.isEmpty())) {
      r.error("all", "all: true covers every monitor; leave out monitors and groups, or all");
      return null;
    }
    if (!all && monitors.isEmpty() && groups.isEmpty()) {
      r.problem("must say what it covers: monitors (ids), groups (names), or all: true");
      return null;
    }
    return all ? Coverage.ALL : new Coverage(false, dedupe(monitors), dedupe(groups));
  }

  private static List<String> dedupe(List<String> names) {
    return List.copyOf(new java.util.LinkedHashSet<>(names));
  }

  /** The names {@code days} accepts, for a day. */
  static String dayName(DayOfWeek d) {
    return DAYS.get(d.ordinal());
  }
}
