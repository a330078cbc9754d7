package io.pingbase.config;

/**
 * Where a value was written: 1-based line and column in a named source.
 *
 * <p>Nodes of the config tree keep the three parts as plain fields and build a Location only when
 * asked (when an error is reported): a large file has millions of values, and an object per
 * position would take more memory than the values themselves.
 */
record Location(String source, int line, int column) {

  /** The location a node stored as fields; null for line 0, which marks input without positions (JSON). */
  static Location of(String source, int line, int column) {
    return line == 0 ? null : new Location(source, line, column);
  }

  static String sourceOf(Location location) {
    return location == null ? null : location.source();
  }

  static int lineOf(Location location) {
    return location == null ? 0 : location.line();
  }

  static int columnOf(Location location) {
    return location == null ? 0 : location.column();
  }
}
