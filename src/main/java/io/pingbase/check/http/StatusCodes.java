package io.pingbase.check.http;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP statuses a monitor accepts: single codes and inclusive ranges, written
 * {@code ["200-299", 304]}. The default, {@code 200-399}, is judged after redirects were followed.
 */
public record StatusCodes(List<Range> ranges) {
  public static final StatusCodes DEFAULT = new StatusCodes(List.of(new Range(200, 399)));
  private static final Pattern FORM = Pattern.compile("\\s*([0-9]{3})\\s*(?:-\\s*([0-9]{3})\\s*)?");

  /** {@code from} to {@code to} inclusive; a single code has from == to. */
  public record Range(int from, int to) {
    public Range {
      if (from < 100 || to > 599 || from > to) {
        throw new IllegalArgumentException("a status range is 100-599 with the lower code first, was " + from + "-" + to);
      }
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }

  public StatusCodes {
    if (ranges == null || ranges.isEmpty()) {
      throw new IllegalArgumentException("at least one accepted status is needed");
    }
    ranges = List.copyOf(ranges);
  }

  /** Reads {@code 200}, {@code 200-299}; throws with a message naming the text otherwise. */
  public static Range parseRange(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a status code such as 200 or a range such as 200-299, was \"" + text + "\"");
    }
    int from = Integer.parseInt(m.group(1));
    int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
    return new Range(from, to);
  }

  public boolean accepts(int status) {
    for (Range r : ranges) {
      if (status >= r.from && status <= r.to) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return String.join(", ", ranges.stream().map(Range::toString).toList());
  }
}
