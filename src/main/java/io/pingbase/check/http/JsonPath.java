package io.pingbase.check.http;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * The JSON path subset monitors use: {@code $}, then {@code .name}, {@code ['name']} or
 * {@code ["name"]} for object members and {@code [0]} for array items, as in
 * {@code $.checks[0].status}. No wildcards, filters or recursive descent: a monitor asserts on one
 * value. Translated once into a Jackson {@link JsonPointer} (see docs/DECISIONS.md).
 */
public final class JsonPath {
  private JsonPath() {}

  /** @throws IllegalArgumentException saying where the path goes wrong */
  public static JsonPointer compile(String path) {
    if (path == null || !path.startsWith("$")) {
      throw new IllegalArgumentException("a JSON path starts with $ (such as $.status or $.items[0].id), was " + quote(path));
    }
    StringBuilder pointer = new StringBuilder();
    int i = 1;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new IllegalArgumentException("empty member name at position " + i + " of " + quote(path));
        }
        String name = path.substring(i + 1, end);
        if (name.equals("*")) {
          throw new IllegalArgumentException("wildcards are not supported, in " + quote(path));
        }
        append(pointer, name);
        i = end;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '[' at position " + i + " of " + quote(path));
        }
        String inside = path.substring(i + 1, close);
        if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
            || inside.startsWith("\"") && inside.endsWith("\""))) {
          append(pointer, inside.substring(1, inside.length() - 1));
        } else if (inside.matches("[0-9]{1,9}")) {
          pointer.append('/').append(Integer.parseInt(inside));
        } else {
          throw new IllegalArgumentException("[" + inside + "] must be an array index such as [0] or a quoted name "
              + "such as ['a.b'], in " + quote(path));
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException("expected '.' or '[' at position " + i + " of " + quote(path));
      }
    }
    return JsonPointer.compile(pointer.toString());
  }

  private static void append(StringBuilder pointer, String name) {
    pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
  }

  private static String quote(String s) {
    return s == null ? "nothing" : "\"" + s + "\"";
  }
}
