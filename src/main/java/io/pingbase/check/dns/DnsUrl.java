package io.pingbase.check.dns;

import io.pingbase.check.Target;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A DNS target as the CLI takes it:
 * {@code dns://[server[:port]]/name[?type=MX&transport=tcp&rcode=NXDOMAIN&contains=10.0.0.1&matches=RE]}.
 * An empty server ({@code dns:///example.com}) asks the system resolver; {@code type} defaults to
 * A, {@code transport} to udp, {@code rcode} to NOERROR; {@code contains} may repeat. Values are
 * URL-decoded ({@code contains=10%20mail.example.com.} or {@code +} for a space).
 */
public final class DnsUrl {
  private DnsUrl() {}

  /**
   * @param original the whole text, for messages
   * @param rest     what follows {@code dns://}
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Target.Dns parse(String original, String rest) {
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("missing name in \"" + original
          + "\"; write e.g. dns://127.0.0.1:53/example.com?type=MX, or dns:///example.com for the system resolver");
    }
    String authority = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    String params = "";
    int question = path.indexOf('?');
    if (question >= 0) {
      params = path.substring(question + 1);
      path = path.substring(0, question);
    }
    String name = decode(path);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("missing name in \"" + original + "\"; write e.g. dns:///example.com");
    }
    String server = null;
    int port = Target.Dns.DEFAULT_PORT;
    if (!authority.isEmpty()) {
      String portText = null;
      if (authority.startsWith("[")) {
        int close = authority.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '[' in IPv6 address: \"" + original + "\"");
        }
        server = authority.substring(1, close);
        String after = authority.substring(close + 1);
        if (!after.isEmpty()) {
          if (!after.startsWith(":")) {
            throw new IllegalArgumentException("expected :port after ']' in \"" + original + "\"");
          }
          portText = after.substring(1);
        }
      } else {
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(':') != colon) {
          throw new IllegalArgumentException("IPv6 addresses need brackets: dns://[::1]:53/name, was \"" + original + "\"");
        }
        server = colon < 0 ? authority : authority.substring(0, colon);
        portText = colon < 0 ? null : authority.substring(colon + 1);
      }
      if (server.isEmpty() || server.contains("@") || server.contains(" ")) {
        throw new IllegalArgumentException("invalid server '" + server + "' in \"" + original + "\"");
      }
      if (portText != null) {
        try {
          port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("port must be 1-65535, was '" + portText + "' in \"" + original + "\"");
        }
      }
    }
    String type = "A";
    Target.Dns.Transport transport = Target.Dns.Transport.UDP;
    String rcode = "NOERROR";
    List<String> contains = new ArrayList<>();
    String matches = null;
    for (String pair : params.isEmpty() ? new String[0] : params.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      switch (key) {
        case "type" -> type = value;
        case "transport" -> transport = switch (value.toLowerCase(Locale.ROOT)) {
          case "udp" -> Target.Dns.Transport.UDP;
          case "tcp" -> Target.Dns.Transport.TCP;
          default -> throw new IllegalArgumentException("transport must be udp or tcp, was '" + value + "'");
        };
        case "rcode" -> rcode = value;
        case "contains" -> contains.add(value);
        case "matches" -> matches = value;
        default -> throw new IllegalArgumentException("unknown parameter '" + key + "' in \"" + original
            + "\"; expected type, transport, rcode, contains or matches");
      }
    }
    // Target.Dns checks the type, name, rcode, answers and regex with the config's messages.
    return new Target.Dns(name, type, server, port, transport, new Target.Dns.Expect(rcode, null, contains, matches));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid %-escape in '" + text + "'");
    }
  }
}
