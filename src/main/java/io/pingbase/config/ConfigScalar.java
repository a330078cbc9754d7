package io.pingbase.config;

import java.util.Objects;

/** A single value as text, after environment substitution when it came from a file. */
record ConfigScalar(String text, Location location) implements ConfigNode {
  ConfigScalar {
    Objects.requireNonNull(text, "text");
  }
}
