package io.pingbase.config;

import java.time.Duration;

/**
 * The one duration syntax of PingBase, shared by the config file, the API and the CLI: whole
 * numbers with a unit, several units from largest to smallest ({@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h30m}, {@code 2d}). No fractions and no signs, so that a value has one
 * obvious meaning; {@link #format} writes the canonical form, which {@link #parse} reads back.
 */
public final class Durations {
  private static final String UNITS = "ms, s, m, h or d";

  /** Units from largest to smallest; the order a combined duration must follow. */
  private enum Unit {
    DAYS("d", 86_400_000L),
    HOURS("h", 3_600_000L),
    MINUTES("m", 60_000L),
    SECONDS("s", 1_000L),
    MILLIS("ms", 1L);

    final String symbol;
    final long millis;

    Unit(String symbol, long millis) {
      this.symbol = symbol;
      this.millis = millis;
    }

    static Unit of(String symbol) {
      for (Unit unit : values()) {
        if (unit.symbol.equals(symbol)) {
          return unit;
        }
      }
      return null;
    }
  }

  private Durations() {}

  /**
   * Reads a duration such as {@code 1h30m}.
   *
   * @throws IllegalArgumentException naming what is wrong with the text (missing unit, unknown
   *     unit, fraction, sign, units out of order, too large); the message quotes the text so it
   *     can be shown to the user as it is
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration; write e.g. 30s (units: " + UNITS + ")");
    }
    String quoted = '"' + text + '"';
    if (text.charAt(0) == '-') {
      throw new IllegalArgumentException("negative durations are not allowed: " + quoted);
    }
    if (text.charAt(0) == '+') {
      throw new IllegalArgumentException("write durations without a sign: " + quoted);
    }
    long total = 0;
    Unit previous = null;
    int i = 0;
    while (i < text.length()) {
      int numberStart = i;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == numberStart) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          throw new IllegalArgumentException("spaces are not allowed in durations: " + quoted);
        }
        throw new IllegalArgumentException(
            "expected a number at \"" + text.substring(i) + "\" in " + quoted + "; write e.g. 30s or 1h30m");
      }
      if (i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
        throw new IllegalArgumentException(
            "fractions are not allowed: " + quoted + "; combine units instead, e.g. 1s500ms or 1m30s");
      }
      int unitStart = i;
      while (i < text.length() && Character.isLetter(text.charAt(i))) {
        i++;
      }
      if (unitStart == i) {
        String hint = i == text.length() ? "" : " before \"" + text.substring(i) + "\"";
        throw new IllegalArgumentException(
            "missing unit" + hint + " in " + quoted + "; write e.g. " + text.substring(numberStart, unitStart)
                + "s (units: " + UNITS + ")");
      }
      String symbol = text.substring(unitStart, i);
      Unit unit = Unit.of(symbol);
      if (unit == null) {
        throw new IllegalArgumentException(
            "unknown unit \"" + symbol + "\" in " + quoted + " (units: " + UNITS + ")");
      }
      if (previous != null && unit.ordinal() <= previous.ordinal()) {
        throw new IllegalArgumentException(
            "units must go from largest to smallest, each at most once: " + quoted + " (e.g. 1h30m)");
      }
      previous = unit;
      try {
        long amount = Long.parseLong(text, numberStart, unitStart, 10);
        total = Math.addExact(total, Math.multiplyExact(amount, unit.millis));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("duration is too large: " + quoted);
      }
    }
    return Duration.ofMillis(total);
  }

  /**
   * The canonical form: each unit at most once, largest first, zero parts left out ({@code 90s}
   * becomes {@code 1m30s}; zero is {@code 0s}).
   *
   * @throws IllegalArgumentException for negative durations or ones finer than a millisecond,
   *     which {@link #parse} could not read back
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    if (duration.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("duration finer than a millisecond: " + duration);
    }
    long rest = duration.toMillis();
    if (rest == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    for (Unit unit : Unit.values()) {
      long amount = rest / unit.millis;
      if (amount > 0) {
        out.append(amount).append(unit.symbol);
        rest -= amount * unit.millis;
      }
    }
    return out.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
