package io.pingbase.config;

import java.util.List;

/**
 * A configuration (a file, or a monitor sent to the API) that cannot be used, with every error
 * found rather than the first one, so a user fixes them all in one round.
 */
public final class ConfigException extends Exception {
  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(summary(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** Every error, in file order where locations are known. Never empty. */
  public List<ConfigError> errors() {
    return errors;
  }

  private static String summary(List<ConfigError> errors) {
    if (errors.size() == 1) {
      return errors.getFirst().toString();
    }
    StringBuilder out = new StringBuilder().append(errors.size()).append(" configuration errors:");
    for (ConfigError error : errors) {
      out.append("\n  ").append(error);
    }
    return out.toString();
  }
}
