package io.pingbase.config;

import java.util.List;

/**
 * A mapping with text keys, in the order written; keys are unique (the parser reports repeats).
 *
 * @param line 1-based; 0 when the map has no position (JSON), see {@link Location}
 */
record ConfigMap(List<Entry> entries, String source, int line, int column) implements ConfigNode {

  /**
   * A key and its value. The key's position is kept, so that "unknown key" points at the key.
   *
   * @param keyLine 1-based; 0 when the key has no position (JSON)
   */
  record Entry(String key, String keySource, int keyLine, int keyColumn, ConfigNode value) {
    Entry(String key, Location keyLocation, ConfigNode value) {
      this(key, Location.sourceOf(keyLocation), Location.lineOf(keyLocation), Location.columnOf(keyLocation), value);
    }

    /** Where the key was written; null for input without positions. */
    Location keyLocation() {
      return Location.of(keySource, keyLine, keyColumn);
    }
  }

  ConfigMap {
    entries = List.copyOf(entries);
  }

  ConfigMap(List<Entry> entries, Location location) {
    this(entries, Location.sourceOf(location), Location.lineOf(location), Location.columnOf(location));
  }

  /** Where the map was written; null for input without positions. */
  Location location() {
    return Location.of(source, line, column);
  }

  Entry entry(String key) {
    for (Entry entry : entries) {
      if (entry.key().equals(key)) {
        return entry;
      }
    }
    return null;
  }
}
