package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.app.Main;
import io.pingbase.testing.EmptyNetworkNamespace;
import org.junit.jupiter.api.Test;

/**
 * {@code pingbase check} reporting UNREACHABLE, tested for real without a packet leaving the
 * machine: the CLI ({@link Main}, as the jar runs it, with this JVM's java and the test classpath)
 * runs in a network namespace the test creates with {@code unshare --net}. A fresh namespace has
 * only a loopback interface, which is down, and no routes at all, so the kernel answers the
 * connect at once with ENETUNREACH ("Network is unreachable"); nothing is sent anywhere.
 * 10.0.0.1 is used only there, where it cannot be reached. Names resolve through the test hosts
 * file, as in every test. Skipped with a message where namespaces are not permitted (not root),
 * failed instead under {@code PINGBASE_REQUIRE_SERVICES=1}.
 */
class CheckUnreachableTest {

  @Test
  void noRouteToTheAddressIsUnreachableAndExits1() throws Exception {
    EmptyNetworkNamespace.Run run = EmptyNetworkNamespace.java(Main.class.getName(),
        "check", "tcp://10.0.0.1:5432", "--timeout", "2s");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).matches("tcp://10\\.0\\.0\\.1:5432 DOWN reason=UNREACHABLE dns=- connect=\\d+\\.\\d{3}ms "
        + "address=10\\.0\\.0\\.1:5432 message=\"10\\.0\\.0\\.1:5432: Network is unreachable\"\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aNameIsResolvedThenFoundUnreachable() throws Exception {
    // pingbase-test-a is 127.0.0.2 in the test hosts file; in the namespace even loopback is down.
    EmptyNetworkNamespace.Run run = EmptyNetworkNamespace.java(Main.class.getName(),
        "check", "tcp://pingbase-test-a:5432", "--json", "--count", "2", "--interval", "100ms");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out().lines().toList()).hasSize(3);
    assertThat(run.out().lines().limit(2)).allSatisfy(line -> assertThat(line)
        .contains("\"status\":\"DOWN\"", "\"reason\":\"UNREACHABLE\"", "\"address\":\"127.0.0.2:5432\"")
        .containsPattern("\"dns\":\\d+"));
    assertThat(run.out().lines().toList().get(2)).contains("\"type\":\"summary\"", "\"up\":0", "\"down\":2");
  }
}
