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

  /**
   * A TLS endpoint whose certificate is checked: direct TLS, or TLS after a STARTTLS dialog.
   *
   * @param starttls   the plain-text dialog before the handshake; {@link StartTls#NONE} for direct TLS
   * @param serverName the name sent as SNI and verified against the certificate; null means {@code host}
   * @param caFile     a PEM file of CAs to trust instead of the JDK's; null for the JDK's trust store
   * @param warnDays   days-left thresholds that make the monitor DEGRADED, distinct, positive,
   *                   kept largest first; empty for none
   */
  record Tls(String host, int port, StartTls starttls, String serverName, String caFile, java.util.List<Integer> warnDays)
      implements Target {
    public static final java.util.List<Integer> DEFAULT_WARN_DAYS = java.util.List.of(30, 14, 7);

    /** How TLS starts on the connection. */
    public enum StartTls {
      NONE, SMTP, IMAP, POP3, POSTGRESQL;

      /** The config name ("smtp"). */
      public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }

      /** The mode named {@code id}, or null. */
      public static StartTls of(String id) {
        for (StartTls s : values()) {
          if (s.id().equals(id)) {
            return s;
          }
        }
        return null;
      }
    }

    public Tls {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1-65535, was " + port);
      }
      java.util.Objects.requireNonNull(starttls, "starttls");
      if (serverName != null && serverName.isBlank()) {
        throw new IllegalArgumentException("server-name must not be blank");
      }
      if (caFile != null && caFile.isBlank()) {
        throw new IllegalArgumentException("ca-file must not be blank");
      }
      java.util.Objects.requireNonNull(warnDays, "warnDays");
      java.util.TreeSet<Integer> sorted = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
      for (Integer d : warnDays) {
        if (d == null || d < 1) {
          throw new IllegalArgumentException("warn-days must be positive, was " + d);
        }
        if (!sorted.add(d)) {
          throw new IllegalArgumentException("warn-days lists " + d + " twice");
        }
      }
      warnDays = java.util.List.copyOf(sorted);
    }

    /** Direct TLS, the JDK's trust store, the default thresholds. */
    public Tls(String host, int port) {
      this(host, port, StartTls.NONE, null, null, DEFAULT_WARN_DAYS);
    }

    @Override
    public String type() {
      return "tls";
    }

    /** The name verified against the certificate and sent as SNI. */
    public String verifiedName() {
      return serverName != null ? serverName : host;
    }

    @Override
    public String display() {
      return "tls://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
          + (starttls == StartTls.NONE ? "" : "?starttls=" + starttls.id());
    }
  }
}
