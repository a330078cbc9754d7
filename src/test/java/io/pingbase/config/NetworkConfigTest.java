package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.net.Cidr;
import io.pingbase.net.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code network:} section: targets and allow, every mistake reported at its path. */
class NetworkConfigTest {
  private static final ConfigLoader LOADER = new ConfigLoader(Map.<String, String>of()::get, id -> false);

  private static NetworkPolicy network(String yaml) throws ConfigException {
    return LOADER.parse(yaml, "pingbase.yml").network();
  }

  @Test
  void selfHostedIsTheDefault() throws Exception {
    assertThat(network("")).isEqualTo(NetworkPolicy.SELF_HOSTED);
    assertThat(network("network: {}")).isEqualTo(NetworkPolicy.SELF_HOSTED);
    assertThat(network("network: { targets: self-hosted }")).isEqualTo(NetworkPolicy.SELF_HOSTED);
  }

  @Test
  void multiTenantWithItsExceptions() throws Exception {
    NetworkPolicy p = network("""
        network:
          targets: multi-tenant
          allow: [10.20.0.0/16, 127.0.0.1, "fd00::/8", "[::1]", db.internal, DB2.Internal.]
        """);
    assertThat(p.targets()).isEqualTo(NetworkPolicy.Targets.MULTI_TENANT);
    assertThat(p.allow()).containsExactly(Cidr.parse("10.20.0.0/16"), Cidr.parse("127.0.0.1/32"),
        Cidr.parse("fd00::/8"), Cidr.parse("::1/128"));
    assertThat(p.allowHosts()).isEqualTo(Set.of("db.internal", "db2.internal"));
    assertThat(network("network: { targets: multi-tenant, allow: 10.0.0.0/8 }").allow())
        .as("one entry without a list").isEqualTo(List.of(Cidr.parse("10.0.0.0/8")));
  }

  @Test
  void everyMistakeIsReportedWithItsPath() {
    assertThat(ConfigErrorsTest.errors("""
        network:
          targets: multitenant
          allow: [10.20.1.0/16, 10.0.0.0/40, "http://db:5432", { a: 1 }]
          deny: [1.2.3.4]
        """)).containsExactlyInAnyOrder(
        "pingbase.yml:2:12: network.targets: unknown value \"multitenant\"; did you mean \"multi-tenant\"?"
            + " (one of: self-hosted, multi-tenant)",
        "pingbase.yml:3:11: network.allow[0]: \"10.20.1.0/16\" has bits set after the /16 prefix;"
            + " did you mean 10.20.0.0/16?",
        "pingbase.yml:3:25: network.allow[1]: \"10.0.0.0/40\" has an invalid prefix length 40 (0-32)",
        ConfigErrorsTest.errors("monitors: [ { name: a, type: tcp, host: \"http://db:5432\", port: 1 } ]").get(0)
            .replace("monitors[0].host", "network.allow[2]").replace(":1:41:", ":3:38:"),
        "pingbase.yml:3:56: network.allow[3]: must be an IP address, a CIDR block (10.20.0.0/16) or a host name,"
            + " was a map",
        "pingbase.yml:4:3: network.deny: unknown key; expected one of: targets, allow");
  }
}
