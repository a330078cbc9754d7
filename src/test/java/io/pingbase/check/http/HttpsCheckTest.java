package io.pingbase.check.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.testing.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against real JDK HTTPS servers on loopback with certificates made in the test. */
class HttpsCheckTest {
  static TestCertificates.Authority ca;
  static Path caFile;
  final List<HttpsServer> servers = new ArrayList<>();

  @BeforeAll
  static void authority(@TempDir Path dir) throws Exception {
    ca = TestCertificates.authority("PingBase HTTP Test CA");
    caFile = pem(dir.resolve("ca.pem"), ca.certificate());
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private String serve(SSLContext context) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", ex -> {
      byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    servers.add(server);
    return "https://localhost:" + server.getAddress().getPort() + "/health";
  }

  static Path pem(Path file, X509Certificate... certificates) throws Exception {
    StringBuilder b = new StringBuilder();
    for (X509Certificate c : certificates) {
      b.append("-----BEGIN CERTIFICATE-----\n")
          .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return Files.writeString(file, b.toString());
  }

  @Test
  void aCertificateFromATrustedCaIsUpWithItsFactsAndTheTlsPhase() throws Exception {
    String url = serve(ca.leaf("localhost").validFor(Duration.ofDays(90)).issue().serverContext());
    CheckResult r = Spec.get(url).caFile(caFile.toString()).expect(Spec.json(new HttpExpect.Json("$.status", "UP", null))).run();
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.phases().tlsMicros()).isPositive();
    assertThat(r.phases().firstByteMicros()).isNotNegative();
    assertThat(r.details()).containsEntry("status-code", 200L).containsKey("tls-version").containsKey("cipher")
        .containsEntry("subject", "CN=localhost").containsEntry("issuer", "CN=PingBase HTTP Test CA")
        .containsEntry("sans", List.of("localhost")).containsKey("sha256").containsKey("not-after");
    assertThat((Long) r.details().get("days-left")).isBetween(88L, 90L);
  }

  @Test
  void withoutTheCaTheChainIsNotTrusted() throws Exception {
    String url = serve(ca.leaf("localhost").issue().serverContext());
    CheckResult r = Spec.get(url).run(); // the JDK trust store does not know the test CA
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.CERTIFICATE);
    assertThat(r.message()).startsWith("certificate not trusted: ");
    assertThat(r.details()).containsEntry("subject", "CN=localhost");
  }

  @Test
  void anExpiredCertificateIsACertificateFailure() throws Exception {
    String url = serve(ca.leaf("localhost").expired(Duration.ofDays(3)).issue().serverContext());
    CheckResult r = Spec.get(url).caFile(caFile.toString()).run();
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.CERTIFICATE);
    assertThat(r.message()).startsWith("certificate expired 3 days ago");
    assertThat((Long) r.details().get("days-left")).isNegative();
  }

  @Test
  void aMissingCaFileIsAnErrorNamingTheFileAndRecoversWhenItAppears() throws Exception {
    String url = serve(ca.leaf("localhost").issue().serverContext());
    Path missing = caFile.resolveSibling("rotated-ca.pem");
    Spec spec = Spec.get(url).caFile(missing.toString());
    HttpCheck check = spec.check();
    CheckResult r = check.run(Duration.ofSeconds(5));
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.ERROR);
    assertThat(r.message()).contains("rotated-ca.pem");

    java.nio.file.Files.copy(caFile, missing);
    assertThat(check.run(Duration.ofSeconds(5)).up()).as("the same check, once the file is there").isTrue();
  }

  @Test
  void aCertificateForAnotherHostIsACertificateFailure() throws Exception {
    String url = serve(ca.leaf("other.example").issue().serverContext());
    CheckResult r = Spec.get(url).caFile(caFile.toString()).run();
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.CERTIFICATE);
    assertThat(r.message()).isEqualTo("certificate for other.example does not match host localhost");
  }

  @Test
  void tlsVerifyFalseAcceptsASelfSignedCertificateButStillRecordsIt() throws Exception {
    String url = serve(TestCertificates.selfSigned("localhost").serverContext());
    CheckResult verified = Spec.get(url).run();
    assertThat(verified.reason()).isEqualTo(FailureReason.CERTIFICATE);
    assertThat(verified.message()).isEqualTo("certificate not trusted: self-signed");
    CheckResult unverified = Spec.get(url).tlsVerify(false).run();
    assertThat(unverified.up()).as(unverified.toString()).isTrue();
    assertThat(unverified.details()).containsEntry("subject", "CN=localhost").containsKey("days-left");
  }

  @Test
  void plainHttpOnAnHttpsUrlIsATlsFailure() throws Exception {
    try (RawServer plain = new RawServer((s, head) -> RawServer.send(s, "HTTP/1.1 400 Bad Request\r\n\r\n"), false)) {
      CheckResult r = Spec.get("https://127.0.0.1:" + plain.port() + "/").run();
      assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.TLS);
      assertThat(r.phases().tlsMicros()).isNotNegative();
    }
  }

  @Test
  void aStalledHandshakeTimesOutAtTheDeadline() throws Exception {
    try (RawServer silent = new RawServer((s, head) -> Thread.sleep(5000))) {
      long start = System.nanoTime();
      CheckResult r = Spec.get("https://127.0.0.1:" + silent.port() + "/").timeout(Duration.ofMillis(500)).run();
      assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    }
  }
}
