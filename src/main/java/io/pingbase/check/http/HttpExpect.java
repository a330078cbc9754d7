package io.pingbase.check.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code expect:} assertions of an HTTP monitor, checked after the status in this order:
 * headers, body-contains, body-not-contains, body-matches, json. Regular expressions are kept as
 * text (records compare by value) and validated here.
 *
 * @param headers header name (any case) to a regular expression one of its values must contain a match of
 */
public record HttpExpect(List<String> bodyContains, List<String> bodyNotContains, List<String> bodyMatches,
    List<Json> json, Map<String, String> headers) {
  public static final HttpExpect NONE = new HttpExpect(List.of(), List.of(), List.of(), List.of(), Map.of());

  /**
   * One JSON path assertion: either {@code equals} (the value's text, compared with strings as they
   * are, numbers numerically, true/false/null by name) or {@code exists}.
   */
  public record Json(String path, String equals, Boolean exists) {
    public Json {
      JsonPath.compile(path);
      if ((equals == null) == (exists == null)) {
        throw new IllegalArgumentException("a json assertion has either equals or exists");
      }
    }
  }

  public HttpExpect {
    bodyContains = List.copyOf(bodyContains);
    bodyNotContains = List.copyOf(bodyNotContains);
    bodyMatches = List.copyOf(bodyMatches);
    json = List.copyOf(json);
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    bodyMatches.forEach(HttpExpect::checkRegex);
    headers.forEach((name, regex) -> {
      if (!HttpSyntax.isToken(name)) {
        throw new IllegalArgumentException("not a header name: \"" + name + "\"");
      }
      checkRegex(regex);
    });
  }

  public boolean isEmpty() {
    return bodyContains.isEmpty() && bodyNotContains.isEmpty() && bodyMatches.isEmpty() && json.isEmpty()
        && headers.isEmpty();
  }

  /** Whether the body must be read at all (otherwise only the status and headers count). */
  boolean needsBody() {
    return !bodyContains.isEmpty() || !bodyNotContains.isEmpty() || !bodyMatches.isEmpty() || !json.isEmpty();
  }

  private static void checkRegex(String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression \"" + regex + "\": " + e.getDescription());
    }
  }
}
