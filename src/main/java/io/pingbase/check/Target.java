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

  /**
   * A TCP port: connect, time it, close; with a {@code protocol}, talk that protocol first and
   * record what the service announces.
   *
   * @param protocol what to speak after connecting; null for a bare connect
   */
  record Tcp(String host, int port, io.pingbase.check.tcp.protocol.ProtocolSpec protocol) implements Target {
    public Tcp {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1-65535, was " + port);
      }
    }

    /** A bare connect. */
    public Tcp(String host, int port) {
      this(host, port, null);
    }

    @Override
    public String type() {
      return "tcp";
    }

    /**
     * {@code tcp://db:5432}; with a protocol its scheme ({@code redis://cache:6379},
     * {@code smtp://mx:587?starttls=true}), and for send-expect {@code tcp://h:p (send-expect)}.
     */
    @Override
    public String display() {
      String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
      if (protocol == null) {
        return "tcp://" + authority;
      }
      if (protocol.name().equals(io.pingbase.check.tcp.protocol.Protocols.SEND_EXPECT)) {
        return "tcp://" + authority + " (send-expect)";
      }
      return protocol.name() + "://" + authority + (protocol.starttls() ? "?starttls=true" : "");
    }
  }
}
