package io.pingbase.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects errors while a tree is read, so that reading goes on after the first mistake and the
 * user sees every error at once. Identical errors (the same anchor used twice) are kept once.
 */
final class Problems {
  private static final Comparator<ConfigError> FILE_ORDER =
      Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column);

  private final String source;
  private final Set<ConfigError> errors = new LinkedHashSet<>();

  /** @param source the name used for errors without a location; null for API input */
  Problems(String source) {
    this.source = source;
  }

  void add(Location at, String path, String message) {
    errors.add(at == null
        ? new ConfigError(source, 0, 0, path, message)
        : new ConfigError(at.source(), at.line(), at.column(), path, message));
  }

  int count() {
    return errors.size();
  }

  /** Errors in file order (those without a line first), discovery order otherwise. */
  List<ConfigError> sorted() {
    List<ConfigError> out = new ArrayList<>(errors);
    out.sort(FILE_ORDER); // stable: keeps discovery order among equal positions and for JSON
    return out;
  }

  void throwIfAny() throws ConfigException {
    if (!errors.isEmpty()) {
      throw new ConfigException(sorted());
    }
  }
}
