package io.pingbase.check.tls;

import io.pingbase.check.FailureReason;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Layers TLS over an already connected socket and returns what the server presented, without
 * judging it: the handshake accepts any certificate and captures the chain, so that the caller
 * can report the certificate's facts even when it is expired or untrusted, and then judge it
 * itself with {@link CertificateFacts#problems} (the JDK's PKIX validator plus a hostname check).
 *
 * <pre>{@code
 * Socket plain = ...connected, STARTTLS dialog done if any...;
 * switch (TlsHandshake.over(plain, "example.com", 443, deadlineNanos)) {
 *   case TlsHandshake.Established ok -> {
 *     CertificateFacts facts = ok.facts(clock.instant());
 *     List<CertificateFacts.Problem> problems = facts.problems(trust, "example.com");
 *     // talk over ok.socket() if needed; closing it closes the plain socket
 *   }
 *   case TlsHandshake.Failed f -> CheckResult.down(f.reason(), f.message(), ...);  // TLS or TIMEOUT
 * }
 * }</pre>
 *
 * <p>One deadline ({@link System#nanoTime()} based) bounds the whole handshake, however slowly the
 * server trickles bytes: when it passes, the socket is closed. No session is resumed; every
 * handshake shows the certificate the server has now.
 */
public final class TlsHandshake {
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

  private TlsHandshake() {}

  /** The outcome of a handshake. */
  public sealed interface Outcome permits Established, Failed {}

  /**
   * The handshake finished. {@code socket} is open (the caller closes it; that closes the plain
   * socket too); {@code chain} is what the server sent, leaf first, not yet judged.
   */
  public record Established(SSLSocket socket, SSLSession session, List<X509Certificate> chain) implements Outcome {
    public Established {
      chain = List.copyOf(chain);
    }

    /** The chain's facts at {@code now}, with the negotiated version and cipher. */
    public CertificateFacts facts(Instant now) {
      return new CertificateFacts(chain, session.getProtocol(), session.getCipherSuite(), now);
    }
  }

  /**
   * The handshake failed: {@code reason} is {@link FailureReason#TLS} (the message says what
   * happened) or {@link FailureReason#TIMEOUT} (the deadline passed). The socket is closed.
   * {@code chain} holds the certificates if the server got as far as sending them, else is empty.
   */
  public record Failed(FailureReason reason, String message, List<X509Certificate> chain) implements Outcome {
    public Failed {
      chain = List.copyOf(chain);
    }
  }

  /** {@link #over(Socket, String, int, long, List)} without ALPN. */
  public static Outcome over(Socket connected, String serverName, int port, long deadlineNanos) {
    return over(connected, serverName, port, deadlineNanos, List.of());
  }

  /**
   * Runs the client handshake over {@code connected}.
   *
   * @param serverName           sent as SNI unless it is an IP literal; may be null
   * @param port                 the server's port (part of the session's identity only)
   * @param deadlineNanos        a {@link System#nanoTime()} value the handshake must finish by
   * @param applicationProtocols ALPN names to offer ("h2", "http/1.1"), or empty for none
   */
  public static Outcome over(
      Socket connected, String serverName, int port, long deadlineNanos, List<String> applicationProtocols) {
    CapturingTrustManager capture = new CapturingTrustManager();
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> watchdog = null;
    SSLSocket ssl = null;
    try {
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        closeQuietly(connected);
        return new Failed(FailureReason.TIMEOUT, "no time left for the TLS handshake", List.of());
      }
      watchdog = DEADLINES.schedule(() -> {
        expired.set(true);
        closeQuietly(connected);
      }, remaining, TimeUnit.NANOSECONDS);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {capture}, null);
      ssl = (SSLSocket) context.getSocketFactory().createSocket(connected, serverName, port, true);
      SSLParameters params = ssl.getSSLParameters();
      if (serverName != null && Certificates.literal(serverName) == null) {
        try {
          params.setServerNames(List.of(new SNIHostName(serverName)));
        } catch (IllegalArgumentException e) {
          params.setServerNames(List.of()); // not a valid SNI name (an underscore, say): send none
        }
      }
      if (!applicationProtocols.isEmpty()) {
        params.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
      }
      ssl.setSSLParameters(params);
      ssl.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (remaining + 999_999) / 1_000_000)));
      ssl.startHandshake();
      SSLSession session = ssl.getSession();
      List<X509Certificate> chain = capture.chain();
      if (chain.isEmpty()) {
        closeQuietly(ssl);
        return new Failed(FailureReason.TLS, "the server sent no certificate", List.of());
      }
      return new Established(ssl, session, chain);
    } catch (IOException | RuntimeException | GeneralSecurityException e) {
      closeQuietly(ssl != null ? ssl : connected);
      closeQuietly(connected);
      return classify(e, expired.get() || e instanceof SocketTimeoutException, serverName, capture.chain());
    } finally {
      if (watchdog != null) {
        watchdog.cancel(false);
      }
    }
  }

  static Failed classify(Exception e, boolean timedOut, String serverName, List<X509Certificate> chain) {
    if (timedOut) {
      return new Failed(FailureReason.TIMEOUT, "the TLS handshake did not finish in time", chain);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    String said;
    int alert = lower.indexOf("received fatal alert: ");
    if (alert >= 0) {
      String name = message.substring(alert + "received fatal alert: ".length()).trim();
      said = switch (name) {
        case "protocol_version" -> "the server refused every TLS version offered (alert protocol_version)";
        case "handshake_failure", "insufficient_security" ->
            "no TLS version and cipher suite in common with the server (alert " + name + ")";
        case "unrecognized_name" -> "the server does not know the name " + serverName + " (alert unrecognized_name)";
        case "certificate_required", "bad_certificate" ->
            "the server requires a client certificate (alert " + name + ")";
        default -> "the server ended the handshake with alert " + name;
      };
    } else if (lower.contains("unsupported or unrecognized ssl message")) {
      said = "the server does not speak TLS on this port (its answer is not a TLS record)";
    } else if (lower.contains("no appropriate protocol")) {
      said = "no TLS version in common with the server (" + message + ")";
    } else if (lower.contains("remote host terminated") || e instanceof EOFException
        || e.getCause() instanceof EOFException) {
      said = "the server closed the connection during the TLS handshake; does it speak TLS on this port?";
    } else if (lower.contains("connection reset")) {
      said = "the server reset the connection during the TLS handshake";
    } else if (e instanceof SSLException) {
      said = "TLS handshake failed: " + message;
    } else {
      said = "TLS handshake failed: " + e.getClass().getSimpleName() + ": " + message;
    }
    return new Failed(FailureReason.TLS, said, chain);
  }

  private static void closeQuietly(Socket s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (IOException | RuntimeException e) {
      // closing after a failure; nothing to add
    }
  }

  private static ScheduledThreadPoolExecutor deadlines() {
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "pingbase-tls-deadline");
      t.setDaemon(true);
      return t;
    });
    ex.setRemoveOnCancelPolicy(true);
    return ex;
  }

  /** Accepts any server chain and keeps it: judging it is the caller's job, after the handshake. */
  private static final class CapturingTrustManager extends X509ExtendedTrustManager {
    private volatile List<X509Certificate> chain = List.of();

    List<X509Certificate> chain() {
      return chain;
    }

    private void keep(X509Certificate[] certificates) {
      chain = certificates == null ? List.of() : List.of(certificates);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket) {
      keep(certificates);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) {
      keep(certificates);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType) {
      keep(certificates);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
