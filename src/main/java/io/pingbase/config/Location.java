package io.pingbase.config;

/** Where a value was written: 1-based line and column in a named source. */
record Location(String source, int line, int column) {}
