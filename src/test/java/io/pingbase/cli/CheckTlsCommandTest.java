package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.testing.LoopbackTlsServer;
import io.pingbase.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pingbase check tls://...} against a real TLS server on loopback. */
class CheckTlsCommandTest {
  private static final String MS = "\\d+\\.\\d{3}ms";
  private static final TestCertificates.Authority CA = TestCertificates.authority("CLI Test CA");

  @TempDir
  Path dir;

  private Path caFile() throws Exception {
    String pem = "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(CA.certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n";
    return Files.writeString(dir.resolve("ca.pem"), pem);
  }

  @Test
  void aValidCertificateIsUpWithItsFactsAndAWarningBelowTheThreshold() throws Exception {
    TestCertificates.Leaf leaf = CA.leaf("localhost").validFor(Duration.ofDays(10).plusHours(1)).issue();
    try (LoopbackTlsServer server = new LoopbackTlsServer(leaf.serverContext())) {
      int port = server.port();
      Cli.Run run = Cli.run("check", "tls://127.0.0.1:" + port + "?server-name=localhost&ca-file=" + caFile());
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.err()).isEmpty();
      String date = leaf.certificate().getNotAfter().toInstant().toString().substring(0, 10);
      assertThat(run.lines()).singleElement().asString()
          .matches(Pattern.quote("tls://127.0.0.1:" + port) + " UP dns=- connect=" + MS + " tls=" + MS
              + " response=" + MS + " address=" + Pattern.quote("127.0.0.1:" + port)
              + " days-left=10 not-after=\\S+ chain-days-left=10 chain-not-after=\\S+ chain-earliest=CN=localhost"
              + " subject=CN=localhost issuer=\"CN=CLI Test CA\" sans=localhost sha256=[0-9A-F:]{95} not-before=\\S+ chain-length=1"
              + " tls-version=TLSv1.3 cipher=TLS_\\S+ trusted=true hostname-match=true warn-threshold=14"
              + Pattern.quote(" warning=\"certificate expires in 10 days (" + date + "), below 14-day threshold\""));
    }
  }

  @Test
  void anUntrustedCertificateIsDownWithReasonCertificate() throws Exception {
    try (LoopbackTlsServer server = new LoopbackTlsServer(TestCertificates.selfSigned("localhost").serverContext())) {
      int port = server.port();
      Cli.Run run = Cli.run("check", "tls://localhost:" + port, "--json");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      JsonNode json = new ObjectMapper().readTree(run.lines().get(0));
      assertThat(json.path("reason").asText()).isEqualTo("CERTIFICATE");
      assertThat(json.path("message").asText()).isEqualTo("certificate not trusted: self-signed");
      assertThat(json.path("details").path("subject").asText()).isEqualTo("CN=localhost");
      assertThat(json.path("details").path("sans").get(0).asText()).isEqualTo("localhost");
    }
  }

  @Test
  void badTlsUrlsAreUsageErrors() {
    Cli.Run run = Cli.run("check", "tls://127.0.0.1:443?starttls=ftp");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("starttls must be one of smtp, imap, pop3, postgresql, none, was 'ftp'");
    Cli.Run unknown = Cli.run("check", "tls://127.0.0.1:443?verify=no");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown parameter 'verify'");
  }
}
