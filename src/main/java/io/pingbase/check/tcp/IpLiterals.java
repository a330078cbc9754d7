package io.pingbase.check.tcp;

import java.net.Inet6Address;
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

  /**
   * The RFC 5952 text of an IPv6 address, as {@code ss}, {@code curl} and browsers show it
   * ({@code ::1}, {@code 2001:db8::5}), instead of Java's {@code 0:0:0:0:0:0:0:1}: the longest run
   * of two or more zero groups (the first, on a tie) becomes {@code ::}. No zone id.
   */
  static String canonical(Inet6Address address) {
    return io.pingbase.net.AddressClass.text(address);
  }
}
