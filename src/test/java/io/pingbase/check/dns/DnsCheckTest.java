package io.pingbase.check.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.SystemResolver;
import io.pingbase.check.Target;
import io.pingbase.check.Target.Dns.Expect;
import io.pingbase.check.Target.Dns.Transport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The DNS check against a real DNS server on loopback ({@link TestDnsServer}). */
class DnsCheckTest {
  static final Duration TIMEOUT = Duration.ofSeconds(3);
  static SystemResolver resolver;
  static TestDnsServer server;

  @BeforeAll
  static void setUp() throws Exception {
    resolver = new SystemResolver(1);
    server = new TestDnsServer()
        .add("example.test", "A", 60, "10.0.0.1")
        .add("example.test", "A", 120, "10.0.0.2")
        .add("example.test", "AAAA", "2001:db8::1")
        .add("www.example.test", "CNAME", "example.test.")
        .add("example.test", "MX", "10 mail.example.test.")
        .add("example.test", "MX", "20 backup.example.test.")
        .add("example.test", "NS", "ns1.example.test.")
        .add("example.test", "TXT", "\"v=spf1 -all\"")
        .add("example.test", "SOA", "ns1.example.test. hostmaster.example.test. 2026112501 3600 600 86400 300")
        .add("_sip._tcp.example.test", "SRV", "10 60 5060 sip.example.test.")
        .add("example.test", "CAA", "0 issue \"letsencrypt.org\"")
        .add("1.0.0.10.in-addr.arpa", "PTR", "example.test.")
        .add("big.example.test", "A", "10.0.0.9")
        .add("servfail.example.test", "A", "10.0.0.1")
        .add("drop.example.test", "A", "10.0.0.1")
        .add("garbage.example.test", "A", "10.0.0.1")
        .add("spoofed.example.test", "A", "10.0.0.1")
        .add("wrong-id.example.test", "A", "10.0.0.1")
        .add("close.example.test", "A", "10.0.0.1")
        .add("formerr.example.test", "A", "10.0.0.1")
        .behave("formerr.example.test", TestDnsServer.Behaviour.FORMERR_WITHOUT_QUESTION)
        .behave("big.example.test", TestDnsServer.Behaviour.TRUNCATE_UDP)
        .behave("servfail.example.test", TestDnsServer.Behaviour.SERVFAIL)
        .behave("drop.example.test", TestDnsServer.Behaviour.DROP)
        .behave("garbage.example.test", TestDnsServer.Behaviour.GARBAGE)
        .behave("spoofed.example.test", TestDnsServer.Behaviour.WRONG_ID_FIRST)
        .behave("wrong-id.example.test", TestDnsServer.Behaviour.WRONG_ID_ONLY)
        .behave("close.example.test", TestDnsServer.Behaviour.CLOSE_TCP);
  }

  @AfterAll
  static void tearDown() throws Exception {
    server.close();
    resolver.close();
  }

  static Target.Dns target(String name, String type, Transport transport, Expect expect) {
    return new Target.Dns(name, type, "127.0.0.1", server.port(), transport, expect);
  }

  static CheckResult check(Target.Dns target, Duration timeout) {
    return new DnsCheck(target, resolver, () -> {
      throw new AssertionError("the system resolver must never be asked in tests");
    }).run(timeout);
  }

  static CheckResult check(String name, String type, Expect expect) {
    return check(target(name, type, Transport.UDP, expect), TIMEOUT);
  }

  static Expect rcode(String rcode) {
    return new Expect(rcode, null, List.of(), null);
  }

  static Expect exactly(String... answers) {
    return new Expect("NOERROR", List.of(answers), List.of(), null);
  }

  static Expect contains(String... answers) {
    return new Expect("NOERROR", null, List.of(answers), null);
  }

  static Expect matches(String regex) {
    return new Expect("NOERROR", null, List.of(), regex);
  }

  @ParameterizedTest(name = "{1} {0}")
  @CsvSource(delimiter = '|', textBlock = """
      example.test           | A     | 10.0.0.1
      example.test           | AAAA  | 2001:db8::1
      www.example.test       | CNAME | example.test.
      example.test           | MX    | 10 mail.example.test.
      example.test           | NS    | ns1.example.test.
      example.test           | TXT   | "v=spf1 -all"
      example.test           | SOA   | ns1.example.test. hostmaster.example.test. 2026112501 3600 600 86400 300
      _sip._tcp.example.test | SRV   | 10 60 5060 sip.example.test.
      example.test           | CAA   | 0 issue "letsencrypt.org"
      1.0.0.10.in-addr.arpa  | PTR   | example.test.
      10.0.0.1               | PTR   | example.test.
      """)
  void everyRecordTypeIsAskedForAndItsAnswersShownAsPresentationStrings(String name, String type, String answer) {
    CheckResult r = check(name, type, contains(answer));
    assertThat(r.up()).as(r.toString()).isTrue();
    @SuppressWarnings("unchecked")
    List<String> answers = (List<String>) r.details().get("answers");
    assertThat(answers).contains(answer);
    assertThat(r.details()).containsEntry("rcode", "NOERROR").containsEntry("authoritative", true)
        .containsEntry("transport", "udp");
    assertThat(r.address()).isEqualTo("127.0.0.1:" + server.port());
    assertThat(r.responseMicros()).isPositive().isEqualTo(r.phases().dnsMicros());
    assertThat(r.phases().connectMicros()).as("no connect over UDP").isEqualTo(Phases.ABSENT);
  }

  @Test
  void detailsHoldEveryAnswerOfTheTypeAndTheSmallestTtl() {
    CheckResult r = check("example.test", "A", null);
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("answers", List.of("10.0.0.1", "10.0.0.2")).containsEntry("ttl", 60L);
  }

  @Test
  void anExactSetPassesInAnyOrderAndFailsSayingWhatWasSeen() {
    assertThat(check("example.test", "A", exactly("10.0.0.2", "10.0.0.1")).up()).isTrue();
    CheckResult missing = check("example.test", "A", exactly("10.0.0.1"));
    assertThat(missing.up()).isFalse();
    assertThat(missing.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(missing.message()).isEqualTo("answers [10.0.0.1, 10.0.0.2], expected exactly [10.0.0.1]");
    assertThat(missing.details()).containsEntry("answers", List.of("10.0.0.1", "10.0.0.2"));
  }

  @Test
  void namesInAnswersCompareWithoutCaseOrTrailingDot() {
    assertThat(check("example.test", "MX", contains("10 MAIL.Example.TEST")).up()).isTrue();
    assertThat(check("example.test", "AAAA", exactly("2001:0db8:0:0:0:0:0:1")).up()).isTrue();
    assertThat(check("example.test", "TXT", exactly("v=spf1 -all")).up()).as("unquoted TXT is one string").isTrue();
  }

  @Test
  void containsPassesAndFailsNamingTheMissingAnswer() {
    assertThat(check("example.test", "A", contains("10.0.0.2")).up()).isTrue();
    CheckResult r = check("example.test", "A", contains("10.0.0.2", "10.0.0.3"));
    assertThat(r.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(r.message()).isEqualTo("answers [10.0.0.1, 10.0.0.2], expected to contain 10.0.0.3");
  }

  @Test
  void aRegexMustMatchEveryAnswer() {
    assertThat(check("example.test", "A", matches("^10\\.0\\.0\\.")).up()).isTrue();
    assertThat(check("example.test", "MX", matches("example\\.test\\.$")).up()).isTrue();
    CheckResult r = check("example.test", "A", matches("\\.1$"));
    assertThat(r.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(r.message()).isEqualTo("answer 10.0.0.2 does not match /\\.1$/ (answers [10.0.0.1, 10.0.0.2])");
  }

  @Test
  void nxdomainFailsUnlessExpected() {
    CheckResult r = check("nope.example.test", "A", null);
    assertThat(r.up()).isFalse();
    assertThat(r.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(r.message()).isEqualTo("rcode NXDOMAIN, expected NOERROR");
    assertThat(r.details()).containsEntry("rcode", "NXDOMAIN").containsEntry("answers", List.of());
    assertThat(check("nope.example.test", "A", rcode("NXDOMAIN")).up()).isTrue();
    CheckResult exists = check("example.test", "A", rcode("nxdomain"));
    assertThat(exists.message()).isEqualTo("rcode NOERROR, expected NXDOMAIN");
  }

  @Test
  void servfailIsAnAssertionFailure() {
    CheckResult r = check("servfail.example.test", "A", null);
    assertThat(r.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(r.message()).isEqualTo("rcode SERVFAIL, expected NOERROR");
  }

  @Test
  void anErrorReplyWithoutTheQuestionIsJudgedByItsRcode() {
    CheckResult r = check("formerr.example.test", "A", null);
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.ASSERTION);
    assertThat(r.message()).isEqualTo("rcode FORMERR, expected NOERROR");
  }

  @Test
  void anEmptyAnswerFailsUnlessNoAnswersAreExpected() {
    CheckResult r = check("www.example.test", "A", null);
    assertThat(r.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(r.message()).startsWith("no A records for www.example.test. (empty answer)");
    assertThat(check("www.example.test", "A", exactly()).up()).isTrue();
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithinTheDeadlineAfterResendingTheQuery() {
    int before = server.udpQueries();
    long start = System.nanoTime();
    CheckResult r = check(target("drop.example.test", "A", Transport.UDP, null), Duration.ofMillis(1500));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(r.message()).isEqualTo("no answer from 127.0.0.1:" + server.port() + " within 1500 ms");
    assertThat(tookMillis).isBetween(1490L, 2500L);
    assertThat(r.responseMicros()).isGreaterThanOrEqualTo(1_490_000);
    assertThat(server.udpQueries() - before).as("sent, then resent after 1 s").isEqualTo(2);
  }

  @Test
  void aSocketThatReadsAndDropsTimesOut() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      Target.Dns t = new Target.Dns("example.test", "A", "127.0.0.1", silent.getLocalPort(), Transport.UDP, null);
      long start = System.nanoTime();
      CheckResult r = check(t, Duration.ofMillis(300));
      assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(290L, 1300L);
    }
  }

  @Test
  void overTcpTheConnectIsTimedWithinTheQuery() {
    int before = server.tcpQueries();
    CheckResult r = check(target("example.test", "MX", Transport.TCP, exactly("10 mail.example.test.",
        "20 backup.example.test.")), TIMEOUT);
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("transport", "tcp");
    assertThat(r.phases().connectMicros()).isPositive().isLessThanOrEqualTo(r.phases().dnsMicros());
    assertThat(server.tcpQueries() - before).isEqualTo(1);
  }

  @Test
  void aTruncatedUdpAnswerIsAskedAgainOverTcp() {
    CheckResult r = check("big.example.test", "A", exactly("10.0.0.9"));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("truncated", true).containsEntry("transport", "tcp");
    assertThat(r.phases().connectMicros()).isPositive();
  }

  @Test
  void aTruncatedUdpAnswerFromAServerWithoutTcpSaysSo() throws Exception {
    // A UDP-only server: TestDnsServer's TCP side is closed, so the retry over TCP is refused.
    try (TestDnsServer udpOnly = new TestDnsServer().add("big.test", "A", "10.0.0.9")
        .behave("big.test", TestDnsServer.Behaviour.TRUNCATE_UDP)) {
      udpOnly.closeTcp();
      CheckResult r = check(new Target.Dns("big.test", "A", "127.0.0.1", udpOnly.port(), Transport.UDP, null), TIMEOUT);
      assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.REFUSED);
      assertThat(r.message()).isEqualTo("the udp reply was truncated, and asking again over tcp failed: "
          + "connection refused by 127.0.0.1:" + udpOnly.port());
      assertThat(r.details()).containsEntry("transport", "tcp");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void garbageInsteadOfAReplyIsAProtocolFailure(Transport transport) {
    CheckResult r = check(target("garbage.example.test", "A", transport, null), TIMEOUT);
    assertThat(r.reason()).isEqualTo(FailureReason.PROTOCOL);
    assertThat(r.message()).startsWith("malformed reply from 127.0.0.1:" + server.port() + " (5 bytes): ");
  }

  @Test
  void aReplyWithAnotherIdIsIgnored() {
    assertThat(check("spoofed.example.test", "A", null).up()).isTrue();
    CheckResult r = check(target("wrong-id.example.test", "A", Transport.UDP, null), Duration.ofMillis(400));
    assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(r.message()).endsWith("(ignored 1 replies to other queries)");
  }

  @Test
  void aTcpServerClosingWithoutAnAnswerIsAProtocolFailure() {
    CheckResult r = check(target("close.example.test", "A", Transport.TCP, null), TIMEOUT);
    assertThat(r.reason()).isEqualTo(FailureReason.PROTOCOL);
    assertThat(r.message()).isEqualTo("127.0.0.1:" + server.port() + " closed the connection without answering");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void nothingListeningIsRefused(Transport transport) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = transport == Transport.TCP ? s.getLocalPort() : d.getLocalPort();
    }
    CheckResult r = check(new Target.Dns("example.test", "A", "127.0.0.1", port, transport, null), TIMEOUT);
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.REFUSED);
    assertThat(r.responseMicros()).isLessThan(1_000_000);
  }

  @Test
  void aServerGivenByNameIsLookedUpFirst() {
    CheckResult r = check(new Target.Dns("example.test", "A", "localhost", server.port(), Transport.UDP, null),
        TIMEOUT);
    assertThat(r.up()).as(r.toString()).isTrue();
    CheckResult unknown = check(new Target.Dns("example.test", "A", "ns.nowhere.invalid", 53, Transport.UDP, null),
        TIMEOUT);
    assertThat(unknown.reason()).isEqualTo(FailureReason.DNS_FAILURE);
    assertThat(unknown.message()).isEqualTo("server name does not resolve: ns.nowhere.invalid");
  }

  @Test
  void withoutAServerTheSystemNameServersAreAskedInOrder() throws Exception {
    int closed;
    try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      closed = d.getLocalPort();
    }
    Target.Dns t = new Target.Dns("example.test", "A", null, 53, Transport.UDP, null);
    InetSocketAddress refusing = new InetSocketAddress(InetAddress.getLoopbackAddress(), closed);
    CheckResult r = new DnsCheck(t, resolver, () -> List.of(refusing, server.address())).run(TIMEOUT);
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.address()).isEqualTo("127.0.0.1:" + server.port());
    assertThat(t.host()).isEqualTo("system-resolver");
    assertThat(t.display()).isEqualTo("dns:///example.test?type=A");
    CheckResult none = new DnsCheck(t, resolver, List::of).run(TIMEOUT);
    assertThat(none.reason()).isEqualTo(FailureReason.ERROR);
  }

  @Test
  void theSystemNameServersAreWhatDnsjavaReadsFromTheSystem() {
    // dnsjava's dns.server property overrides resolv.conf: point it at loopback, never query the real one.
    String old = System.getProperty("dns.server");
    System.setProperty("dns.server", "127.0.0.1:" + server.port());
    try {
      org.xbill.DNS.ResolverConfig.refresh();
      List<InetSocketAddress> servers = DnsCheck.systemServers();
      assertThat(servers).containsExactly(server.address());
      Target.Dns t = new Target.Dns("example.test", "NS", null, 53, Transport.UDP, contains("ns1.example.test"));
      CheckResult r = new DnsCheck(t, resolver, DnsCheck::systemServers).run(TIMEOUT);
      assertThat(r.up()).as(r.toString()).isTrue();
    } finally {
      if (old == null) {
        System.clearProperty("dns.server");
      } else {
        System.setProperty("dns.server", old);
      }
      org.xbill.DNS.ResolverConfig.refresh();
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aServerOnIpv6Loopback(Transport transport) throws Exception {
    InetAddress v6;
    try {
      v6 = InetAddress.getByName("::1");
      new DatagramSocket(new InetSocketAddress(v6, 0)).close();
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e);
      return;
    }
    try (TestDnsServer six = new TestDnsServer(v6).add("six.test", "AAAA", "::1")) {
      CheckResult r = check(new Target.Dns("six.test", "AAAA", "::1", six.port(), transport,
          new Expect("NOERROR", List.of("0:0:0:0:0:0:0:1"), List.of(), null)), TIMEOUT);
      assertThat(r.up()).as(r.toString()).isTrue();
      assertThat(r.address()).isEqualTo("[::1]:" + six.port());
      assertThat(r.details()).containsEntry("answers", List.of("::1"));
    }
  }

  @Test
  void anIpv6ServerIsShownInBrackets() {
    assertThat(DnsCheck.format(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53))).isEqualTo("127.0.0.1:53");
    assertThat(DnsCheck.format(new InetSocketAddress("::1", 5353))).isEqualTo("[::1]:5353");
    assertThat(DnsCheck.format(new InetSocketAddress("2001:db8:0:0:1:0:0:1", 53))).isEqualTo("[2001:db8::1:0:0:1]:53");
  }
}
