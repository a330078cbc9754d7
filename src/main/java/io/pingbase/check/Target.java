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

  /**
   * A DNS query: {@code recordType} records of {@code query}, asked of {@code server}:{@code port}
   * over {@code transport}, or of the system's name servers when {@code server} is null; the
   * answer must match {@code expect}. Texts are checked by {@link io.pingbase.check.dns.DnsText}.
   */
  record Dns(String query, String recordType, String server, int port, Transport transport, Expect expect)
      implements Target {
    public static final int DEFAULT_PORT = 53;

    public enum Transport { UDP, TCP }

    /**
     * What the reply must hold.
     *
     * @param rcode    the response code, by name ("NOERROR", "NXDOMAIN")
     * @param answers  the exact set of answers (presentation form, order ignored); null for no such check
     * @param contains answers that must be among those returned
     * @param matches  a regex every answer must contain a match for; null for no such check
     */
    public record Expect(String rcode, java.util.List<String> answers, java.util.List<String> contains, String matches) {
      public static final Expect DEFAULT = new Expect("NOERROR", null, java.util.List.of(), null);

      public Expect {
        rcode = rcode == null ? "NOERROR" : rcode.toUpperCase(java.util.Locale.ROOT);
        answers = answers == null ? null : java.util.List.copyOf(answers);
        contains = contains == null ? java.util.List.of() : java.util.List.copyOf(contains);
        String problem = io.pingbase.check.dns.DnsText.rcodeProblem(rcode);
        if (problem == null && matches != null) {
          problem = io.pingbase.check.dns.DnsText.regexProblem(matches);
        }
        if (problem != null) {
          throw new IllegalArgumentException(problem);
        }
      }
    }

    public Dns {
      java.util.Objects.requireNonNull(transport, "transport");
      recordType = recordType == null ? "A" : recordType.toUpperCase(java.util.Locale.ROOT);
      expect = expect == null ? Expect.DEFAULT : expect;
      String problem = io.pingbase.check.dns.DnsText.typeProblem(recordType);
      if (problem == null) {
        problem = io.pingbase.check.dns.DnsText.queryProblem(query, recordType);
      }
      if (problem == null && server != null && server.isBlank()) {
        problem = "server must not be blank; leave it out for the system resolver";
      }
      if (problem == null && (port < 1 || port > 65535)) {
        problem = "port must be 1-65535, was " + port;
      }
      if (problem == null) {
        problem = io.pingbase.check.dns.DnsText.answersProblem(recordType, expect);
      }
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }

    /** The server asked, or the system resolver: what concurrency caps count against. */
    @Override
    public String host() {
      return server == null ? "system-resolver" : server;
    }

    @Override
    public String type() {
      return "dns";
    }

    /** {@code dns://10.0.0.53:53/example.com?type=MX}; {@code dns:///example.com?type=A} for the system resolver. */
    @Override
    public String display() {
      String authority = server == null ? ""
          : (server.indexOf(':') >= 0 ? "[" + server + "]" : server) + ":" + port;
      return "dns://" + authority + "/" + query + "?type=" + recordType
          + (transport == Transport.TCP ? "&transport=tcp" : "");
    }
  }

  // --- type: heartbeat ---------------------------------------------------------------------
  /**
   * A passive monitor: the job pings PingBase ({@code /ping/{token}}), PingBase dials nothing.
   * Expected either every {@code period} or on a cron {@code schedule} in {@code timezone}; a ping
   * later than the expected time plus {@code grace} makes it DOWN (LATE).
   *
   * @param period   expected gap between pings; null when {@code schedule} is set
   * @param grace    how late a ping may be before the monitor is DOWN (>= 0)
   * @param schedule a five-field Unix cron expression; null when {@code period} is set
   * @param timezone the zone {@code schedule} is read in; null with a period
   * @param token    the secret of the ping URL (>= 22 URL-safe characters); null until assigned
   *                 (the registry assigns one before the monitor runs, see HeartbeatTokens)
   */
  record Heartbeat(java.time.Duration period, java.time.Duration grace, String schedule,
      java.time.ZoneId timezone, String token) implements Target {
    public static final int MIN_TOKEN_LENGTH = 22;
    public static final int MAX_TOKEN_LENGTH = 64;

    public Heartbeat {
      if ((period == null) == (schedule == null)) {
        throw new IllegalArgumentException("a heartbeat needs either a period or a schedule, not both");
      }
      if (period != null && period.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("period must be >= 1s, was " + period);
      }
      if (grace == null || grace.isNegative()) {
        throw new IllegalArgumentException("grace must be >= 0, was " + grace);
      }
      if (schedule != null) {
        io.pingbase.check.heartbeat.CronSchedule.parse(schedule); // throws with what is wrong
        if (timezone == null) {
          throw new IllegalArgumentException("a schedule needs a timezone");
        }
      } else if (timezone != null) {
        throw new IllegalArgumentException("timezone applies to a schedule only");
      }
      String problem = tokenProblem(token);
      if (token != null && problem != null) {
        throw new IllegalArgumentException("token " + problem);
      }
    }

    /** What is wrong with a ping token, or null when it is usable. */
    public static String tokenProblem(String token) {
      if (token == null || token.length() < MIN_TOKEN_LENGTH || token.length() > MAX_TOKEN_LENGTH) {
        return "must be " + MIN_TOKEN_LENGTH + "-" + MAX_TOKEN_LENGTH + " characters (at least 128 bits), was "
            + (token == null ? "missing" : token.length() + " characters");
      }
      for (int i = 0; i < token.length(); i++) {
        char c = token.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          return "must contain only URL-safe characters A-Z, a-z, 0-9, '-' and '_', found '" + c + "'";
        }
      }
      return null;
    }

    /** This heartbeat with its ping token set. */
    public Heartbeat withToken(String newToken) {
      return new Heartbeat(period, grace, schedule, timezone, newToken);
    }

    /** Not a host name: all heartbeat evaluations (microseconds each, in memory) share one cap. */
    @Override
    public String host() {
      return "(heartbeat)";
    }

    @Override
    public String type() {
      return "heartbeat";
    }

    /** Never shows the token: it is the secret of the ping URL. */
    @Override
    public String display() {
      String g = io.pingbase.check.heartbeat.HeartbeatText.duration(grace);
      return period != null
          ? "heartbeat every " + io.pingbase.check.heartbeat.HeartbeatText.duration(period) + ", grace " + g
          : "heartbeat cron '" + schedule + "' " + timezone.getId() + ", grace " + g;
    }

    @Override
    public String toString() {
      return "Heartbeat[" + display() + "]";
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

  // --- type: http
  /**
   * An HTTP(S) request and what its answer must look like; see {@link io.pingbase.check.http.HttpCheck}.
   *
   * @param url          absolute http:// or https:// URL, without user info (see {@code basic-auth})
   * @param headers      extra request headers in order (name to value)
   * @param body         request body sent as UTF-8, or null for none
   * @param auth         basic or bearer credentials, or null
   * @param maxRedirects redirects followed at most; 0 follows none
   * @param maxBody      bytes of the body read at most; the rest is left unread
   * @param caFile       a PEM file of extra CA certificates to trust, or null for the JDK's trust store
   */
  record Http(String url, String method, java.util.Map<String, String> headers, String body,
      io.pingbase.check.http.HttpAuth auth, io.pingbase.check.http.StatusCodes accepted, int maxRedirects,
      long maxBody, boolean tlsVerify, String caFile, io.pingbase.check.http.HttpExpect expect) implements Target {
    public static final int DEFAULT_MAX_REDIRECTS = 10;
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    public static final long MAX_MAX_BODY = 64L * 1024 * 1024;

    public Http {
      io.pingbase.check.http.HttpUrl.parse(url); // throws saying what is wrong
      if (!io.pingbase.check.http.HttpSyntax.isToken(method)) {
        throw new IllegalArgumentException("method must be a word such as GET or POST, was \"" + method + "\"");
      }
      headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
      headers.forEach((name, value) -> {
        if (!io.pingbase.check.http.HttpSyntax.isToken(name)) {
          throw new IllegalArgumentException("not a header name: \"" + name + "\"");
        }
        if (io.pingbase.check.http.HttpSyntax.hasLineBreak(value)) {
          throw new IllegalArgumentException("the value of header " + name + " must not contain line breaks");
        }
      });
      java.util.Objects.requireNonNull(accepted, "accepted");
      java.util.Objects.requireNonNull(expect, "expect");
      if (maxRedirects < 0 || maxRedirects > 50) {
        throw new IllegalArgumentException("max-redirects must be 0-50, was " + maxRedirects);
      }
      if (maxBody < 0 || maxBody > MAX_MAX_BODY) {
        throw new IllegalArgumentException("max-body must be 0-64MiB, was " + maxBody);
      }
    }

    /** GET {@code url} with every default. */
    public static Http get(String url) {
      return new Http(url, "GET", java.util.Map.of(), null, null, io.pingbase.check.http.StatusCodes.DEFAULT,
          DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_BODY, true, null, io.pingbase.check.http.HttpExpect.NONE);
    }

    @Override
    public String type() {
      return "http";
    }

    @Override
    public String host() {
      return io.pingbase.check.http.HttpUrl.parse(url).host();
    }

    @Override
    public String display() {
      return url;
    }

    /** Without the values of credential headers (the auth record masks itself): this may be logged. */
    @Override
    public String toString() {
      java.util.Map<String, String> shown = new java.util.LinkedHashMap<>();
      headers.forEach((name, value) -> shown.put(name, io.pingbase.check.http.CredentialHeaders.is(name) ? "***" : value));
      return "Http[url=" + url + ", method=" + method + ", headers=" + shown + ", auth=" + auth + ", accepted="
          + accepted + ", maxRedirects=" + maxRedirects + ", maxBody=" + maxBody + ", tlsVerify=" + tlsVerify
          + ", caFile=" + caFile + ", expect=" + expect + "]";
    }
  }
}
