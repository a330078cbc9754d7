package io.pingbase.config;

/**
 * An explicit empty value ({@code key:} with nothing after it, {@code ~}, {@code null}).
 *
 * @param line 1-based; 0 when the value has no position (JSON), see {@link Location}
 */
record ConfigNull(String source, int line, int column) implements ConfigNode {

  ConfigNull(Location location) {
    this(Location.sourceOf(location), Location.lineOf(location), Location.columnOf(location));
  }

  /** Where the value was written; null for input without positions. */
  Location location() {
    return Location.of(source, line, column);
  }
}
