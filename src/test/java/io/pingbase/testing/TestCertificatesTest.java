package io.pingbase.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class TestCertificatesTest {

  @Test
  void aLeafOfTheAuthorityIsTrustedForItsNameOverARealHandshake() throws Exception {
    TestCertificates.Authority ca = TestCertificates.authority("PingBase Test CA");
    TestCertificates.Leaf leaf = ca.leaf("localhost", "127.0.0.1").validFor(Duration.ofDays(10)).issue();
    X509Certificate cert = leaf.certificate();
    assertThat(cert.getNotAfter().toInstant()).isBetween(Instant.now().plus(Duration.ofDays(9)),
        Instant.now().plus(Duration.ofDays(11)));
    assertThat(cert.getSubjectAlternativeNames()).hasSize(2);

    assertThat(handshake(leaf.serverContext(), ca.clientContext(), "localhost")).isEqualTo(cert);
    assertThatThrownBy(() -> handshake(leaf.serverContext(), ca.clientContext(), "other.test"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void expiredAndForeignCertificatesFailValidation() {
    TestCertificates.Authority ca = TestCertificates.authority("CA");
    TestCertificates.Leaf expired = ca.leaf("localhost").expired(Duration.ofDays(2)).issue();
    assertThatThrownBy(() -> handshake(expired.serverContext(), ca.clientContext(), "localhost"))
        .isInstanceOf(SSLHandshakeException.class);
    TestCertificates.Leaf self = TestCertificates.selfSigned("localhost");
    assertThatThrownBy(() -> handshake(self.serverContext(), ca.clientContext(), "localhost"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void anIntermediateChainValidates() throws Exception {
    TestCertificates.Authority root = TestCertificates.authority("Root");
    TestCertificates.Authority mid = root.intermediate("Intermediate");
    TestCertificates.Leaf leaf = mid.leaf("localhost").chain(mid.certificate()).issue();
    assertThat(leaf.chain()).hasSize(2);
    assertThat(handshake(leaf.serverContext(), root.clientContext(), "localhost")).isEqualTo(leaf.certificate());
  }

  /** One TLS handshake on loopback; returns the leaf the client saw. */
  private static X509Certificate handshake(SSLContext server, SSLContext client, String hostname) throws Exception {
    try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
        try (SSLSocket s = (SSLSocket) listener.accept()) {
          s.setSoTimeout(5000);
          s.startHandshake();
        } catch (IOException ignored) {
          // the client refused our certificate
        }
      });
      // Connect to loopback, then layer TLS on top naming the host: the way a check does it, so
      // the hostname is verified against the name, not the address.
      java.net.Socket plain = new java.net.Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
      try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(plain, hostname, listener.getLocalPort(), true)) {
        s.setSoTimeout(5000);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.startHandshake();
        return (X509Certificate) s.getSession().getPeerCertificates()[0];
      } finally {
        accepted.get();
      }
    }
  }
}
