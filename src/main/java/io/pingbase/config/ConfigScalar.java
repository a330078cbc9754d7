package io.pingbase.config;

import java.util.Objects;

/**
 * A single value as text, after environment substitution when it came from a file.
 *
 * @param line 1-based; 0 when the value has no position (JSON), see {@link Location}
 */
record ConfigScalar(String text, String source, int line, int column) implements ConfigNode {
  ConfigScalar {
    Objects.requireNonNull(text, "text");
  }

  ConfigScalar(String text, Location location) {
    this(text, Location.sourceOf(location), Location.lineOf(location), Location.columnOf(location));
  }

  /** Where the value was written; null for input without positions. */
  Location location() {
    return Location.of(source, line, column);
  }
}
