package io.pingbase.web.page;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A chart range picked by hand on a monitor's page: {@code from} and {@code to} as a browser's
 * date-time fields send them ({@code 2026-12-01T10:00}, UTC), or as epoch seconds (the chart's data
 * URL). Drawn in about 200 buckets of at least 15 s; at most 400 days (the rollups' retention).
 *
 * @param error what is wrong with the range, or null when it is valid (or not asked for)
 */
public record CustomRange(String fromText, String toText, Instant from, Instant to, String error) {
  static final Duration MAX = Duration.ofDays(400);
  private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  static CustomRange of(String fromText, String toText, Instant now) {
    if (blank(fromText) && blank(toText)) {
      return new CustomRange("", "", null, null, null);
    }
    Instant from = parse(fromText);
    Instant to = blank(toText) ? now : parse(toText);
    String error = null;
    if (from == null) {
      error = "from: a date and time like 2026-12-01T10:00 (UTC) is needed";
    } else if (to == null) {
      error = "to: a date and time like 2026-12-01T12:00 (UTC), or empty for now";
    } else if (!to.isAfter(from)) {
      error = "to must be after from";
    } else if (Duration.between(from, to).compareTo(MAX) > 0) {
      error = "a range of at most 400 days";
    }
    return new CustomRange(field(fromText, from), field(toText, to), from, to, error);
  }

  /** Asked for and usable. */
  public boolean valid() {
    return from != null && to != null && error == null;
  }

  public boolean asked() {
    return !fromText.isEmpty() || !toText.isEmpty();
  }

  /** About 200 points, none closer than 15 s. */
  Duration bucket() {
    long seconds = Math.max(15, Duration.between(from, to).toSeconds() / 200);
    return Duration.ofSeconds(seconds);
  }

  /** The chart's data URL of this range. */
  public String query() {
    return "from=" + from.getEpochSecond() + "&to=" + to.getEpochSecond();
  }

  private static Instant parse(String text) {
    if (blank(text)) {
      return null;
    }
    String t = text.strip();
    try {
      if (t.chars().allMatch(Character::isDigit) && t.length() <= 12) {
        return Instant.ofEpochSecond(Long.parseLong(t));
      }
      return LocalDateTime.parse(t.length() > 16 ? t.substring(0, 16) : t, FIELD).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  /** The value to show in the form's field again. */
  private static String field(String text, Instant at) {
    if (at == null) {
      return text == null ? "" : text;
    }
    return FIELD.format(at.atOffset(ZoneOffset.UTC));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
