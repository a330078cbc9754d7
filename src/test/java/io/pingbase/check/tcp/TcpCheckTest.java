package io.pingbase.check.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.SystemResolver;
import io.pingbase.testing.FullBacklogListener;
import io.pingbase.testing.Services;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TcpCheckTest {
  static SystemResolver resolver;

  @BeforeAll
  static void setUp() {
    resolver = new SystemResolver(2);
  }

  @AfterAll
  static void tearDown() {
    resolver.close();
  }

  private static CheckResult check(String host, int port, Duration timeout) {
    return new TcpCheck(host, port, resolver).run(timeout);
  }

  @ParameterizedTest
  @EnumSource(Services.class)
  void theMachinesRealServicesAreUp(Services service) {
    service.require();
    CheckResult r = check("127.0.0.1", service.port(), Duration.ofSeconds(3));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.reason()).isNull();
    assertThat(r.phases().connectMicros()).isPositive().isEqualTo(r.responseMicros());
    assertThat(r.phases().dnsMicros()).as("a literal IP is not resolved").isEqualTo(Phases.ABSENT);
    assertThat(r.address()).isEqualTo("127.0.0.1:" + service.port());
  }

  @Test
  void aListenerIsUpAndTheConnectionIsClosedRightAfterTheHandshake() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CheckResult r = check("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2));
      assertThat(r.up()).isTrue();
      server.setSoTimeout(2000);
      try (var accepted = server.accept()) {
        accepted.setSoTimeout(2000);
        assertThat(accepted.getInputStream().read()).as("peer closed without sending").isEqualTo(-1);
      }
    }
  }

  @Test
  void nothingListeningIsRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CheckResult r = check("127.0.0.1", port, Duration.ofSeconds(2));
    assertThat(r.up()).isFalse();
    assertThat(r.reason()).isEqualTo(FailureReason.REFUSED);
    assertThat(r.message()).contains("refused").contains("127.0.0.1:" + port);
    assertThat(r.address()).isEqualTo("127.0.0.1:" + port);
  }

  @Test
  void aFullAcceptQueueTimesOutWithinTheDeadline() throws IOException {
    try (FullBacklogListener blackhole = new FullBacklogListener()) {
      long start = System.nanoTime();
      CheckResult r = check("127.0.0.1", blackhole.port(), Duration.ofMillis(400));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(r.message()).contains("400 ms");
      assertThat(tookMillis).isBetween(390L, 1_500L);
    }
  }

  @Test
  void anUnresolvableNameIsADnsFailure() {
    CheckResult r = check("no-such-host.invalid", 5432, Duration.ofSeconds(3));
    assertThat(r.up()).isFalse();
    assertThat(r.reason()).isEqualTo(FailureReason.DNS_FAILURE);
    assertThat(r.message()).contains("no-such-host.invalid");
    assertThat(r.address()).isNull();
    assertThat(r.phases().dnsMicros()).isNotNegative();
    assertThat(r.phases().connectMicros()).isEqualTo(Phases.ABSENT);
  }

  @Test
  void aHostnameIsResolvedAndTimedSeparately() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      CheckResult r = check("localhost", server.getLocalPort(), Duration.ofSeconds(2));
      // localhost may resolve to ::1 first; the check tries every address until one accepts.
      assertThat(r.up()).as(r.toString()).isTrue();
      assertThat(r.phases().dnsMicros()).isNotNegative();
      assertThat(r.address()).isEqualTo("127.0.0.1:" + server.getLocalPort());
    }
  }

  @Test
  void ipv6LiteralsWorkWithAndWithoutBrackets() throws IOException {
    InetAddress v6;
    try {
      v6 = InetAddress.getByName("::1");
      new ServerSocket(0, 1, v6).close();
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.abort("IPv6 loopback not available: " + e);
      return;
    }
    try (ServerSocket server = new ServerSocket(0, 50, v6)) {
      for (String host : new String[] {"::1", "[::1]"}) {
        CheckResult r = check(host, server.getLocalPort(), Duration.ofSeconds(2));
        assertThat(r.up()).as(host + " " + r).isTrue();
        assertThat(r.address()).isEqualTo("[::1]:" + server.getLocalPort());
      }
    }
  }

  @Test
  void manyFailingChecksLeakNoSocketsOrThreads() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    int threadsBefore = Thread.activeCount();
    long fdsBefore = openFileDescriptors();
    for (int i = 0; i < 500; i++) {
      check("127.0.0.1", port, Duration.ofSeconds(1));
      check("no-such-host.invalid", port, Duration.ofMillis(500));
    }
    try (FullBacklogListener blackhole = new FullBacklogListener()) {
      for (int i = 0; i < 5; i++) {
        check("127.0.0.1", blackhole.port(), Duration.ofMillis(50));
      }
    }
    assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 5);
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
  }

  private static long openFileDescriptors() throws IOException {
    try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void addressesAreFormattedLikeClientsShowThem() throws Exception {
    assertThat(TcpCheck.format(InetAddress.getByName("10.1.2.3"), 80)).isEqualTo("10.1.2.3:80");
    assertThat(TcpCheck.format(InetAddress.getByName("::1"), 22)).isEqualTo("[::1]:22");
    // RFC 5952: the longest run of zero groups is compressed, the first one on a tie, never a single group.
    assertThat(TcpCheck.format(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 5432)).isEqualTo("[2001:db8::1:0:0:1]:5432");
    assertThat(TcpCheck.format(InetAddress.getByName("2001:0:0:1:0:0:0:1"), 1)).isEqualTo("[2001:0:0:1::1]:1");
    assertThat(TcpCheck.format(InetAddress.getByName("2001:db8:0:1:1:1:1:1"), 1)).isEqualTo("[2001:db8:0:1:1:1:1:1]:1");
    assertThat(TcpCheck.format(InetAddress.getByName("::"), 1)).isEqualTo("[::]:1");
    assertThat(TcpCheck.format(InetAddress.getByName("fe80::1"), 1)).isEqualTo("[fe80::1]:1");
    assertThat(TcpCheck.format(InetAddress.getByName("1:0:0:0:0:0:0:0"), 1)).isEqualTo("[1::]:1");
    assertThat(TcpCheck.format(InetAddress.getByName("2001:DB8::ABCD"), 1)).isEqualTo("[2001:db8::abcd]:1");
  }
}
