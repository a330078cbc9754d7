package io.pingbase.config;

import java.util.regex.Pattern;

/**
 * Checks what may stand in a {@code host} key: a DNS name, an IPv4 literal or an IPv6 literal,
 * the latter with or without brackets. Catches the usual slips (a URL, {@code host:port}, a
 * mistyped address) with a message saying what to write instead. Purely syntactic: no lookups.
 */
final class Hosts {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
  private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
  private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern HOST_PORT = Pattern.compile("[^:\\[\\]]+:[0-9]+");

  private Hosts() {}

  /** What is wrong with {@code host}, or null when it is a valid name or literal. */
  static String problem(String host) {
    if (host.isBlank()) {
      return "must not be empty";
    }
    if (host.chars().anyMatch(Character::isWhitespace)) {
      return "must not contain spaces, was " + Nodes.quote(host);
    }
    if (host.contains("://") || host.contains("/")) {
      return "must be a host name or address, not a URL, was " + Nodes.quote(host);
    }
    if (host.startsWith("[") || host.endsWith("]")) {
      boolean closed = host.startsWith("[") && host.endsWith("]");
      return closed && isIpv6(host.substring(1, host.length() - 1))
          ? null : "brackets hold an IPv6 address such as [::1], was " + Nodes.quote(host);
    }
    if (HOST_PORT.matcher(host).matches()) {
      return "write the port under port:, not in the host, was " + Nodes.quote(host);
    }
    if (host.indexOf(':') >= 0) {
      return isIpv6(host) ? null : "is not a valid IPv6 address: " + Nodes.quote(host);
    }
    if (DOTTED_NUMBERS.matcher(host).matches()) {
      return IPV4.matcher(host).matches() ? null : "is not a valid IPv4 address: " + Nodes.quote(host);
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (name.length() > 253) {
      return "a host name is at most 253 characters, was " + host.length();
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return "is not a valid host name (letters, digits, - and _, dot-separated parts of 1-63 "
            + "characters, not starting or ending with -): " + Nodes.quote(host);
      }
    }
    return null;
  }

  /** The host as a check connects to it: an IPv6 literal without its brackets. */
  static String normalise(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** RFC 4291 text forms: eight groups, one {@code ::}, an optional IPv4 tail and {@code %zone}. */
  static boolean isIpv6(String text) {
    int percent = text.indexOf('%');
    if (percent >= 0) {
      if (!ZONE.matcher(text.substring(percent + 1)).matches()) {
        return false;
      }
      text = text.substring(0, percent);
    }
    int groups = 8;
    int lastColon = text.lastIndexOf(':');
    if (lastColon >= 0 && text.indexOf('.', lastColon) > 0) {
      if (!IPV4.matcher(text.substring(lastColon + 1)).matches()) {
        return false;
      }
      text = text.substring(0, lastColon + 1) + "0"; // stand-in group; the IPv4 tail is two groups
      groups = 7;
    }
    int gap = text.indexOf("::");
    if (gap >= 0) {
      if (text.indexOf("::", gap + 1) >= 0) {
        return false;
      }
      int left = count(text.substring(0, gap));
      int right = count(text.substring(gap + 2));
      return left >= 0 && right >= 0 && left + right < groups;
    }
    return count(text) == groups;
  }

  /** Hex groups in a colon-separated run, 0 for an empty run, -1 when a group is malformed. */
  private static int count(String run) {
    if (run.isEmpty()) {
      return 0;
    }
    String[] parts = run.split(":", -1);
    for (String part : parts) {
      if (!HEX_GROUP.matcher(part).matches()) {
        return -1;
      }
    }
    return parts.length;
  }
}
