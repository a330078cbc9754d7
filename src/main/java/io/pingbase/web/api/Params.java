package io.pingbase.web.api;

import io.javalin.http.Context;
import io.pingbase.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads path and query parameters strictly: a malformed value is a 400 naming the parameter, never
 * a default; an id that cannot exist is a 404 without touching the registry or the database.
 */
public final class Params {
  /**
   * Instants the API accepts. Outside this range {@link Instant#toEpochMilli} overflows or the
   * value cannot be stored, and no check result can be there anyway.
   */
  static final Instant MIN_INSTANT = Instant.EPOCH;
  static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

  private Params() {}

  /**
   * The {@code {id}} path parameter. Anything that is not a valid monitor id (too long, other
   * characters, "..") names no monitor: 404 at once, with the value shortened in the message.
   */
  static String monitorId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Monitor.isValidId(id)) {
      throw new ApiException(404, "no monitor with id " + quote(id) + " (ids are 1-" + Monitor.MAX_ID_LENGTH
          + " characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit)");
    }
    return id;
  }

  /** An ISO-8601 instant ("2026-01-31T12:00:00Z") or epoch milliseconds; null when absent. */
  static Instant instant(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    String expected = "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z or epoch milliseconds, "
        + "between " + MIN_INSTANT + " and " + MAX_INSTANT + ", was " + quote(v);
    Instant at;
    try {
      String t = v.trim();
      at = !t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')
          ? Instant.ofEpochMilli(Long.parseLong(t))
          : Instant.parse(t);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ApiException.invalidParam(name, expected);
    }
    if (at.isBefore(MIN_INSTANT) || at.isAfter(MAX_INSTANT)) {
      throw ApiException.invalidParam(name, expected);
    }
    return at;
  }

  static int integer(Context ctx, String name, int defaultValue, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw ApiException.invalidParam(name, "must be " + min + "-" + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.invalidParam(name, "must be an integer " + min + "-" + max + ", was " + quote(v));
    }
  }

  static Duration duration(Context ctx, String name, Function<String, Duration> parser) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return parser.apply(v.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParam(name, e.getMessage());
    }
  }

  static <E extends Enum<E>> E enumValue(Context ctx, String name, Class<E> type) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v.trim())) {
        return e;
      }
    }
    List<String> allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    throw ApiException.invalidParam(name, "must be one of " + allowed + ", was " + quote(v));
  }

  /** Trimmed text; null when absent or blank (an empty filter filters nothing). */
  static String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** [from, to) from the parameters; {@code to} defaults to now and {@code from} to {@code to - defaultSpan}. */
  static Instant[] range(Context ctx, Instant now, Duration defaultSpan) {
    Instant to = instant(ctx, "to");
    Instant from = instant(ctx, "from");
    if (to == null) {
      to = now;
    }
    if (from == null) {
      from = to.minus(defaultSpan);
    }
    if (!from.isBefore(to)) {
      throw ApiException.invalidParam("from", "must be before 'to' (" + to + "), was " + from);
    }
    return new Instant[] {from, to};
  }

  /** A value in double quotes, shortened so that a hostile value cannot flood a response or a log line. */
  public static String quote(String text) {
    // Cut at a code point boundary: half a surrogate pair cannot be written as JSON.
    String shown = text.codePointCount(0, text.length()) > 80
        ? text.substring(0, text.offsetByCodePoints(0, 77)) + "..." : text;
    return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
  }
}
