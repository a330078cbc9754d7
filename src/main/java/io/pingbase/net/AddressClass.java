package io.pingbase.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * What kind of destination an address is: public, or one of the special-purpose blocks a hosted
 * service must not let its users reach (loopback, private networks, link-local and its cloud
 * metadata endpoint, multicast, reserved ranges). Pure: no lookups, no configuration.
 *
 * <p>A table of blocks rather than {@link InetAddress#isLoopbackAddress()} and friends alone: those
 * are right as far as they go, but know nothing of {@code 0.0.0.0/8}, {@code 100.64.0.0/10},
 * {@code fc00::/7} or the documentation and benchmarking ranges (the tests check that every
 * address the JDK methods flag is special here too). IPv6 forms that carry an IPv4 address which
 * the kernel or a translator on the way turns back into IPv4 are judged by that IPv4 address:
 * IPv4-mapped ({@code ::ffff:127.0.0.1}), NAT64 ({@code 64:ff9b::/96}), 6to4 ({@code 2002::/16})
 * and Teredo ({@code 2001::/32}, the client address).
 */
public enum AddressClass {
  PUBLIC("a public address"),
  UNSPECIFIED("an unspecified address"),
  LOOPBACK("a loopback address"),
  PRIVATE("a private address"),
  SHARED("a shared (carrier-grade NAT) address"),
  LINK_LOCAL("a link-local address"),
  MULTICAST("a multicast address"),
  RESERVED("a reserved address");

  private final String description;

  AddressClass(String description) {
    this.description = description;
  }

  /** "a loopback address", for messages. */
  public String description() {
    return description;
  }

  /**
   * Why an address is special.
   *
   * @param kind  its class; never {@link #PUBLIC}
   * @param block the block it is in ("127.0.0.0/8"), with what it is when that is not obvious
   * @param via   how an IPv6 address carries the IPv4 address judged ("IPv4-mapped", "6to4"), or null
   */
  public record Special(AddressClass kind, String block, String via) {
    /** "a loopback address (127.0.0.0/8)", "a private address (10.0.0.0/8, via 6to4)". */
    public String describe() {
      return kind.description() + " (" + block + (via == null ? "" : ", via " + via) + ")";
    }
  }

  private record Block(Cidr cidr, AddressClass kind, String note) {
    String shown() {
      return cidr + (note == null ? "" : " " + note);
    }
  }

  private static final List<Block> IPV4 = List.of(
      block("0.0.0.0/8", UNSPECIFIED, "\"this network\""),
      block("10.0.0.0/8", PRIVATE, null),
      block("100.64.0.0/10", SHARED, null),
      block("127.0.0.0/8", LOOPBACK, null),
      block("169.254.0.0/16", LINK_LOCAL, "incl. cloud metadata"),
      block("172.16.0.0/12", PRIVATE, null),
      block("192.0.0.0/24", RESERVED, "IETF protocol assignments"),
      block("192.0.2.0/24", RESERVED, "documentation"),
      block("192.88.99.0/24", RESERVED, "6to4 relay anycast"),
      block("192.168.0.0/16", PRIVATE, null),
      block("198.18.0.0/15", RESERVED, "benchmarking"),
      block("198.51.100.0/24", RESERVED, "documentation"),
      block("203.0.113.0/24", RESERVED, "documentation"),
      block("224.0.0.0/4", MULTICAST, null),
      block("240.0.0.0/4", RESERVED, "future use and broadcast"));

  /** Checked after the IPv4-carrying forms (mapped, NAT64, 6to4, Teredo) were unwrapped. */
  private static final List<Block> IPV6 = List.of(
      block("::/128", UNSPECIFIED, null),
      block("::1/128", LOOPBACK, null),
      block("::/96", RESERVED, "IPv4-compatible, deprecated"),
      block("64:ff9b:1::/48", PRIVATE, "local-use NAT64"),
      block("100::/64", RESERVED, "discard-only"),
      block("2001:2::/48", RESERVED, "benchmarking"),
      block("2001:db8::/32", RESERVED, "documentation"),
      block("3fff::/20", RESERVED, "documentation"),
      block("fc00::/7", PRIVATE, "unique-local"),
      block("fe80::/10", LINK_LOCAL, null),
      block("fec0::/10", PRIVATE, "site-local, deprecated"),
      block("ff00::/8", MULTICAST, null));

  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
  private static final Cidr TEREDO = Cidr.parse("2001::/32");

  /** The class of {@code address}. */
  public static AddressClass of(InetAddress address) {
    Special s = special(address);
    return s == null ? PUBLIC : s.kind();
  }

  /** Why {@code address} is special, or null when it is public. */
  public static Special special(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length == 4) {
      return special4(a, null);
    }
    // The JDK hands out IPv4-mapped addresses as Inet4Address; raw bytes from elsewhere may not be.
    if (isMapped(a)) {
      return special4(Arrays.copyOfRange(a, 12, 16), "IPv4-mapped ::ffff:0:0/96");
    }
    if (NAT64.contains(address)) {
      return special4(Arrays.copyOfRange(a, 12, 16), "NAT64 64:ff9b::/96");
    }
    if (SIX_TO_FOUR.contains(address)) {
      return special4(Arrays.copyOfRange(a, 2, 6), "6to4 2002::/16");
    }
    if (TEREDO.contains(address)) {
      byte[] client = Arrays.copyOfRange(a, 12, 16);
      for (int i = 0; i < 4; i++) {
        client[i] = (byte) ~client[i]; // RFC 4380: the client address is stored inverted
      }
      return special4(client, "Teredo 2001::/32");
    }
    return first(IPV6, address, null);
  }

  private static Special special4(byte[] v4, String via) {
    try {
      return first(IPV4, InetAddress.getByAddress(v4), via);
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // four bytes
    }
  }

  private static Special first(List<Block> blocks, InetAddress address, String via) {
    for (Block b : blocks) {
      if (b.cidr().contains(address)) {
        return new Special(b.kind(), b.shown(), via);
      }
    }
    return null;
  }

  /** Whether 16 bytes are an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}). */
  static boolean isMapped(byte[] a) {
    if (a.length != 16 || a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** An address as people write it: dotted IPv4, RFC 5952 IPv6 ("::1", "fd00::5"), no zone. */
  public static String text(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static Block block(String cidr, AddressClass kind, String note) {
    return new Block(Cidr.parse(cidr), kind, note);
  }
}
