package io.pingbase.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test, for TLS servers the tests start: a CA the client can be told to
 * trust, and leaves that are valid, expired, not yet valid, for another host, self-signed, or
 * expiring in a given number of days. EC P-256 keys, so making one takes about a millisecond.
 *
 * <pre>{@code
 * TestCertificates.Authority ca = TestCertificates.authority("Test CA");
 * TestCertificates.Leaf leaf = ca.leaf("localhost").validFor(Duration.ofDays(10)).issue();
 * SSLContext server = leaf.serverContext();
 * SSLContext client = ca.clientContext();        // trusts the CA only
 * }</pre>
 */
public final class TestCertificates {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xffff_ffffL);
  private static final char[] PASSWORD = "changeit".toCharArray();

  private TestCertificates() {}

  /** A self-signed CA, valid from a day ago for ten years. */
  public static Authority authority(String commonName) {
    KeyPair keys = keyPair();
    Instant now = Instant.now();
    X509Certificate cert = sign(new X500Name("CN=" + commonName), keys, new X500Name("CN=" + commonName),
        keys.getPrivate(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true, List.of(), null);
    return new Authority(cert, keys);
  }

  /** A self-signed leaf for these names (DNS names or IP literals), valid from a day ago for a year. */
  public static Leaf selfSigned(String... names) {
    KeyPair keys = keyPair();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=" + names[0]);
    X509Certificate cert = sign(subject, keys, subject, keys.getPrivate(), now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(365)), false, List.of(names), null);
    return new Leaf(List.of(cert), keys);
  }

  /** A certificate authority that issues leaves (directly, or through an intermediate). */
  public record Authority(X509Certificate certificate, KeyPair keys) {

    public LeafBuilder leaf(String... names) {
      return new LeafBuilder(this, List.of(names));
    }

    /**
     * An intermediate CA signed by this one. Its leaves must send it along:
     * {@code intermediate.leaf("h").chain(intermediate.certificate()).issue()}.
     */
    public Authority intermediate(String commonName) {
      KeyPair k = keyPair();
      Instant now = Instant.now();
      X509Certificate cert = sign(new X500Name("CN=" + commonName), k,
          new X500Name(certificate.getSubjectX500Principal().getName()), keys.getPrivate(),
          now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)), true, List.of(), certificate);
      return new Authority(cert, k);
    }

    /** A trust store holding this CA only. */
    public KeyStore trustStore() {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", certificate);
        return ks;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** A client SSLContext that trusts this CA and nothing else. */
    public SSLContext clientContext() {
      try {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), RANDOM);
        return ctx;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Options of a leaf before it is issued. */
  public static final class LeafBuilder {
    private final Authority issuer;
    private final List<String> names;
    private final List<X509Certificate> extraChain = new ArrayList<>();
    private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(365));

    LeafBuilder(Authority issuer, List<String> names) {
      this.issuer = issuer;
      this.names = names;
    }

    /** Valid from a day ago until {@code left} from now. */
    public LeafBuilder validFor(Duration left) {
      this.notAfter = Instant.now().plus(left);
      return this;
    }

    public LeafBuilder validity(Instant notBefore, Instant notAfter) {
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      return this;
    }

    /** Expired {@code ago}, after a year of validity. */
    public LeafBuilder expired(Duration ago) {
      this.notAfter = Instant.now().minus(ago);
      this.notBefore = notAfter.minus(Duration.ofDays(365));
      return this;
    }

    /** Valid only from {@code in} from now. */
    public LeafBuilder notYetValid(Duration in) {
      this.notBefore = Instant.now().plus(in);
      this.notAfter = notBefore.plus(Duration.ofDays(365));
      return this;
    }

    /** Certificates sent after the leaf (intermediates), in order. */
    public LeafBuilder chain(X509Certificate... intermediates) {
      extraChain.addAll(List.of(intermediates));
      return this;
    }

    public Leaf issue() {
      KeyPair keys = keyPair();
      X509Certificate cert = sign(new X500Name("CN=" + names.get(0)), keys,
          new X500Name(issuer.certificate().getSubjectX500Principal().getName()), issuer.keys().getPrivate(),
          notBefore, notAfter, false, names, issuer.certificate());
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(cert);
      chain.addAll(extraChain);
      return new Leaf(List.copyOf(chain), keys);
    }
  }

  /** A certificate chain (leaf first) and the leaf's key, ready for a server. */
  public record Leaf(List<X509Certificate> chain, KeyPair keys) {

    public X509Certificate certificate() {
      return chain.get(0);
    }

    /** A key store with the leaf's key and chain under alias "server", password "changeit". */
    public KeyStore keyStore() {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", keys.getPrivate(), PASSWORD, chain.toArray(X509Certificate[]::new));
        return ks;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public static char[] password() {
      return PASSWORD.clone();
    }

    /** A server SSLContext presenting this chain. */
    public SSLContext serverContext() {
      try {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore(), PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, RANDOM);
        return ctx;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
      Instant notBefore, Instant notAfter, boolean ca, List<String> names, X509Certificate issuerCert) {
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
          Date.from(notBefore), Date.from(notAfter), subject, subjectKeys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
      if (issuerCert != null) {
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
      }
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      }
      if (!names.isEmpty()) {
        GeneralName[] sans = names.stream().map(TestCertificates::generalName).toArray(GeneralName[]::new);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
      }
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GeneralName generalName(String name) {
    boolean ip = name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    if (ip) {
      try {
        return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress());
      } catch (IOException e) {
        throw new IllegalArgumentException(name, e);
      }
    }
    return new GeneralName(GeneralName.dNSName, name);
  }
}
