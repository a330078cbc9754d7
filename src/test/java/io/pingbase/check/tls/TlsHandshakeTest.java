package io.pingbase.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.FailureReason;
import io.pingbase.testing.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reusable core against real TLS servers on loopback: handshake, facts, trust and hostname. */
class TlsHandshakeTest {
  private static final TestCertificates.Authority CA = TestCertificates.authority("Test CA");
  private static final TlsTrust TRUST_CA = TlsTrust.of(List.of(CA.certificate()), "test CA");

  private static TlsHandshake.Established handshake(TlsTestServer server) throws IOException {
    TlsHandshake.Outcome outcome = TlsHandshake.over(connect(server.port()), "localhost", server.port(),
        System.nanoTime() + Duration.ofSeconds(5).toNanos());
    assertThat(outcome).isInstanceOf(TlsHandshake.Established.class);
    return (TlsHandshake.Established) outcome;
  }

  private static Socket connect(int port) throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), port);
  }

  @Test
  void validCertificateFromPrivateCaHasFactsAndNoProblems() throws Exception {
    TestCertificates.Leaf leaf = CA.leaf("localhost", "127.0.0.1").validFor(Duration.ofDays(200)).issue();
    try (TlsTestServer server = TlsTestServer.direct(leaf.serverContext())) {
      TlsHandshake.Established ok = handshake(server);
      try (var s = ok.socket()) {
        CertificateFacts facts = ok.facts(Instant.now());
        assertThat(facts.problems(TRUST_CA, "localhost")).isEmpty();
        assertThat(facts.problems(TRUST_CA, "127.0.0.1")).isEmpty();
        Map<String, Object> d = facts.details();
        assertThat(d.get("days-left")).isEqualTo(199L);
        assertThat(d.get("chain-days-left")).isEqualTo(199L);
        assertThat(d.get("subject")).isEqualTo("CN=localhost");
        assertThat(d.get("issuer")).isEqualTo("CN=Test CA");
        assertThat(d.get("sans")).isEqualTo(List.of("localhost", "127.0.0.1"));
        String expected = HexFormat.ofDelimiter(":").withUpperCase()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.certificate().getEncoded()));
        assertThat(d.get("sha256")).isEqualTo(expected);
        assertThat(d.get("tls-version")).isEqualTo("TLSv1.3");
        assertThat((String) d.get("cipher")).startsWith("TLS_");
        assertThat(d.get("not-after")).isEqualTo(leaf.certificate().getNotAfter().toInstant().toString());
        assertThat(facts.warning(List.of(30, 14, 7))).isNull();
        assertThat(facts.crossedThreshold(List.of(30, 14, 7))).isNull();
      }
    }
  }

  @Test
  void untrustedAndWrongHostStillShowTheCertificate() throws Exception {
    TestCertificates.Leaf leaf = TestCertificates.selfSigned("localhost");
    try (TlsTestServer server = TlsTestServer.direct(leaf.serverContext())) {
      TlsHandshake.Established ok = handshake(server);
      ok.socket().close();
      CertificateFacts facts = ok.facts(Instant.now());
      assertThat(facts.details().get("subject")).isEqualTo("CN=localhost");
      assertThat(facts.problems(TlsTrust.system(), "example.test")).extracting(CertificateFacts.Problem::message)
          .containsExactly("certificate not trusted: self-signed",
              "certificate for localhost does not match host example.test");
      assertThat(facts.problems(TRUST_CA, "localhost")).extracting(CertificateFacts.Problem::kind)
          .containsExactly(CertificateFacts.Kind.UNTRUSTED);
      // pinned: a self-signed certificate in the ca-file is trusted as itself
      assertThat(facts.problems(TlsTrust.of(List.of(leaf.certificate()), "pin"), "localhost")).isEmpty();
    }
  }

  @Test
  void otherCaIsNamedAsNotTrusted() throws Exception {
    TestCertificates.Authority other = TestCertificates.authority("Other CA");
    TestCertificates.Leaf leaf = other.leaf("localhost").issue();
    CertificateFacts facts = new CertificateFacts(leaf.chain(), null, null, Instant.now());
    assertThat(facts.problems(TRUST_CA, "localhost")).extracting(CertificateFacts.Problem::message)
        .containsExactly("certificate not trusted: issuer CN=Other CA is not in test CA");
  }

  @Test
  void expiredAndNotYetValidAreSaidWithDates() {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    TestCertificates.Leaf expired = CA.leaf("localhost")
        .validity(Instant.parse("2025-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:00:00Z")).issue();
    assertThat(new CertificateFacts(expired.chain(), null, null, now).problems(TRUST_CA, "localhost"))
        .extracting(CertificateFacts.Problem::message)
        .containsExactly("certificate expired 3 days ago (2026-11-22)");
    TestCertificates.Leaf future = CA.leaf("localhost")
        .validity(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-12-01T00:00:00Z")).issue();
    assertThat(new CertificateFacts(future.chain(), null, null, now).problems(TRUST_CA, "localhost"))
        .extracting(CertificateFacts.Problem::kind).containsExactly(CertificateFacts.Kind.NOT_YET_VALID);
    assertThat(new CertificateFacts(future.chain(), null, null, now).problems(TRUST_CA, "localhost").get(0).message())
        .isEqualTo("certificate is not yet valid: becomes valid in 5 days (2026-12-01)");
    assertThat(new CertificateFacts(expired.chain(), null, null, now).details().get("days-left")).isEqualTo(-4L);
  }

  @Test
  void warningNamesTheSmallestThresholdCrossed() {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    TestCertificates.Leaf leaf = CA.leaf("localhost")
        .validity(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-12-07T13:00:00Z")).issue();
    CertificateFacts facts = new CertificateFacts(leaf.chain(), null, null, now);
    assertThat(facts.daysLeft()).isEqualTo(12);
    assertThat(facts.crossedThreshold(List.of(30, 14, 7))).isEqualTo(14);
    assertThat(facts.warning(List.of(30, 14, 7)))
        .isEqualTo("certificate expires in 12 days (2026-12-07), below 14-day threshold");
    assertThat(facts.warning(List.of(7))).isNull();
    assertThat(facts.crossedThreshold(List.of(60, 30))).isEqualTo(30);
  }

  @Test
  void intermediateExpiringBeforeTheLeafIsTheChainsEarliest() throws Exception {
    TestCertificates.Authority intermediate = CA.intermediate("Test Intermediate");
    Instant now = Instant.now();
    TestCertificates.Leaf leaf = intermediate.leaf("localhost")
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3000))).chain(intermediate.certificate())
        .issue();
    try (TlsTestServer server = TlsTestServer.direct(leaf.serverContext())) {
      TlsHandshake.Established ok = handshake(server);
      ok.socket().close();
      CertificateFacts facts = ok.facts(now.plus(Duration.ofDays(1821)));
      assertThat(facts.chain()).hasSize(2);
      assertThat(facts.problems(TRUST_CA, "localhost")).isEmpty();
      Map<String, Object> d = facts.details();
      assertThat((Long) d.get("days-left")).isGreaterThan(1000L);
      assertThat(d.get("chain-days-left")).isEqualTo(3L);
      assertThat(d.get("chain-earliest")).isEqualTo("CN=Test Intermediate");
      assertThat(facts.warning(List.of(30, 14, 7))).startsWith(
          "intermediate certificate CN=Test Intermediate expires in 3 days (").endsWith("below 7-day threshold");
      // once it has expired the chain is no longer trusted, and the message says which certificate
      CertificateFacts later = ok.facts(now.plus(Duration.ofDays(1830)));
      assertThat(later.problems(TRUST_CA, "localhost")).extracting(CertificateFacts.Problem::message)
          .singleElement().asString()
          .startsWith("certificate not trusted: intermediate certificate CN=Test Intermediate expired 5 days ago (");
    }
  }

  @Test
  void plainTcpServerFailsAsTlsQuickly() throws Exception {
    try (TlsTestServer server = new TlsTestServer(null, plain -> {
      OutputStream out = plain.getOutputStream();
      out.write("220 plain.example ESMTP ready\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      plain.getInputStream().read(new byte[1024]);
      return false;
    })) {
      long start = System.nanoTime();
      TlsHandshake.Outcome outcome = TlsHandshake.over(connect(server.port()), "localhost", server.port(),
          System.nanoTime() + Duration.ofSeconds(5).toNanos());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(outcome).isInstanceOfSatisfying(TlsHandshake.Failed.class, f -> {
        assertThat(f.reason()).isEqualTo(FailureReason.TLS);
        assertThat(f.message()).isEqualTo("the server does not speak TLS on this port (its answer is not a TLS record)");
      });
    }
  }

  @Test
  void serverClosingAtOnceFailsAsTls() throws Exception {
    try (TlsTestServer server = new TlsTestServer(null, plain -> false)) {
      TlsHandshake.Outcome outcome = TlsHandshake.over(connect(server.port()), "localhost", server.port(),
          System.nanoTime() + Duration.ofSeconds(5).toNanos());
      assertThat(outcome).isInstanceOfSatisfying(TlsHandshake.Failed.class, f -> {
        assertThat(f.reason()).isEqualTo(FailureReason.TLS);
        assertThat(f.message()).contains("closed the connection during the TLS handshake");
      });
    }
  }

  /** What an old server does with a TLS 1.2/1.3 ClientHello: a fatal alert record, then close. */
  private static TlsTestServer alerting(int alert) throws IOException {
    return new TlsTestServer(null, plain -> {
      plain.getInputStream().read(new byte[4096]);
      plain.getOutputStream().write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, (byte) alert});
      plain.getOutputStream().flush();
      return false;
    });
  }

  @Test
  void protocolVersionAndHandshakeFailureAlertsAreExplained() throws Exception {
    try (TlsTestServer server = alerting(70)) {
      TlsHandshake.Outcome outcome = TlsHandshake.over(connect(server.port()), "localhost", server.port(),
          System.nanoTime() + Duration.ofSeconds(5).toNanos());
      assertThat(outcome).isInstanceOfSatisfying(TlsHandshake.Failed.class, f -> {
        assertThat(f.reason()).isEqualTo(FailureReason.TLS);
        assertThat(f.message()).isEqualTo("the server refused every TLS version offered (alert protocol_version)");
      });
    }
    try (TlsTestServer server = alerting(40)) {
      TlsHandshake.Outcome outcome = TlsHandshake.over(connect(server.port()), "localhost", server.port(),
          System.nanoTime() + Duration.ofSeconds(5).toNanos());
      assertThat(outcome).isInstanceOfSatisfying(TlsHandshake.Failed.class, f -> assertThat(f.message())
          .isEqualTo("no TLS version and cipher suite in common with the server (alert handshake_failure)"));
    }
  }

  @Test
  void silentServerTimesOutAtTheDeadline() throws Exception {
    try (TlsTestServer server = new TlsTestServer(null, plain -> {
      plain.getInputStream().readAllBytes();
      return false;
    })) {
      long start = System.nanoTime();
      TlsHandshake.Outcome outcome = TlsHandshake.over(connect(server.port()), "localhost", server.port(),
          start + Duration.ofMillis(300).toNanos());
      long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertThat(took).isBetween(250L, 1500L);
      assertThat(outcome).isInstanceOfSatisfying(TlsHandshake.Failed.class,
          f -> assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT));
    }
  }
}
