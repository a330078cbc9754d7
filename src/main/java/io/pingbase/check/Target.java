package io.pingbase.check;

/**
 * What a monitor points at. A closed set: adding a protocol adds a record here, and every
 * exhaustive {@code switch} over targets fails to compile until it handles the new kind.
 */
public sealed interface Target {

  /** The monitor type name used in config and the API ("tcp"). */
  String type();

  /** The host that concurrency caps are counted against; never flood one host. */
  String host();

  /** A short human form for logs and the CLI ("tcp://db:5432"). */
  String display();

  /** A plain TCP port: connect, time it, close. */
  record Tcp(String host, int port) implements Target {
    public Tcp {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1-65535, was " + port);
      }
    }

    @Override
    public String type() {
      return "tcp";
    }

    @Override
    public String display() {
      return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }
}
