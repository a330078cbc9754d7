package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostsTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "db", "db.internal", "db.internal.", "my_service", "x1-2.example.com", "127.0.0.1", "255.255.255.255",
    "::", "::1", "[::1]", "2001:db8::1", "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::1%eth0",
    "::ffff:192.0.2.1", "1:2:3:4:5:6:7::", "1:2:3:4:5:6:192.0.2.1", "[fe80::a%en0]",
  })
  void accepts(String host) {
    assertThat(Hosts.problem(host)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", " ", "a b", "http://db", "db/x", "db:5432", "[::1", "::1]", "[db]", "1::2::3", "1:2:3:4:5:6:7:8:9",
    "12345::", "1:2:3:4:5:6:7", "::ffff:192.0.2.256", "fe80::1%", "256.1.1.1", "1.2.3", "-db", "db-", "a..b",
    "é.example",
  })
  void rejects(String host) {
    assertThat(Hosts.problem(host)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[::1]", "::1"})
  void normaliseDropsBrackets(String host) {
    assertThat(Hosts.normalise(host)).isEqualTo("::1");
  }
}
