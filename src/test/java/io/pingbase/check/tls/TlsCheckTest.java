package io.pingbase.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.SystemResolver;
import io.pingbase.check.Target;
import io.pingbase.check.Target.Tls.StartTls;
import io.pingbase.testing.FullBacklogListener;
import io.pingbase.testing.Services;
import io.pingbase.testing.SettableClock;
import io.pingbase.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: tls} end to end against real TLS and STARTTLS servers on loopback. */
class TlsCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final TestCertificates.Authority CA = TestCertificates.authority("PingBase Test CA");
  private static SystemResolver resolver;

  @TempDir
  static Path dir;
  private static String caFile;

  private final SettableClock clock = new SettableClock(Instant.now());

  @BeforeAll
  static void setUp() throws IOException {
    resolver = new SystemResolver(2);
    TlsCheck.warmUp(); // as the server does before checks start: timings below are not class loading
    caFile = TlsTestServer.pem(dir.resolve("ca.pem"), CA.certificate()).toString();
  }

  @AfterAll
  static void tearDown() {
    resolver.close();
  }

  private static TestCertificates.Leaf leaf() {
    return CA.leaf("localhost", "127.0.0.1").issue();
  }

  private CheckResult check(int port, String serverName, String ca, StartTls starttls) {
    return check(new Target.Tls("127.0.0.1", port, starttls, serverName, ca, Target.Tls.DEFAULT_WARN_DAYS), TIMEOUT);
  }

  private CheckResult check(Target.Tls target, Duration timeout) {
    return new TlsCheck(target, resolver, clock).run(timeout);
  }

  @Test
  void validCertificateFromPrivateCaIsUpWithFacts() throws Exception {
    try (TlsTestServer server = TlsTestServer.direct(leaf().serverContext())) {
      CheckResult r = check(new Target.Tls("localhost", server.port(), StartTls.NONE, null, caFile,
          Target.Tls.DEFAULT_WARN_DAYS), TIMEOUT);
      assertThat(r.up()).as(r.message()).isTrue();
      assertThat(r.warning()).isNull();
      assertThat(r.address()).isEqualTo("127.0.0.1:" + server.port());
      Map<String, Object> d = r.details();
      assertThat(d).containsEntry("subject", "CN=localhost").containsEntry("issuer", "CN=PingBase Test CA")
          .containsEntry("days-left", 364L).containsEntry("chain-days-left", 364L)
          .containsEntry("sans", List.of("localhost", "127.0.0.1")).containsEntry("tls-version", "TLSv1.3")
          .containsEntry("trusted", true).containsEntry("hostname-match", true).containsKeys("sha256", "cipher")
          .doesNotContainKeys("warn-threshold", "problems");
      assertThat(r.phases().dnsMicros()).isGreaterThanOrEqualTo(0);
      assertThat(r.phases().connectMicros()).isGreaterThan(0);
      assertThat(r.phases().tlsMicros()).isGreaterThan(0);
      assertThat(r.responseMicros()).isEqualTo(r.phases().tlsMicros());
    }
  }

  @Test
  void theSameServerIsUntrustedWithTheJdkStore() throws Exception {
    try (TlsTestServer server = TlsTestServer.direct(leaf().serverContext())) {
      CheckResult r = check(server.port(), null, null, StartTls.NONE);
      assertThat(r.reason()).isEqualTo(FailureReason.CERTIFICATE);
      assertThat(r.message()).isEqualTo("certificate not trusted: issuer CN=PingBase Test CA is not in the JDK trust store");
      assertThat(r.details()).containsEntry("subject", "CN=localhost").containsEntry("trusted", false);
    }
  }

  @Test
  void expiringInTenDaysIsUpWithAWarningBelowFourteen() throws Exception {
    TestCertificates.Leaf leaf = CA.leaf("127.0.0.1").validFor(Duration.ofDays(10)).issue();
    clock.set(leaf.certificate().getNotAfter().toInstant().minus(Duration.ofDays(10)));
    try (TlsTestServer server = TlsTestServer.direct(leaf.serverContext())) {
      CheckResult r = check(server.port(), null, caFile, StartTls.NONE);
      assertThat(r.up()).as(r.message()).isTrue();
      String date = leaf.certificate().getNotAfter().toInstant().toString().substring(0, 10);
      assertThat(r.warning()).isEqualTo("certificate expires in 10 days (" + date + "), below 14-day threshold");
      assertThat(r.details()).containsEntry("days-left", 10L).containsEntry("warn-threshold", 14L);
    }
  }

  @Test
  void expiredIsDownWithTheCertificateStillShown() throws Exception {
    TestCertificates.Leaf leaf = CA.leaf("127.0.0.1").expired(Duration.ofDays(3).plusHours(1)).issue();
    try (TlsTestServer server = TlsTestServer.direct(leaf.serverContext())) {
      CheckResult r = check(server.port(), null, caFile, StartTls.NONE);
      String date = leaf.certificate().getNotAfter().toInstant().toString().substring(0, 10);
      assertThat(r.reason()).isEqualTo(FailureReason.CERTIFICATE);
      assertThat(r.message()).isEqualTo("certificate expired 3 days ago (" + date + ")");
      assertThat(r.details()).containsEntry("days-left", -4L).containsEntry("subject", "CN=127.0.0.1")
          .containsEntry("problems", List.of(r.message()));
    }
  }

  @Test
  void notYetValidIsDown() throws Exception {
    TestCertificates.Leaf leaf = CA.leaf("127.0.0.1").notYetValid(Duration.ofDays(2).plusHours(1)).issue();
    try (TlsTestServer server = TlsTestServer.direct(leaf.serverContext())) {
      CheckResult r = check(server.port(), null, caFile, StartTls.NONE);
      assertThat(r.reason()).isEqualTo(FailureReason.CERTIFICATE);
      assertThat(r.message()).startsWith("certificate is not yet valid: becomes valid in 2 days (");
    }
  }

  @Test
  void wrongHostIsDownAndServerNameOverridesTheVerifiedName() throws Exception {
    try (TlsTestServer server = TlsTestServer.direct(CA.leaf("localhost").issue().serverContext())) {
      CheckResult r = check(server.port(), "example.test", caFile, StartTls.NONE);
      assertThat(r.reason()).isEqualTo(FailureReason.CERTIFICATE);
      assertThat(r.message()).isEqualTo("certificate for localhost does not match host example.test");
      assertThat(r.details()).containsEntry("hostname-match", false).containsEntry("trusted", true);
      CheckResult byIp = check(server.port(), null, caFile, StartTls.NONE);
      assertThat(byIp.message()).isEqualTo("certificate for localhost does not match host 127.0.0.1");
      assertThat(check(server.port(), "localhost", caFile, StartTls.NONE).up()).isTrue();
    }
  }

  @Test
  void selfSignedIsUntrusted() throws Exception {
    try (TlsTestServer server = TlsTestServer.direct(TestCertificates.selfSigned("127.0.0.1").serverContext())) {
      CheckResult r = check(server.port(), null, null, StartTls.NONE);
      assertThat(r.reason()).isEqualTo(FailureReason.CERTIFICATE);
      assertThat(r.message()).isEqualTo("certificate not trusted: self-signed");
    }
  }

  @Test
  void intermediateExpiringFirstIsTheChainsEarliestExpiry() throws Exception {
    TestCertificates.Authority mid = CA.intermediate("PingBase Intermediate");
    Instant now = Instant.now();
    TestCertificates.Leaf leaf = mid.leaf("127.0.0.1")
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3000))).chain(mid.certificate()).issue();
    clock.set(mid.certificate().getNotAfter().toInstant().minus(Duration.ofDays(20)));
    try (TlsTestServer server = TlsTestServer.direct(leaf.serverContext())) {
      CheckResult r = check(server.port(), null, caFile, StartTls.NONE);
      assertThat(r.up()).as(r.message()).isTrue();
      assertThat(r.details()).containsEntry("chain-days-left", 20L).containsEntry("chain-length", 2L)
          .containsEntry("chain-earliest", "CN=PingBase Intermediate").containsEntry("warn-threshold", 30L);
      assertThat((Long) r.details().get("days-left")).isGreaterThan(1000L);
      assertThat(r.warning()).startsWith("intermediate certificate CN=PingBase Intermediate expires in 20 days (")
          .endsWith("below 30-day threshold");
    }
  }

  @Test
  void plainTcpServerIsDownTlsQuickly() throws Exception {
    try (TlsTestServer server = new TlsTestServer(null, s -> {
      StartTlsServers.say(s, "SSH-2.0-OpenSSH_9.6\r\n");
      s.getInputStream().read(new byte[1024]);
      return false;
    })) {
      long start = System.nanoTime();
      CheckResult r = check(server.port(), null, caFile, StartTls.NONE);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(r.reason()).isEqualTo(FailureReason.TLS);
      assertThat(r.message()).contains("does not speak TLS");
      assertThat(r.phases().tlsMicros()).isGreaterThan(0);
    }
  }

  @Test
  void silentServerTimesOutWithinTheDeadline() throws Exception {
    try (TlsTestServer server = new TlsTestServer(null, s -> {
      s.getInputStream().readAllBytes();
      return false;
    })) {
      long start = System.nanoTime();
      CheckResult r = check(new Target.Tls("127.0.0.1", server.port()), Duration.ofMillis(400));
      long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertThat(took).isBetween(390L, 1_500L);
      assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(r.message()).isEqualTo("no TLS handshake with 127.0.0.1:" + server.port() + " within 400 ms");
    }
  }

  @Test
  void silentStartTlsServerTimesOutWithinTheDeadline() throws Exception {
    try (TlsTestServer server = new TlsTestServer(null, s -> {
      s.getInputStream().readAllBytes();
      return false;
    })) {
      long start = System.nanoTime();
      CheckResult r = check(new Target.Tls("127.0.0.1", server.port(), StartTls.SMTP, null, null, List.of()),
          Duration.ofMillis(400));
      assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isBetween(390L, 1_500L);
      assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(r.message()).contains("SMTP STARTTLS dialog within 400 ms");
    }
  }

  @Test
  void fullBacklogTimesOutAndClosedPortIsRefused() throws Exception {
    try (FullBacklogListener full = new FullBacklogListener()) {
      long start = System.nanoTime();
      CheckResult r = check(new Target.Tls("127.0.0.1", full.port()), Duration.ofMillis(300));
      assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(1_500L);
      assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    CheckResult r = check(new Target.Tls("127.0.0.1", closed), TIMEOUT);
    assertThat(r.reason()).isEqualTo(FailureReason.REFUSED);
    assertThat(r.phases().tlsMicros()).isEqualTo(Phases.ABSENT);
  }

  @Test
  void unknownNameAndMissingCaFileSayWhatIsWrong() {
    CheckResult dns = check(new Target.Tls("no-such-host.invalid", 443), TIMEOUT);
    assertThat(dns.reason()).isEqualTo(FailureReason.DNS_FAILURE);
    CheckResult ca = check(new Target.Tls("127.0.0.1", 443, StartTls.NONE, null,
        dir.resolve("nope.pem").toString(), List.of()), TIMEOUT);
    assertThat(ca.reason()).isEqualTo(FailureReason.ERROR);
    assertThat(ca.message()).isEqualTo("ca-file " + dir.resolve("nope.pem") + " does not exist");
  }

  @Test
  void startTlsSmtpImapPop3() throws Exception {
    for (StartTls mode : List.of(StartTls.SMTP, StartTls.IMAP, StartTls.POP3)) {
      try (TlsTestServer server = switch (mode) {
        case SMTP -> StartTlsServers.smtp(leaf().serverContext(), true);
        case IMAP -> StartTlsServers.imap(leaf().serverContext(), true);
        default -> StartTlsServers.pop3(leaf().serverContext(), true);
      }) {
        CheckResult r = check(server.port(), null, caFile, mode);
        assertThat(r.up()).as(mode + ": " + r.message()).isTrue();
        assertThat(r.details()).containsEntry("starttls", mode.id()).containsEntry("subject", "CN=localhost");
      }
    }
  }

  @Test
  void startTlsRefusedIsTlsAndAnotherProtocolIsProtocol() throws Exception {
    try (TlsTestServer smtp = StartTlsServers.smtp(leaf().serverContext(), false)) {
      CheckResult r = check(smtp.port(), null, caFile, StartTls.SMTP);
      assertThat(r.reason()).isEqualTo(FailureReason.TLS);
      assertThat(r.message()).isEqualTo("the SMTP server does not offer STARTTLS");
      CheckResult asImap = check(smtp.port(), null, caFile, StartTls.IMAP);
      assertThat(asImap.reason()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(asImap.message()).isEqualTo("not an IMAP server: it said \"220 mail.test ESMTP ready\"");
    }
    try (TlsTestServer imap = StartTlsServers.imap(leaf().serverContext(), false)) {
      CheckResult r = check(imap.port(), null, caFile, StartTls.IMAP);
      assertThat(r.reason()).isEqualTo(FailureReason.TLS);
      assertThat(r.message()).isEqualTo("the IMAP server refused STARTTLS: \"a1 BAD STARTTLS not available\"");
    }
    try (TlsTestServer pop3 = StartTlsServers.pop3(leaf().serverContext(), false)) {
      CheckResult r = check(pop3.port(), null, caFile, StartTls.POP3);
      assertThat(r.reason()).isEqualTo(FailureReason.TLS);
      assertThat(r.message()).isEqualTo("the POP3 server refused STLS: \"-ERR command not available\"");
      CheckResult asSmtp = check(pop3.port(), null, caFile, StartTls.SMTP);
      assertThat(asSmtp.reason()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(asSmtp.message()).startsWith("not an SMTP server: it said \"+OK POP3");
    }
  }

  @Test
  void startTlsPostgresqlAgainstAnSslRequestServer() throws Exception {
    try (TlsTestServer server = StartTlsServers.postgresql(leaf().serverContext(), 'S')) {
      CheckResult r = check(server.port(), null, caFile, StartTls.POSTGRESQL);
      assertThat(r.up()).as(r.message()).isTrue();
      assertThat(r.details()).containsEntry("starttls", "postgresql");
    }
    try (TlsTestServer server = StartTlsServers.postgresql(null, 'N')) {
      CheckResult r = check(server.port(), null, caFile, StartTls.POSTGRESQL);
      assertThat(r.reason()).isEqualTo(FailureReason.TLS);
    }
  }

  /**
   * The machine's PostgreSQL: with {@code ssl = off} (this machine) it answers N; with ssl on
   * (Debian's default, the snakeoil certificate) the handshake succeeds and the self-signed
   * certificate is untrusted. Either way the answer is PostgreSQL's own.
   */
  @Test
  void startTlsPostgresqlAgainstTheRealServer() {
    Services.POSTGRESQL.require();
    CheckResult r = check(new Target.Tls(Services.HOST, Services.POSTGRESQL.port(), StartTls.POSTGRESQL, null, null,
        Target.Tls.DEFAULT_WARN_DAYS), TIMEOUT);
    if (r.reason() == FailureReason.TLS) {
      assertThat(r.message()).isEqualTo("the PostgreSQL server does not support SSL (it answered N to the SSLRequest)");
    } else {
      assertThat(r.reason()).as(r.message()).isEqualTo(FailureReason.CERTIFICATE);
      assertThat(r.details()).containsKeys("subject", "days-left", "sha256").containsEntry("starttls", "postgresql");
    }
  }

  @Test
  void aTricklingStartTlsServerCannotStretchTheDeadline() throws Exception {
    try (TlsTestServer server = new TlsTestServer(null, s -> {
      for (int i = 0; i < 100; i++) { // "220 " one byte at a time, never a whole line
        s.getOutputStream().write(i == 0 ? '2' : 'x');
        s.getOutputStream().flush();
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return false;
        }
      }
      return false;
    })) {
      long start = System.nanoTime();
      CheckResult r = check(new Target.Tls("127.0.0.1", server.port(), StartTls.SMTP, null, null, List.of()),
          Duration.ofMillis(400));
      assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isBetween(390L, 1_500L);
      assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
    }
  }

  /** Every path closes its socket: many checks of every outcome leave no file descriptor behind. */
  @Test
  void checksLeaveNoSocketsOpen() throws Exception {
    TestCertificates.Leaf leaf = leaf();
    try (TlsTestServer ok = TlsTestServer.direct(leaf.serverContext());
         TlsTestServer plain = new TlsTestServer(null, s -> false);
         TlsTestServer refusing = StartTlsServers.pop3(leaf.serverContext(), false)) {
      for (int i = 0; i < 3; i++) { // warm: classes, the trust store
        check(ok.port(), null, caFile, StartTls.NONE);
      }
      long before = openFileDescriptors();
      for (int i = 0; i < 10; i++) {
        assertThat(check(ok.port(), null, caFile, StartTls.NONE).up()).isTrue();
        assertThat(check(ok.port(), "other.test", caFile, StartTls.NONE).reason()).isEqualTo(FailureReason.CERTIFICATE);
        assertThat(check(plain.port(), null, caFile, StartTls.NONE).reason()).isEqualTo(FailureReason.TLS);
        assertThat(check(refusing.port(), null, caFile, StartTls.POP3).reason()).isEqualTo(FailureReason.TLS);
      }
      // the servers' own sockets close asynchronously after the client hangs up
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> openFileDescriptors() <= before + 5);
    }
  }

  private static long openFileDescriptors() throws IOException {
    try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
