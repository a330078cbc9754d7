package io.pingbase.check.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTrustTest {
  @TempDir
  Path dir;

  @Test
  void pemFileTrustsItsCas() throws Exception {
    TestCertificates.Authority ca = TestCertificates.authority("File CA");
    TestCertificates.Authority other = TestCertificates.authority("Other CA");
    Path file = TlsTestServer.pem(dir.resolve("ca.pem"), other.certificate(), ca.certificate());
    TlsTrust trust = TlsTrust.fromPemFile(file);
    assertThat(trust.description()).isEqualTo("ca-file " + file);
    assertThat(trust.problem(ca.leaf("h").issue().chain(), Instant.now())).isNull();
    assertThat(trust.problem(other.leaf("h").issue().chain(), Instant.now())).isNull();
    assertThat(TlsTrust.system().problem(ca.leaf("h").issue().chain(), Instant.now()))
        .isEqualTo("issuer CN=File CA is not in the JDK trust store");
  }

  @Test
  void serverSendingTheRootAlongIsStillTrusted() {
    TestCertificates.Authority ca = TestCertificates.authority("Root");
    TestCertificates.Authority mid = ca.intermediate("Mid");
    var chain = mid.leaf("h").chain(mid.certificate(), ca.certificate()).issue().chain();
    assertThat(TlsTrust.of(java.util.List.of(ca.certificate()), "t").problem(chain, Instant.now())).isNull();
  }

  @Test
  void badFilesSayWhatIsWrong() throws Exception {
    assertThatThrownBy(() -> TlsTrust.fromPemFile(dir.resolve("missing.pem")))
        .isInstanceOf(IOException.class).hasMessageEndingWith("missing.pem does not exist");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertThatThrownBy(() -> TlsTrust.fromPemFile(empty)).hasMessageContaining("holds no certificate");
    Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> TlsTrust.fromPemFile(junk)).hasMessageContaining("is not a PEM certificate file");
  }

  @Test
  void hostnamesFollowRfc6125() {
    var wildcard = TestCertificates.selfSigned("*.example.test", "10.0.0.1", "::1").certificate();
    assertThat(Certificates.matches(wildcard, "www.example.test")).isTrue();
    assertThat(Certificates.matches(wildcard, "WWW.Example.Test.")).isTrue();
    assertThat(Certificates.matches(wildcard, "example.test")).isFalse();
    assertThat(Certificates.matches(wildcard, "a.b.example.test")).isFalse();
    assertThat(Certificates.matches(wildcard, "10.0.0.1")).isTrue();
    assertThat(Certificates.matches(wildcard, "10.0.0.2")).isFalse();
    assertThat(Certificates.matches(wildcard, "[::1]")).isTrue();
    assertThat(Certificates.matches(wildcard, "0:0:0:0:0:0:0:1")).isTrue();
    var tooWide = TestCertificates.selfSigned("*.test").certificate();
    assertThat(Certificates.matches(tooWide, "example.test")).isFalse();
  }
}
