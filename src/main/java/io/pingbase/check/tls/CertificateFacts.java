package io.pingbase.check.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a TLS server's certificate chain says at one instant: the facts a result records
 * ({@link #details()}), whether an expiry threshold is crossed ({@link #warning}), and what is
 * wrong with it ({@link #problems}). Built from the chain the server sent, whether or not it is
 * trusted, so a DOWN result still shows the certificate.
 *
 * <pre>{@code
 * CertificateFacts facts = CertificateFacts.of(sslSession, clock.instant());
 * List<CertificateFacts.Problem> problems = facts.problems(TlsTrust.system(), "example.com");
 * String warning = problems.isEmpty() ? facts.warning(List.of(30, 14, 7)) : null;  // null: none crossed
 * result = result.withDetails(facts.details());
 * }</pre>
 *
 * @param chain    the certificates as the server sent them, leaf first; not empty
 * @param protocol the negotiated TLS version ("TLSv1.3"), or null when unknown
 * @param cipher   the negotiated cipher suite, or null when unknown
 * @param now      the instant the facts are judged at (days left, expiry)
 */
public record CertificateFacts(List<X509Certificate> chain, String protocol, String cipher, Instant now) {

  public CertificateFacts {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain has at least the leaf");
    }
    Objects.requireNonNull(now, "now");
  }

  /**
   * The facts of an established session.
   *
   * @throws IllegalArgumentException the peer sent no X.509 certificate (an anonymous or PSK-only session)
   */
  public static CertificateFacts of(SSLSession session, Instant now) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      throw new IllegalArgumentException("the server sent no certificate", e);
    }
    return new CertificateFacts(chain, session.getProtocol(), session.getCipherSuite(), now);
  }

  /** What is wrong with a certificate, in the order {@link #problems} checks. */
  public enum Kind { EXPIRED, NOT_YET_VALID, UNTRUSTED, HOSTNAME }

  /** One thing wrong, with the sentence a DOWN result shows ("certificate expired 3 days ago (2026-11-22)"). */
  public record Problem(Kind kind, String message) {}

  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** Whole days until the leaf expires, rounded down; negative once expired. */
  public long daysLeft() {
    return Certificates.days(now, leaf().getNotAfter().toInstant());
  }

  /** The certificate of the chain (leaf included) that expires first. */
  public X509Certificate earliestExpiring() {
    return chain.stream().min(Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
  }

  /** Whole days until the first certificate of the chain expires, rounded down. */
  public long chainDaysLeft() {
    return Certificates.days(now, earliestExpiring().getNotAfter().toInstant());
  }

  /**
   * Everything wrong, most basic first: the leaf expired or not yet valid, the chain not trusted
   * by {@code trust}, the leaf not for {@code hostname}. Empty when the certificate is fine.
   */
  public List<Problem> problems(TlsTrust trust, String hostname) {
    List<Problem> out = new ArrayList<>();
    X509Certificate leaf = leaf();
    Instant notAfter = leaf.getNotAfter().toInstant();
    Instant notBefore = leaf.getNotBefore().toInstant();
    boolean leafDated = false;
    if (now.isAfter(notAfter)) {
      out.add(new Problem(Kind.EXPIRED, "certificate expired " + Certificates.ago(notAfter, now)));
      leafDated = true;
    } else if (now.isBefore(notBefore)) {
      out.add(new Problem(Kind.NOT_YET_VALID, "certificate is not yet valid: becomes valid "
          + Certificates.in(notBefore, now)));
      leafDated = true;
    }
    String untrusted = trust.problem(chain, now);
    // The validator repeats the leaf's dates; said once above is enough.
    if (untrusted != null && !(leafDated && untrusted.startsWith("certificate "))) {
      out.add(new Problem(Kind.UNTRUSTED, "certificate not trusted: " + untrusted));
    }
    if (hostname != null && !Certificates.matches(leaf, hostname)) {
      List<String> names = Certificates.names(leaf);
      out.add(new Problem(Kind.HOSTNAME, "certificate for " + (names.isEmpty() ? "no name" : String.join(", ", names))
          + " does not match host " + hostname));
    }
    return List.copyOf(out);
  }

  /**
   * The threshold crossed: the smallest of {@code warnDays} that the chain's days left are below
   * (12 days left with 30, 14, 7 gives 14); null when none is crossed.
   */
  public Integer crossedThreshold(List<Integer> warnDays) {
    long left = chainDaysLeft();
    Integer crossed = null;
    for (Integer t : warnDays) {
      if (left < t && (crossed == null || t < crossed)) {
        crossed = t;
      }
    }
    return crossed;
  }

  /**
   * Why the monitor should be DEGRADED ("certificate expires in 12 days (2026-12-07), below 14-day
   * threshold"), or null when no threshold is crossed. Counts the first certificate of the chain
   * to expire, since an expired intermediate breaks the chain as surely as the leaf.
   */
  public String warning(List<Integer> warnDays) {
    Integer crossed = crossedThreshold(warnDays);
    if (crossed == null) {
      return null;
    }
    X509Certificate first = earliestExpiring();
    Instant at = first.getNotAfter().toInstant();
    String what = first == leaf() || at.equals(leaf().getNotAfter().toInstant())
        ? "certificate" : "intermediate certificate " + Certificates.subject(first);
    return what + " expires " + Certificates.in(at, now) + ", below " + crossed + "-day threshold";
  }

  /**
   * The facts as JSON-shaped details, the same keys for every check that sees a certificate:
   * {@code days-left}, {@code not-after}, {@code chain-days-left}, {@code chain-not-after},
   * {@code chain-earliest} (subject of the first to expire), {@code subject}, {@code issuer},
   * {@code sans}, {@code sha256}, {@code not-before}, {@code chain-length}, {@code tls-version},
   * {@code cipher}. Instants are ISO-8601 UTC.
   */
  public Map<String, Object> details() {
    X509Certificate leaf = leaf();
    X509Certificate first = earliestExpiring();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("days-left", daysLeft());
    d.put("not-after", leaf.getNotAfter().toInstant().toString());
    d.put("chain-days-left", chainDaysLeft());
    d.put("chain-not-after", first.getNotAfter().toInstant().toString());
    d.put("chain-earliest", Certificates.subject(first));
    d.put("subject", Certificates.subject(leaf));
    d.put("issuer", Certificates.issuer(leaf));
    d.put("sans", Certificates.sans(leaf));
    d.put("sha256", Certificates.sha256(leaf));
    d.put("not-before", leaf.getNotBefore().toInstant().toString());
    d.put("chain-length", (long) chain.size());
    if (protocol != null) {
      d.put("tls-version", protocol);
    }
    if (cipher != null) {
      d.put("cipher", cipher);
    }
    return d;
  }
}
