package io.pingbase.net;

import static io.pingbase.net.AddressClassTest.ip;
import static io.pingbase.net.AddressClassTest.raw6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
      "10.20.0.0/16, 10.20.0.0, true", "10.20.0.0/16, 10.20.255.255, true", "10.20.0.0/16, 10.21.0.0, false",
      "10.20.0.0/16, 10.19.255.255, false", "127.0.0.1, 127.0.0.1, true", "127.0.0.1, 127.0.0.2, false",
      "127.0.0.1/32, 127.0.0.1, true", "0.0.0.0/0, 8.8.8.8, true", "0.0.0.0/0, ::1, false",
      "172.16.0.0/12, 172.31.1.1, true", "172.16.0.0/12, 172.32.0.0, false",
      "fd00::/8, fd12::1, true", "fd00::/8, fc00::1, false", "::/0, 2001:db8::1, true", "::1, ::1, true",
      "2001:db8::/33, 2001:db8:7fff::1, true", "2001:db8::/33, 2001:db8:8000::1, false",
      "10.0.0.0/8, ::ffff:10.1.1.1, true"})
  void contains(String cidr, String address, boolean expected) {
    assertThat(Cidr.parse(cidr).contains(ip(address))).isEqualTo(expected);
  }

  @Test
  void anIpv4BlockContainsTheMappedFormEvenAsAnInet6Address() {
    assertThat(Cidr.parse("10.0.0.0/8").contains(raw6("::ffff:a01:101"))).isTrue();
    assertThat(Cidr.parse("10.0.0.0/8").contains(raw6("::a01:101"))).isFalse(); // IPv4-compatible is not the same
  }

  @Test
  void printsAsWritten() {
    assertThat(Cidr.parse("10.20.0.0/16")).hasToString("10.20.0.0/16");
    assertThat(Cidr.parse("127.0.0.1")).hasToString("127.0.0.1/32");
    assertThat(Cidr.parse("fd00:0:0::/8")).hasToString("fd00::/8");
    assertThat(Cidr.parse("10.20.0.0/16")).isEqualTo(Cidr.parse("10.20.0.0/16"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "db.internal|is not an IP address or CIDR block",
      "10.0.0|is not an IP address or CIDR block",
      "10.0.0.256/8|is not an IP address or CIDR block",
      "10.0.0.0/33|has an invalid prefix length 33 (0-32)",
      "10.0.0.0/|has an invalid prefix length  (0-32)",
      "fd00::/129|has an invalid prefix length 129 (0-128)",
      "10.20.1.0/16|has bits set after the /16 prefix; did you mean 10.20.0.0/16?",
      "fd00::1/8|has bits set after the /8 prefix; did you mean fd00::/8?"})
  void rejectsWhatIsNoBlock(String text, String message) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
