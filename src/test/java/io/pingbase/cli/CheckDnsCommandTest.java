package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.dns.TestDnsServer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pingbase check dns://...} against a real DNS server on loopback. */
class CheckDnsCommandTest {
  private static final String MS = "\\d+\\.\\d{3}ms";
  static TestDnsServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestDnsServer()
        .add("example.test", "MX", 300, "10 mail.example.test.")
        .add("example.test", "MX", 60, "20 backup.example.test.");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void anAnswerIsPrintedWithRcodeAnswersAndTtl() {
    String url = "dns://127.0.0.1:" + server.port() + "/example.test?type=MX";
    Cli.Run run = Cli.run("check", url, "--timeout", "2s");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).matches(Pattern.quote(url) + " UP dns=" + MS + " connect=- response=" + MS
        + " address=127\\.0\\.0\\.1:" + server.port()
        + " transport=udp rcode=NOERROR authoritative=true answers=\"10 mail\\.example\\.test\\.,20 backup\\.example\\.test\\.\" ttl=60\n");
  }

  @Test
  void overTcpWithAnExpectationThatFails() {
    String url = "dns://127.0.0.1:" + server.port() + "/example.test?type=MX&transport=tcp&contains=30+other.test.";
    Cli.Run run = Cli.run("check", url, "--timeout", "2s");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).startsWith("dns://127.0.0.1:" + server.port() + "/example.test?type=MX&transport=tcp DOWN reason=ASSERTION dns=")
        .contains(" transport=tcp rcode=NOERROR ")
        .endsWith(" message=\"answers [10 mail.example.test., 20 backup.example.test.], expected to contain 30 other.test.\"\n");
  }

  @Test
  void anUnknownNameIsNxdomain() {
    Cli.Run run = Cli.run("check", "dns://127.0.0.1:" + server.port() + "/nope.example.test", "--timeout", "2s");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("DOWN reason=ASSERTION").contains("rcode=NXDOMAIN")
        .endsWith("message=\"rcode NXDOMAIN, expected NOERROR\"\n");
    Cli.Run expected = Cli.run("check", "dns://127.0.0.1:" + server.port() + "/nope.example.test?rcode=NXDOMAIN");
    assertThat(expected.exitCode()).as(expected.toString()).isZero();
  }

  @Test
  void aBadDnsUrlIsAUsageError() {
    Cli.Run run = Cli.run("check", "dns://127.0.0.1/example.test?type=ANY");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("record type must be one of A, AAAA, CNAME, MX, NS, TXT, SOA, SRV, CAA, PTR, was \"ANY\"");
  }
}
