package io.pingbase.check;

import java.util.Locale;

/**
 * Reads a target written as a URL, the form the CLI takes: {@code tcp://db:5432},
 * {@code tcp://[::1]:6379}. A bare {@code host:port} means TCP. A protocol's scheme
 * ({@code redis://cache}, {@code smtp://mx:587?starttls=true}) means TCP speaking that protocol,
 * on its usual port when none is given. DNS: see {@link io.pingbase.check.dns.DnsUrl}.
 */
public final class TargetUrl {
  private TargetUrl() {}

  /** @throws IllegalArgumentException saying what is wrong with the text */
  public static Target parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty target; write e.g. tcp://db.example.com:5432");
    }
    String s = text.trim();
    String scheme = "tcp";
    int sep = s.indexOf("://");
    if (sep >= 0) {
      scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
      s = s.substring(sep + 3);
    }
    if (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return switch (scheme) {
      case "tcp" -> tcp(text, s);
      // --- protocol-aware tcp (check/tcp/protocol)
      case "redis", "postgresql", "postgres", "mysql", "mariadb", "smtp", "amqp", "mqtt", "nats", "ssh" ->
          protocol(text, scheme, s);
      case "heartbeat", "ping" -> throw new IllegalArgumentException("a heartbeat is passive: PingBase does not "
          + "dial out to it, the job pings PingBase (curl -fsS -m 10 --retry 5 http://HOST:8080/ping/TOKEN); "
          + "see \"Heartbeats: sending pings\" in docs/CLI.md");
      case "dns" -> io.pingbase.check.dns.DnsUrl.parse(text, s);
      case "tls" -> tls(text, s);
      case "http", "https" -> http(text.trim());
      default -> throw new IllegalArgumentException(
          "unsupported scheme '" + scheme + "' in \"" + text + "\"; supported: tcp, http, https, "
              + "redis, postgresql, mysql, smtp, amqp, mqtt, nats, ssh, tls, dns");
    };
  }

  /** An http:// or https:// URL: a GET with every default of the http monitor type. */
  private static Target.Http http(String url) {
    io.pingbase.check.http.HttpUrl.parse(url); // says what is wrong with it
    return Target.Http.get(url);
  }

  /** {@code scheme://host[:port][?starttls=true]}: TCP speaking the scheme's protocol. */
  private static Target.Tcp protocol(String original, String scheme, String rest) {
    String name = switch (scheme) {
      case "postgres" -> "postgresql";
      case "mariadb" -> "mysql";
      default -> scheme;
    };
    boolean starttls = false;
    int query = rest.indexOf('?');
    if (query >= 0) {
      String q = rest.substring(query + 1);
      rest = rest.substring(0, query);
      if (rest.endsWith("/")) {
        rest = rest.substring(0, rest.length() - 1);
      }
      if (!name.equals("smtp") || !(q.equals("starttls") || q.equals("starttls=true") || q.equals("starttls=false"))) {
        throw new IllegalArgumentException("unsupported query '?" + q + "' in \"" + original + "\""
            + (name.equals("smtp") ? "; smtp takes ?starttls=true" : "; " + name + " takes none"));
      }
      starttls = !q.equals("starttls=false");
    }
    boolean hasPort = rest.startsWith("[") ? rest.indexOf("]:") >= 0 : rest.indexOf(':') >= 0;
    if (!hasPort && !rest.isEmpty() && (rest.startsWith("[") || rest.indexOf(':') < 0)) {
      rest = rest + ":" + io.pingbase.check.tcp.protocol.Protocols.defaultPort(name);
    }
    Target.Tcp plain = tcp(original, rest);
    return new Target.Tcp(plain.host(), plain.port(),
        new io.pingbase.check.tcp.protocol.ProtocolSpec(name, starttls, java.util.List.of()));
  }

  private static Target.Tcp tcp(String original, String authority) {
    String host;
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '[' in IPv6 address: \"" + original + "\"");
      }
      host = authority.substring(1, close);
      String rest = authority.substring(close + 1);
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException("missing port in \"" + original + "\"; write e.g. tcp://[::1]:5432");
      }
      port = rest.substring(1);
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("missing port in \"" + original + "\"; write e.g. tcp://db:5432");
      }
      if (authority.indexOf(':') != colon) {
        throw new IllegalArgumentException("IPv6 addresses need brackets: tcp://[::1]:5432, was \"" + original + "\"");
      }
      host = authority.substring(0, colon);
      port = authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("missing host in \"" + original + "\"");
    }
    if (host.contains("/") || host.contains("@") || host.contains(" ")) {
      throw new IllegalArgumentException("invalid host '" + host + "' in \"" + original + "\"");
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number 1-65535, was '" + port + "' in \"" + original + "\"");
    }
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, was " + p + " in \"" + original + "\"");
    }
    return new Target.Tcp(host, p);
  }

  /**
   * {@code tls://host:port}, with optional query parameters {@code starttls} (smtp, imap, pop3,
   * postgresql), {@code server-name}, {@code ca-file} and {@code warn-days} (comma-separated):
   * {@code tls://mail.example.com:587?starttls=smtp}.
   */
  private static Target.Tls tls(String original, String rest) {
    String authority = rest;
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      authority = rest.substring(0, q);
      query = rest.substring(q + 1);
    }
    if (authority.endsWith("/")) {
      authority = authority.substring(0, authority.length() - 1);
    }
    boolean noPort = authority.startsWith("[") ? authority.endsWith("]") : authority.indexOf(':') < 0;
    Target.Tls.StartTls starttls = Target.Tls.StartTls.NONE;
    String serverName = null;
    String caFile = null;
    java.util.List<Integer> warnDays = Target.Tls.DEFAULT_WARN_DAYS;
    for (String param : query.isEmpty() ? new String[0] : query.split("&")) {
      int eq = param.indexOf('=');
      String key = eq < 0 ? param : param.substring(0, eq);
      String value = eq < 0 ? "" : java.net.URLDecoder.decode(param.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      if (!java.util.Set.of("starttls", "server-name", "ca-file", "warn-days").contains(key)) {
        throw new IllegalArgumentException("unknown parameter '" + key + "' in \"" + original
            + "\"; tls:// takes starttls, server-name, ca-file, warn-days");
      }
      if (value.isBlank()) {
        throw new IllegalArgumentException("parameter '" + key + "' needs a value in \"" + original + "\"");
      }
      switch (key) {
        case "starttls" -> {
          starttls = Target.Tls.StartTls.of(value.toLowerCase(Locale.ROOT));
          if (starttls == null) {
            throw new IllegalArgumentException("starttls must be one of smtp, imap, pop3, postgresql, none, was '"
                + value + "' in \"" + original + "\"");
          }
        }
        case "server-name" -> serverName = value;
        case "ca-file" -> caFile = value;
        case "warn-days" -> {
          java.util.List<Integer> days = new java.util.ArrayList<>();
          for (String d : value.split(",")) {
            try {
              days.add(Integer.parseInt(d.trim()));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("warn-days must be whole numbers of days such as 30,14,7, was '"
                  + value + "' in \"" + original + "\"");
            }
          }
          warnDays = days;
        }
        default -> throw new IllegalArgumentException("unknown parameter '" + key + "' in \"" + original
            + "\"; tls:// takes starttls, server-name, ca-file, warn-days");
      }
    }
    if (noPort) { // the protocol's usual port
      authority += ":" + switch (starttls) {
        case NONE -> 443;
        case SMTP -> 587;
        case IMAP -> 143;
        case POP3 -> 110;
        case POSTGRESQL -> 5432;
      };
    }
    Target.Tcp hostPort = tcp(original, authority);
    try {
      return new Target.Tls(hostPort.host(), hostPort.port(), starttls, serverName, caFile, warnDays);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " in \"" + original + "\"", e);
    }
  }
}
