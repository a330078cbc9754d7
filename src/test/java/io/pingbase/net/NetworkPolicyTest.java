package io.pingbase.net;

import static io.pingbase.net.AddressClassTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {
  private final NetworkPolicy tenant = new NetworkPolicy(NetworkPolicy.Targets.MULTI_TENANT,
      List.of(Cidr.parse("10.20.0.0/16"), Cidr.parse("127.0.0.1/32")), Set.of("DB.Internal."));

  @Test
  void selfHostedAllowsEverything() {
    for (String a : List.of("127.0.0.1", "::1", "10.0.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1", "8.8.8.8")) {
      assertThat(NetworkPolicy.SELF_HOSTED.refusal(null, ip(a))).as(a).isNull();
    }
    assertThat(NetworkPolicy.SELF_HOSTED.restricts()).isFalse();
  }

  @Test
  void multiTenantRefusesSpecialAddressesNamingTheAddressAndTheRule() {
    assertThat(NetworkPolicy.MULTI_TENANT.refusal(null, ip("127.0.0.1"))).isEqualTo(
        "127.0.0.1 is a loopback address (127.0.0.0/8); not allowed by network.targets: multi-tenant"
            + " (add it to network.allow to permit it)");
    assertThat(NetworkPolicy.MULTI_TENANT.refusal("metadata.example", ip("169.254.169.254")))
        .startsWith("169.254.169.254 is a link-local address (169.254.0.0/16 incl. cloud metadata); not allowed");
    assertThat(NetworkPolicy.MULTI_TENANT.refusal(null, ip("::ffff:192.168.1.1")))
        .startsWith("192.168.1.1 is a private address (192.168.0.0/16)");
    assertThat(NetworkPolicy.MULTI_TENANT.refusal(null, ip("8.8.8.8"))).isNull();
    assertThat(NetworkPolicy.MULTI_TENANT.refusal(null, ip("2606:4700:4700::1111"))).isNull();
  }

  @Test
  void allowedBlocksAndHostNamesAreExceptions() {
    assertThat(tenant.refusal(null, ip("10.20.3.4"))).isNull();
    assertThat(tenant.refusal(null, ip("::ffff:10.20.3.4"))).isNull();
    assertThat(tenant.refusal(null, ip("10.21.0.1"))).startsWith("10.21.0.1 is a private address");
    assertThat(tenant.refusal(null, ip("127.0.0.1"))).isNull();
    assertThat(tenant.refusal(null, ip("127.0.0.2"))).startsWith("127.0.0.2 is a loopback address");
    // a host name exception: whatever the name resolves to, case and trailing dot aside
    assertThat(tenant.refusal("db.internal", ip("192.168.7.7"))).isNull();
    assertThat(tenant.refusal("DB.INTERNAL.", ip("192.168.7.7"))).isNull();
    assertThat(tenant.refusal("other.internal", ip("192.168.7.7"))).startsWith("192.168.7.7 is a private address");
  }

  @Test
  void oneRefusedAddressRefusesTheName() {
    InetAddress[] mixed = {ip("8.8.8.8"), ip("127.0.0.5")};
    assertThat(NetworkPolicy.MULTI_TENANT.refusal("rebind.example", mixed)).startsWith("127.0.0.5 is a loopback");
    assertThat(NetworkPolicy.MULTI_TENANT.refusal("public.example", new InetAddress[] {ip("8.8.8.8")})).isNull();
  }

  @Test
  void literalsAreNoNames() {
    assertThat(NetworkPolicy.nameOrNull("127.0.0.1")).isNull();
    assertThat(NetworkPolicy.nameOrNull("::1")).isNull();
    assertThat(NetworkPolicy.nameOrNull("db.internal")).isEqualTo("db.internal");
  }
}
