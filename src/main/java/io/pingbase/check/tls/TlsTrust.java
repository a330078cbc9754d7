package io.pingbase.check.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificate authorities a TLS check trusts: the JDK's default trust store
 * ({@link #system()}), or the CAs of a PEM file ({@link #fromPemFile}) for internal services
 * signed by a private CA. {@link #problem} validates a chain as the server sent it with the JDK's
 * PKIX validator at a given instant (revocation is not checked), so the verdict does not depend
 * on the wall clock and a chain can be judged after a handshake that accepted it blindly.
 */
public final class TlsTrust {
  private static volatile TlsTrust system;

  private final Set<TrustAnchor> anchors;
  private final Set<X509Certificate> anchorCertificates;
  private final String description;

  private TlsTrust(Collection<X509Certificate> cas, String description) {
    if (cas.isEmpty()) {
      throw new IllegalArgumentException("no trusted certificate in " + description);
    }
    Set<TrustAnchor> a = new HashSet<>();
    for (X509Certificate ca : cas) {
      a.add(new TrustAnchor(ca, null));
    }
    this.anchors = Set.copyOf(a);
    this.anchorCertificates = Set.copyOf(cas);
    this.description = description;
  }

  /** The JDK's default trust store (cacerts, or {@code javax.net.ssl.trustStore} when set); loaded once. */
  public static TlsTrust system() {
    TlsTrust s = system;
    if (s == null) {
      synchronized (TlsTrust.class) {
        s = system;
        if (s == null) {
          s = new TlsTrust(defaultIssuers(), "the JDK trust store");
          system = s;
        }
      }
    }
    return s;
  }

  /** Trusts exactly these certificates (CAs, or a self-signed server certificate pinned as its own anchor). */
  public static TlsTrust of(Collection<X509Certificate> cas, String description) {
    return new TlsTrust(List.copyOf(cas), description);
  }

  /**
   * Trusts the certificates of a PEM file ({@code -----BEGIN CERTIFICATE-----} blocks; other blocks
   * are ignored).
   *
   * @throws IOException saying what is wrong: the file is missing or unreadable, or holds no certificate
   */
  public static TlsTrust fromPemFile(Path file) throws IOException {
    List<X509Certificate> cas = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        if (c instanceof X509Certificate x) {
          cas.add(x);
        }
      }
    } catch (NoSuchFileException e) {
      throw new IOException("ca-file " + file + " does not exist", e);
    } catch (CertificateException e) {
      throw new IOException("ca-file " + file + " is not a PEM certificate file: " + e.getMessage(), e);
    }
    if (cas.isEmpty()) {
      throw new IOException("ca-file " + file + " holds no certificate (expected -----BEGIN CERTIFICATE----- blocks)");
    }
    return new TlsTrust(cas, "ca-file " + file);
  }

  /** Where the trusted CAs come from ("the JDK trust store", "ca-file /etc/ca.pem"). */
  public String description() {
    return description;
  }

  /**
   * Why {@code chain} (leaf first, as the server sent it) is not trusted at {@code now}, or null
   * when it is. The message completes "certificate not trusted: ..." ("self-signed",
   * "issuer CN=Foo CA is not a trusted CA"). Expiry of the leaf is reported here too, but callers
   * usually check it first to word it better (see {@link CertificateFacts#problems}).
   */
  public String problem(List<X509Certificate> chain, Instant now) {
    if (chain.isEmpty()) {
      return "the server sent no certificate";
    }
    if (anchorCertificates.contains(chain.get(0))) {
      return null; // pinned: the leaf itself is trusted
    }
    // The validator wants the path without its anchor; servers often send the root along.
    List<X509Certificate> path = new ArrayList<>(chain);
    while (path.size() > 1 && anchorCertificates.contains(path.get(path.size() - 1))) {
      path.remove(path.size() - 1);
    }
    try {
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(
          CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      return null;
    } catch (CertPathValidatorException e) {
      return explain(e, path, now);
    } catch (GeneralSecurityException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private String explain(CertPathValidatorException e, List<X509Certificate> path, Instant now) {
    int index = e.getIndex();
    X509Certificate at = index >= 0 && index < path.size() ? path.get(index) : null;
    String who = at == null ? "a certificate in the chain" : role(index) + " " + Certificates.subject(at);
    if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
      X509Certificate last = path.get(path.size() - 1);
      if (Certificates.selfSigned(last)) {
        return path.size() == 1 ? "self-signed"
            : "chain ends at self-signed " + Certificates.subject(last) + ", which is not in " + description;
      }
      return "issuer " + Certificates.issuer(last) + " is not in " + description;
    }
    if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED && at != null) {
      return who + " expired " + Certificates.ago(at.getNotAfter().toInstant(), now);
    }
    if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID && at != null) {
      return who + " is not valid before " + Certificates.date(at.getNotBefore().toInstant());
    }
    if (e.getReason() == PKIXReason.NAME_CHAINING) {
      return "the chain is broken at " + who + " (its issuer is not the next certificate)";
    }
    if (e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
      return "invalid signature on " + who;
    }
    if (e.getReason() == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
      return who + " uses a disabled algorithm: " + e.getMessage();
    }
    return who + ": " + e.getMessage();
  }

  private static String role(int index) {
    return index == 0 ? "certificate" : "intermediate certificate";
  }

  private static List<X509Certificate> defaultIssuers() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return List.of(x.getAcceptedIssuers());
        }
      }
      throw new IllegalStateException("the JDK offers no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the JDK trust store: " + e.getMessage(), e);
    }
  }
}
