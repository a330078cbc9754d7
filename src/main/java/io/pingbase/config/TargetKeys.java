package io.pingbase.config;

/** Readers for keys that several monitor types share, so they validate and word errors alike. */
final class TargetKeys {
  private TargetKeys() {}

  /** A required host name or IP literal, normalised (IPv6 brackets removed); null when invalid. */
  static String host(MapReader r, String key) {
    String host = r.requiredText(key);
    if (host == null) {
      return null;
    }
    String problem = Hosts.problem(host);
    if (problem != null) {
      r.error(key, problem);
      return null;
    }
    return Hosts.normalise(host);
  }

  /** A required port 1-65535; null when missing or invalid. */
  static Integer port(MapReader r, String key) {
    return port(r, key, null, true);
  }

  /** A port 1-65535, {@code fallback} when the key is absent and not required. */
  static Integer port(MapReader r, String key, Integer fallback, boolean required) {
    Integer port = r.integer(key, 1, 65535, fallback);
    if (port == null && required && !r.has(key)) {
      r.missing(key);
    }
    return port;
  }
}
