package io.pingbase.config;

import java.util.List;

/**
 * A sequence of nodes.
 *
 * @param line 1-based; 0 when the list has no position (JSON), see {@link Location}
 */
record ConfigList(List<ConfigNode> items, String source, int line, int column) implements ConfigNode {
  ConfigList {
    items = List.copyOf(items);
  }

  ConfigList(List<ConfigNode> items, Location location) {
    this(items, Location.sourceOf(location), Location.lineOf(location), Location.columnOf(location));
  }

  /** Where the list was written; null for input without positions. */
  Location location() {
    return Location.of(source, line, column);
  }
}
