package io.pingbase.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the keys of one map explicitly, reporting every problem with its key path and position
 * instead of stopping. Getters return the value, the fallback when the key is absent or empty,
 * or null after reporting a bad value; a bad value never falls back to a default. Callers build
 * their record only when {@link #clean()} says nothing was reported for this map.
 */
final class MapReader {
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,10}");

  private final ConfigMap map;
  private final String path;
  private final Problems problems;
  private final int errorsAtStart;
  private String ignoredPrefix;

  private MapReader(ConfigMap map, String path, Problems problems) {
    this.map = map;
    this.path = path;
    this.problems = problems;
    this.errorsAtStart = problems.count();
  }

  /**
   * A reader over {@code node}; an absent or empty node reads as an empty map. Anything else is
   * reported ("must be {@code expected}") and gives null.
   */
  static MapReader of(ConfigNode node, String path, Problems problems, String expected) {
    return switch (node) {
      case null -> new MapReader(new ConfigMap(List.of(), null), path, problems);
      case ConfigNull empty -> new MapReader(new ConfigMap(List.of(), empty.location()), path, problems);
      case ConfigMap map -> new MapReader(map, path, problems);
      case ConfigList list -> wrongType(list, path, problems, expected);
      case ConfigScalar scalar -> wrongType(scalar, path, problems, expected);
    };
  }

  private static MapReader wrongType(ConfigNode node, String path, Problems problems, String expected) {
    problems.add(Nodes.location(node), path, "must be " + expected + ", was " + Nodes.describe(node));
    return null;
  }

  /** True when nothing was reported since this reader was created (for this map or its children). */
  boolean clean() {
    return problems.count() == errorsAtStart;
  }

  /** Problems reported so far, by anyone: a reader can tell whether a call reported something. */
  int problemCount() {
    return problems.count();
  }

  String path() {
    return path;
  }

  Location location() {
    return map.location();
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Keys with this prefix are neither read nor reported by {@link #allowOnly}. */
  void ignoreKeysStartingWith(String prefix) {
    this.ignoredPrefix = prefix;
  }

  /**
   * Reports each key not in {@code allowed}: with the reason from {@code elsewhere} when the key
   * belongs to another variant (another storage or monitor type), otherwise with the closest
   * allowed key or the list of them.
   */
  void allowOnly(Collection<String> allowed, Function<String, String> elsewhere) {
    for (ConfigMap.Entry entry : map.entries()) {
      String key = entry.key();
      if (allowed.contains(key) || (ignoredPrefix != null && key.startsWith(ignoredPrefix))) {
        continue;
      }
      String reason = elsewhere.apply(key);
      if (reason == null) {
        String hint = Suggestions.hint(key, allowed);
        reason = "unknown key" + (hint.isEmpty() ? "; expected one of: " + String.join(", ", allowed) : hint);
      }
      problems.add(entry.keyLocation() != null ? entry.keyLocation() : map.location(), child(key), reason);
    }
  }

  void allowOnly(Collection<String> allowed) {
    allowOnly(allowed, key -> null);
  }

  /** The value of {@code key}; null when the key is absent or its value is empty. */
  ConfigNode value(String key) {
    ConfigMap.Entry entry = map.entry(key);
    return entry == null || entry.value() instanceof ConfigNull ? null : entry.value();
  }

  boolean has(String key) {
    return value(key) != null;
  }

  /** Where to point for a problem with {@code key}: its value, else the key, else the map. */
  Location locationOf(String key) {
    ConfigMap.Entry entry = map.entry(key);
    if (entry == null) {
      return map.location();
    }
    Location value = Nodes.location(entry.value());
    return value != null ? value : entry.keyLocation() != null ? entry.keyLocation() : map.location();
  }

  void error(String key, String message) {
    problems.add(locationOf(key), child(key), message);
  }

  void missing(String key) {
    problems.add(map.location(), child(key), "required key is missing");
  }

  /** Text of a scalar; the fallback when absent; null after reporting a map or list. */
  String text(String key, String fallback) {
    ConfigNode node = value(key);
    if (node == null) {
      return fallback;
    }
    if (node instanceof ConfigScalar scalar) {
      return scalar.text();
    }
    error(key, "must be text, was " + Nodes.describe(node));
    return null;
  }

  /** Non-blank text, reported as missing when absent. */
  String requiredText(String key) {
    if (!has(key)) {
      missing(key);
      return null;
    }
    String text = text(key, null);
    if (text != null && text.isBlank()) {
      error(key, "must not be empty");
      return null;
    }
    return text;
  }

  /** Non-blank text or the fallback when absent; blank text is an error, not "absent". */
  String nonBlank(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    String text = text(key, null);
    if (text != null && text.isBlank()) {
      error(key, "must not be empty; leave the key out for " + (fallback == null ? "none" : "the default"));
      return null;
    }
    return text;
  }

  /** An integer in [min, max]; the fallback when absent; null after reporting. */
  Integer integer(String key, int min, int max, Integer fallback) {
    ConfigNode node = value(key);
    if (node == null) {
      return fallback;
    }
    String expected = "must be an integer " + min + "-" + max + ", was ";
    if (!(node instanceof ConfigScalar scalar)) {
      error(key, expected + Nodes.describe(node));
      return null;
    }
    String text = scalar.text();
    if (INTEGER.matcher(text).matches()) {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return (int) value;
      }
    }
    error(key, expected + Nodes.quote(text));
    return null;
  }

  /** A duration such as {@code 30s}; the fallback when absent; null after reporting. */
  Duration duration(String key, Duration fallback) {
    ConfigNode node = value(key);
    if (node == null) {
      return fallback;
    }
    if (!(node instanceof ConfigScalar scalar)) {
      error(key, "must be a duration such as 30s or 1h30m, was " + Nodes.describe(node));
      return null;
    }
    try {
      return Durations.parse(scalar.text());
    } catch (IllegalArgumentException e) {
      error(key, e.getMessage());
      return null;
    }
  }

  /** A duration of at least {@code min}; the fallback when absent; null after reporting. */
  Duration duration(String key, Duration min, Duration fallback) {
    Duration value = duration(key, fallback);
    if (value != null && value.compareTo(min) < 0 && has(key)) {
      error(key, "must be at least " + Durations.format(min) + ", was " + Durations.format(value));
      return null;
    }
    return value;
  }

  /** The nested map under {@code key} (empty when absent); null after reporting a non-map. */
  MapReader section(String key, String expected) {
    ConfigMap.Entry entry = map.entry(key);
    return of(entry == null ? null : entry.value(), child(key), problems, expected);
  }

  /** A problem with this map as a whole, reported at its path. */
  void problem(String message) {
    problems.add(map.location(), path, message);
  }

  /**
   * Reads each item of the list under {@code key} as a map at {@code key[i]}, calling {@code each}
   * with a reader made just before, so its {@link #clean()} covers that item alone. Nothing when
   * the key is absent; items that are not maps are reported ("must be {@code item}"). Returns
   * false after reporting a value that is not a list.
   */
  boolean eachMapInList(String key, String item, java.util.function.Consumer<MapReader> each) {
    ConfigNode node = value(key);
    if (node == null) {
      return true;
    }
    if (!(node instanceof ConfigList list)) {
      error(key, "must be a list, each item " + item + ", was " + Nodes.describe(node));
      return false;
    }
    for (int i = 0; i < list.items().size(); i++) {
      MapReader reader = of(list.items().get(i), child(key) + "[" + i + "]", problems, item);
      if (reader != null) {
        each.accept(reader);
      }
    }
    return true;
  }

  /** A reader over one item of a list under this map ({@code json[0]}), reporting into the same problems. */
  MapReader item(ConfigNode node, String childPath, String expected) {
    return of(node, child(childPath), problems, expected);
  }

  /** One text or a list of texts; empty when absent. */
  List<String> texts(String key) {
    ConfigNode node = value(key);
    if (node == null) {
      return List.of();
    }
    List<ConfigNode> items = node instanceof ConfigList list ? list.items() : List.of(node);
    List<String> out = new ArrayList<>();
    for (ConfigNode item : items) {
      if (item instanceof ConfigScalar s && !s.text().isEmpty()) {
        out.add(s.text());
      } else {
        error(key, "must be text or a list of texts, found " + Nodes.describe(item));
      }
    }
    return out;
  }

  Boolean flag(String key, Boolean fallback) {
    ConfigNode node = value(key);
    if (node == null) {
      return fallback;
    }
    if (node instanceof ConfigScalar s) {
      switch (s.text()) {
        case "true" -> {
          return true;
        }
        case "false" -> {
          return false;
        }
        default -> { }
      }
    }
    error(key, "must be true or false, was " + Nodes.describe(node));
    return null;
  }

  /** The keys of this map, in the order written. */
  List<String> keys() {
    return map.entries().stream().map(ConfigMap.Entry::key).toList();
  }

  /** The value under {@code key} as plain Java: text, lists and ordered maps of those; null when absent. */
  Object plain(String key) {
    return plain(value(key));
  }

  private static Object plain(ConfigNode node) {
    return switch (node) {
      case null -> null;
      case ConfigNull n -> null;
      case ConfigScalar s -> s.text();
      case ConfigList l -> l.items().stream().map(MapReader::plain).toList();
      case ConfigMap m -> {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        m.entries().forEach(e -> out.put(e.key(), plain(e.value())));
        yield java.util.Collections.unmodifiableMap(out);
      }
    };
  }
}
