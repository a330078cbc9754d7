package io.pingbase.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every special-purpose block, its edges, and the IPv6 forms that carry an IPv4 address. */
class AddressClassTest {

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal); // literals only: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** 16 raw bytes as an Inet6Address, even when the JDK would turn them into an Inet4Address. */
  static InetAddress raw6(String literal) {
    byte[] b = new byte[16];
    String[] halves = literal.split("::", -1);
    String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
    String[] tail = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":");
    for (int i = 0; i < head.length; i++) {
      int g = Integer.parseInt(head[i], 16);
      b[2 * i] = (byte) (g >> 8);
      b[2 * i + 1] = (byte) g;
    }
    for (int i = 0; i < tail.length; i++) {
      int g = Integer.parseInt(tail[i], 16);
      int at = 8 - tail.length + i;
      b[2 * at] = (byte) (g >> 8);
      b[2 * at + 1] = (byte) g;
    }
    try {
      return java.net.Inet6Address.getByAddress(null, b, -1);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      // IPv4: each block, its first and last address, and the public neighbours just outside it
      "0.0.0.0, UNSPECIFIED", "0.255.255.255, UNSPECIFIED", "1.0.0.0, PUBLIC",
      "9.255.255.255, PUBLIC", "10.0.0.0, PRIVATE", "10.255.255.255, PRIVATE", "11.0.0.0, PUBLIC",
      "100.63.255.255, PUBLIC", "100.64.0.0, SHARED", "100.127.255.255, SHARED", "100.128.0.0, PUBLIC",
      "126.255.255.255, PUBLIC", "127.0.0.0, LOOPBACK", "127.0.0.1, LOOPBACK", "127.0.0.2, LOOPBACK",
      "127.255.255.255, LOOPBACK", "128.0.0.0, PUBLIC",
      "169.253.255.255, PUBLIC", "169.254.0.0, LINK_LOCAL", "169.254.169.254, LINK_LOCAL",
      "169.254.255.255, LINK_LOCAL", "169.255.0.0, PUBLIC",
      "172.15.255.255, PUBLIC", "172.16.0.0, PRIVATE", "172.31.255.255, PRIVATE", "172.32.0.0, PUBLIC",
      "192.0.0.0, RESERVED", "192.0.0.255, RESERVED", "192.0.1.0, PUBLIC",
      "192.0.2.0, RESERVED", "192.0.2.255, RESERVED", "192.0.3.0, PUBLIC",
      "192.88.99.1, RESERVED", "192.88.100.0, PUBLIC",
      "192.167.255.255, PUBLIC", "192.168.0.0, PRIVATE", "192.168.255.255, PRIVATE", "192.169.0.0, PUBLIC",
      "198.17.255.255, PUBLIC", "198.18.0.0, RESERVED", "198.19.255.255, RESERVED", "198.20.0.0, PUBLIC",
      "198.51.100.7, RESERVED", "198.51.101.0, PUBLIC", "203.0.113.9, RESERVED", "203.0.114.0, PUBLIC",
      "223.255.255.255, PUBLIC", "224.0.0.0, MULTICAST", "239.255.255.250, MULTICAST",
      "240.0.0.0, RESERVED", "255.255.255.255, RESERVED",
      "8.8.8.8, PUBLIC", "1.1.1.1, PUBLIC", "93.184.215.14, PUBLIC",
      // IPv6
      "::, UNSPECIFIED", "::1, LOOPBACK", "::2, RESERVED", "::7f00:1, RESERVED",
      "64:ff9b:1::1, PRIVATE", "100::1, RESERVED", "100:0:0:1::, PUBLIC",
      "2001:2::1, RESERVED", "2001:db8::1, RESERVED", "2001:db9::1, PUBLIC",
      "3fff::1, RESERVED", "3fff:1000::, PUBLIC",
      "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PRIVATE",
      "fe80::1, LINK_LOCAL", "febf:ffff::1, LINK_LOCAL", "fec0::1, PRIVATE", "feff::1, PRIVATE",
      "ff02::1, MULTICAST", "ff0e::1, MULTICAST", "fbff:ffff::1, PUBLIC",
      "2606:4700:4700::1111, PUBLIC", "2a00:1450:4001:80b::200e, PUBLIC",
      // IPv4 carried in IPv6: judged by the IPv4 address
      "::ffff:127.0.0.1, LOOPBACK", "::ffff:10.1.2.3, PRIVATE", "::ffff:169.254.169.254, LINK_LOCAL",
      "::ffff:0.0.0.0, UNSPECIFIED", "::ffff:8.8.8.8, PUBLIC",
      "64:ff9b::7f00:1, LOOPBACK", "64:ff9b::a9fe:a9fe, LINK_LOCAL", "64:ff9b::808:808, PUBLIC",
      "2002:7f00:1::, LOOPBACK", "2002:c0a8:101::1, PRIVATE", "2002:808:808::1, PUBLIC",
      // Teredo: the client address is the last 32 bits inverted (127.0.0.1 -> 80ff:fffe)
      "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK", "2001:0:4136:e378:8000:63bf:f7f7:f7f7, PUBLIC",
  })
  void classifies(String literal, AddressClass expected) {
    assertThat(AddressClass.of(ip(literal))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "raw IPv4-mapped {0} is {1}")
  @CsvSource({"::ffff:7f00:1, LOOPBACK", "::ffff:a00:1, PRIVATE", "::ffff:a9fe:a9fe, LINK_LOCAL",
      "::ffff:0:0, UNSPECIFIED", "::ffff:808:808, PUBLIC", "::ffff:e000:1, MULTICAST"})
  void ipv4MappedIsJudgedByItsIpv4AddressEvenAsAnInet6Address(String literal, AddressClass expected) {
    InetAddress a = raw6(literal);
    assertThat(a).isInstanceOf(java.net.Inet6Address.class);
    assertThat(AddressClass.of(a)).isEqualTo(expected);
  }

  /** The JDK's own predicates are right as far as they go: whatever they flag is special here too. */
  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "127.0.0.1", "127.1.2.3", "::1", "169.254.1.1", "fe80::1234",
      "224.0.0.251", "ff02::fb", "10.0.0.1", "172.20.0.1", "192.168.1.1", "fec0::1", "::ffff:127.0.0.1"})
  void everythingTheJdkFlagsIsSpecial(String literal) {
    InetAddress a = ip(literal);
    assertThat(a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
        || a.isSiteLocalAddress()).isTrue();
    assertThat(AddressClass.of(a)).isNotEqualTo(AddressClass.PUBLIC);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1|a loopback address (127.0.0.0/8)",
      "169.254.169.254|a link-local address (169.254.0.0/16 incl. cloud metadata)",
      "100.64.1.1|a shared (carrier-grade NAT) address (100.64.0.0/10)",
      "0.1.2.3|an unspecified address (0.0.0.0/8 \"this network\")",
      "fd00::5|a private address (fc00::/7 unique-local)",
      "2002:a00:1::|a private address (10.0.0.0/8, via 6to4 2002::/16)",
      "64:ff9b::7f00:1|a loopback address (127.0.0.0/8, via NAT64 64:ff9b::/96)"})
  void describesTheBlock(String literal, String description) {
    assertThat(AddressClass.special(ip(literal)).describe()).isEqualTo(description);
  }

  @ParameterizedTest
  @CsvSource({"::1, ::1", "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "fe80:0:0:0:0:0:0:1, fe80::1",
      "2001:0:0:1:0:0:0:1, 2001:0:0:1::1", "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8", "10.0.0.1, 10.0.0.1"})
  void textIsRfc5952(String literal, String text) {
    assertThat(AddressClass.text(ip(literal))).isEqualTo(text);
  }
}
