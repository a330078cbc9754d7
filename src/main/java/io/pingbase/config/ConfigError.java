package io.pingbase.config;

/**
 * One thing wrong with a configuration, precise enough to fix without guessing.
 *
 * @param source  the file name ({@code pingbase.yml}); null for input without one, such as an API body
 * @param line    1-based line; 0 when unknown (JSON input, or a limit hit before parsing)
 * @param column  1-based column; 0 when unknown
 * @param path    the key path ({@code monitors[1].port}); empty for the document as a whole
 * @param message what is wrong, quoting the offending value where that is safe
 */
public record ConfigError(String source, int line, int column, String path, String message) {

  public ConfigError {
    path = path == null ? "" : path;
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
  }

  /** {@code pingbase.yml:12:11: monitors[1].port: must be an integer 1-65535, was "70000x"}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (source != null) {
      out.append(source);
      if (line > 0) {
        out.append(':').append(line).append(':').append(column);
      }
      out.append(": ");
    }
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    return out.append(message).toString();
  }
}
