package io.pingbase.check.http;

import io.pingbase.check.FailureReason;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for HTTPS monitors: the handshake over the connected socket, judged with the JDK's
 * validation (trust store or {@code ca-file}, and the host name), or not judged when
 * {@code tls-verify: false}.
 */
final class HttpTls {
  private HttpTls() {}

  sealed interface Outcome permits Established, Failed {}

  record Established(SSLSocket socket, Map<String, Object> details) implements Outcome {}

  record Failed(FailureReason reason, String message, Map<String, Object> details) implements Outcome {}

  /** Which CAs a monitor trusts; built once per check instance. */
  static SSLContext context(boolean verify, String caFile) throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      if (!verify) {
        ctx.init(null, new TrustManager[] {new TrustAll()}, null);
      } else if (caFile != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        try (var in = java.nio.file.Files.newInputStream(Path.of(caFile))) {
          for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            ks.setCertificateEntry("ca" + i++, c);
          }
        }
        if (i == 0) {
          throw new IOException("ca-file " + caFile + " holds no certificate");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        ctx.init(null, tmf.getTrustManagers(), null);
      } else {
        return SSLContext.getDefault();
      }
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  static Outcome handshake(SSLContext ctx, boolean verify, Socket plain, HttpUrl url, long deadline, Instant now) {
    SSLSocket ssl = null;
    try {
      ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain, url.host(), url.port(), true);
      SSLParameters p = ssl.getSSLParameters();
      if (verify) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
      }
      p.setApplicationProtocols(new String[] {"http/1.1"});
      ssl.setSSLParameters(p);
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      ssl.setSoTimeout((int) Math.max(1, (remaining + 999_999) / 1_000_000));
      ssl.startHandshake();
      return new Established(ssl, facts(ssl.getSession(), now));
    } catch (SSLHandshakeException e) {
      return new Failed(certificateProblem(e) ? FailureReason.CERTIFICATE : FailureReason.TLS,
          (certificateProblem(e) ? "certificate problem: " : "TLS handshake failed: ") + rootMessage(e), Map.of());
    } catch (SocketTimeoutException e) {
      return new Failed(FailureReason.TIMEOUT, "the TLS handshake did not finish in time", Map.of());
    } catch (SSLException e) {
      return new Failed(FailureReason.TLS, "TLS handshake failed: " + rootMessage(e), Map.of());
    } catch (IOException | RuntimeException e) {
      if (System.nanoTime() - deadline >= 0) {
        return new Failed(FailureReason.TIMEOUT, "the TLS handshake did not finish in time", Map.of());
      }
      return new Failed(FailureReason.TLS, "TLS handshake failed: " + rootMessage(e), Map.of());
    }
  }

  private static boolean certificateProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException || t instanceof java.security.cert.CertPathValidatorException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static Map<String, Object> facts(SSLSession session, Instant now) {
    Map<String, Object> d = new LinkedHashMap<>();
    try {
      if (session.getPeerCertificates()[0] instanceof X509Certificate leaf) {
        d.put("days-left", Duration.between(now, leaf.getNotAfter().toInstant()).toDays());
        d.put("not-after", leaf.getNotAfter().toInstant().toString());
        d.put("subject", leaf.getSubjectX500Principal().getName());
        d.put("issuer", leaf.getIssuerX500Principal().getName());
      }
    } catch (IOException e) {
      // no certificate facts
    }
    d.put("tls-version", session.getProtocol());
    d.put("cipher", session.getCipherSuite());
    return d;
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
