package io.pingbase.check;

import java.util.Locale;

/**
 * Reads a target written as a URL, the form the CLI takes: {@code tcp://db:5432},
 * {@code tcp://[::1]:6379}. A bare {@code host:port} means TCP.
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
      case "http", "https" -> http(text.trim());
      default -> throw new IllegalArgumentException(
          "unsupported scheme '" + scheme + "' in \"" + text + "\"; supported: tcp, http, https");
    };
  }

  /** An http:// or https:// URL: a GET with every default of the http monitor type. */
  private static Target.Http http(String url) {
    io.pingbase.check.http.HttpUrl.parse(url); // says what is wrong with it
    return Target.Http.get(url);
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
}
