package io.pingbase.check.tcp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Recognises IPv4 and IPv6 literals so that they never go to a resolver. */
final class IpLiterals {
  private static final Pattern IPV4 =
      Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
  private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+(%[\\w.-]+)?$");

  private IpLiterals() {}

  /** The address when {@code host} is a literal, otherwise null (it is a name). */
  static InetAddress parse(String host) {
    boolean v4 = IPV4.matcher(host).matches();
    boolean v6 = host.indexOf(':') >= 0 && IPV6_CHARS.matcher(host).matches();
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(host); // a literal: parsed, no lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
