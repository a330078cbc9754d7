package io.pingbase.check.http;

import io.pingbase.check.FailureReason;
import io.pingbase.check.tls.CertificateFacts;
import io.pingbase.check.tls.TlsHandshake;
import io.pingbase.check.tls.TlsTrust;
import java.io.IOException;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;

/**
 * TLS for HTTPS monitors, on the TLS monitor's reusable core ({@code check/tls}): the handshake
 * accepts any chain and captures it, then the chain is judged here (expiry, trust by the JDK
 * store or {@code ca-file}, host name) unless {@code tls-verify: false}. So an HTTPS result
 * carries the same certificate facts as a TLS monitor's, a DOWN one included, and a certificate
 * problem is reason CERTIFICATE with the TLS monitor's wording.
 */
final class HttpTls {
  private HttpTls() {}

  sealed interface Outcome permits Established, Failed {}

  record Established(SSLSocket socket, Map<String, Object> details) implements Outcome {}

  record Failed(FailureReason reason, String message, Map<String, Object> details) implements Outcome {}

  /** The CAs a monitor trusts: the JDK's store, or the certificates of its {@code ca-file}. */
  static TlsTrust trust(String caFile) throws IOException {
    return caFile == null ? TlsTrust.system() : TlsTrust.fromPemFile(java.nio.file.Path.of(caFile));
  }

  /** @param trust null when the certificate is not to be judged ({@code tls-verify: false}) */
  static Outcome handshake(Socket plain, HttpUrl url, long deadline, TlsTrust trust, Instant now) {
    return switch (TlsHandshake.over(plain, url.host(), url.port(), deadline, List.of("http/1.1"))) {
      case TlsHandshake.Failed f -> new Failed(
          // The check's own watchdog may close the socket at the deadline a moment before the
          // handshake's: that is a timeout too, not a TLS failure.
          System.nanoTime() - deadline >= 0 ? FailureReason.TIMEOUT : f.reason(),
          System.nanoTime() - deadline >= 0 ? "the TLS handshake did not finish in time" : f.message(),
          f.chain().isEmpty() ? Map.of() : new CertificateFacts(f.chain(), null, null, now).details());
      case TlsHandshake.Established ok -> {
        CertificateFacts facts = ok.facts(now);
        List<CertificateFacts.Problem> problems = trust == null ? List.of() : facts.problems(trust, url.host());
        if (problems.isEmpty()) {
          yield new Established(ok.socket(), facts.details());
        }
        closeQuietly(ok.socket());
        yield new Failed(FailureReason.CERTIFICATE,
            problems.stream().map(CertificateFacts.Problem::message).collect(Collectors.joining("; ")), facts.details());
      }
    };
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing after a refused certificate
    }
  }
}
