package io.pingbase.config;

/**
 * Where the web UI and REST API listen.
 *
 * @param bind address to bind; loopback by default because there is no authentication yet, so
 *             exposing PingBase must be a deliberate choice
 * @param port TCP port; 0 picks a free one (for tests)
 */
public record ServerSettings(String bind, int port) {
  public static final ServerSettings DEFAULT = new ServerSettings("127.0.0.1", 8080);

  public ServerSettings {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("bind must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, was " + port);
    }
  }
}
