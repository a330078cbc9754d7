package io.pingbase.config;

import java.util.List;

/** A mapping with text keys, in the order written; keys are unique (the parser reports repeats). */
record ConfigMap(List<Entry> entries, Location location) implements ConfigNode {

  /** @param keyLocation where the key itself was written, so "unknown key" points at it */
  record Entry(String key, Location keyLocation, ConfigNode value) {}

  ConfigMap {
    entries = List.copyOf(entries);
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
