package io.pingbase.web.api;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/** Reads query parameters strictly: a malformed value is a 400 naming the parameter, never a default. */
final class Params {
  private Params() {}

  /** An ISO-8601 instant ("2026-01-31T12:00:00Z") or epoch milliseconds; null when absent. */
  static Instant instant(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      if (v.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochMilli(Long.parseLong(v));
      }
      return Instant.parse(v);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ApiException.invalidParam(name,
          "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z or epoch milliseconds, was \"" + v + "\"");
    }
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
      throw ApiException.invalidParam(name, "must be an integer " + min + "-" + max + ", was \"" + v + "\"");
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
    List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase()).toList();
    throw ApiException.invalidParam(name, "must be one of " + allowed + ", was \"" + v + "\"");
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
}
