package io.pingbase.check.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.SystemResolver;
import io.pingbase.testing.EmptyNetworkNamespace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * UNREACHABLE for real: the check runs in a network namespace this test creates, which has no
 * route anywhere (its loopback is down too), so every connect fails locally with ENETUNREACH and
 * no packet leaves the process. 10.0.0.1 is used only there, where it cannot be reached; see
 * {@link EmptyNetworkNamespace} for why this keeps to the network rule.
 */
class TcpCheckUnreachableTest {

  @Test
  void noRouteIsUnreachableNotError() throws Exception {
    EmptyNetworkNamespace.Run run = EmptyNetworkNamespace.java(TcpCheckUnreachableTest.class.getName(),
        "10.0.0.1", "127.0.0.1", "::1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().toList()).as(run.out() + run.err()).containsExactly(
        "10.0.0.1 UNREACHABLE 10.0.0.1:5432: Network is unreachable",
        // In the namespace loopback is down: no route even to ourselves.
        "127.0.0.1 UNREACHABLE 127.0.0.1:5432: Network is unreachable",
        // No IPv6 address at all: the JDK refuses IPv6 before the kernel is asked.
        "::1 UNREACHABLE [::1]:5432: IPv6 protocol family unavailable");
  }

  /** Runs inside the namespace: one line per host, "host REASON message". */
  public static void main(String[] hosts) {
    try (SystemResolver resolver = new SystemResolver(1)) {
      for (String host : hosts) {
        CheckResult r = new TcpCheck(host, 5432, resolver).run(Duration.ofSeconds(2));
        System.out.println(host + " " + (r.up() ? "UP" : r.reason().name()) + " " + r.message());
      }
    }
    System.out.flush();
  }

  @Test
  void reasonsFollowTheExceptionClassFirst() {
    assertThat(TcpCheck.reasonFor(new java.net.SocketTimeoutException("Connect timed out")))
        .isEqualTo(FailureReason.TIMEOUT);
    assertThat(TcpCheck.reasonFor(new java.net.ConnectException("Connection refused")))
        .isEqualTo(FailureReason.REFUSED);
    assertThat(TcpCheck.reasonFor(new java.net.ConnectException("Verbindungsaufbau abgelehnt")))
        .as("ECONNREFUSED under a German locale is still refused").isEqualTo(FailureReason.REFUSED);
    assertThat(TcpCheck.reasonFor(new java.net.ConnectException("Connection timed out")))
        .as("the kernel's own ETIMEDOUT").isEqualTo(FailureReason.TIMEOUT);
    assertThat(TcpCheck.reasonFor(new java.net.NoRouteToHostException("No route to host")))
        .isEqualTo(FailureReason.UNREACHABLE);
    assertThat(TcpCheck.reasonFor(new java.net.SocketException("Network is unreachable")))
        .isEqualTo(FailureReason.UNREACHABLE);
    assertThat(TcpCheck.reasonFor(new java.net.SocketException("Connection reset")))
        .isEqualTo(FailureReason.ERROR);
    assertThat(TcpCheck.reasonFor(new IllegalArgumentException("unsupported address")))
        .isEqualTo(FailureReason.ERROR);
  }
}
