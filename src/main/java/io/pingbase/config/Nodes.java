package io.pingbase.config;

/** Small helpers over {@link ConfigNode} kept out of its public face. */
final class Nodes {
  private Nodes() {}

  /** Where the node was written; null for input without positions (JSON). */
  static Location location(ConfigNode node) {
    return switch (node) {
      case ConfigMap map -> map.location();
      case ConfigList list -> list.location();
      case ConfigScalar scalar -> scalar.location();
      case ConfigNull nul -> nul.location();
    };
  }

  /** How a node is named in messages: {@code a map}, {@code a list}, {@code "text"}, {@code empty}. */
  static String describe(ConfigNode node) {
    return switch (node) {
      case ConfigMap map -> "a map";
      case ConfigList list -> "a list";
      case ConfigScalar scalar -> quote(scalar.text());
      case ConfigNull nul -> "empty";
    };
  }

  /** A value in double quotes, shortened so that one bad value cannot flood a log line. */
  static String quote(String text) {
    String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
