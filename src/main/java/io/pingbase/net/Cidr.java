package io.pingbase.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An address block such as {@code 10.20.0.0/16} or {@code fd00::/8}; a bare address is a block of
 * one ({@code /32} or {@code /128}). Host bits set below the prefix are a mistake to report, not to
 * round away: {@code 10.20.1.0/16} most likely meant something else.
 *
 * <p>An IPv4 block also matches the IPv4-mapped IPv6 form of its addresses ({@code ::ffff:10.20.0.1}),
 * since that is the same destination.
 */
public record Cidr(byte[] network, int prefix) {
  private static final Pattern LITERAL = Pattern.compile("^[0-9A-Fa-f:.]+$");

  public Cidr {
    network = network.clone();
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + network.length);
    }
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("prefix must be 0-" + network.length * 8 + ", was " + prefix);
    }
  }

  /**
   * Parses {@code address[/prefix]} without any lookup.
   *
   * @throws IllegalArgumentException with a message fit for a config error
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    if (!LITERAL.matcher(address).matches() || address.indexOf(':') < 0 && address.chars().filter(c -> c == '.').count() != 3) {
      throw new IllegalArgumentException("is not an IP address or CIDR block");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress(); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("is not an IP address or CIDR block");
    }
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > max) {
        throw new IllegalArgumentException("has an invalid prefix length " + p + " (0-" + max + ")");
      }
      prefix = Integer.parseInt(p);
    }
    Cidr cidr = new Cidr(bytes, prefix);
    if (!Arrays.equals(cidr.network, mask(bytes, prefix))) {
      throw new IllegalArgumentException("has bits set after the /" + prefix + " prefix; did you mean "
          + new Cidr(mask(bytes, prefix), prefix) + "?");
    }
    return cidr;
  }

  /** The address an IP literal spells ({@code 10.0.0.7}, {@code ::1}); null for anything else. Never a lookup. */
  public static InetAddress address(String text) {
    if (text == null || text.isEmpty() || text.length() > 45 || !LITERAL.matcher(text).matches()
        || text.indexOf(':') < 0 && text.chars().filter(c -> c == '.').count() != 3) {
      return null;
    }
    try {
      return InetAddress.getByName(text); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  /** Whether {@code address} lies in this block (an IPv4 block: also its IPv4-mapped IPv6 form). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length == 16 && network.length == 4 && AddressClass.isMapped(a)) {
      a = Arrays.copyOfRange(a, 12, 16);
    }
    return a.length == network.length && Arrays.equals(mask(a, prefix), network);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff00 >> keep));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    try {
      InetAddress a = InetAddress.getByAddress(network);
      String text = a instanceof Inet4Address ? a.getHostAddress() : AddressClass.text(a);
      return text + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // 4 or 16 bytes, checked above
    }
  }
}
