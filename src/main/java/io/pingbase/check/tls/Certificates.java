package io.pingbase.check.tls;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/** Small readers and wordings over X.509 certificates, shared by the TLS classes. */
final class Certificates {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;
  private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");
  private static final Pattern CN = Pattern.compile("(?:^|,)\\s*CN=((?:[^,\\\\]|\\\\.)*)");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private Certificates() {}

  static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  static String issuer(X509Certificate c) {
    return c.getIssuerX500Principal().getName(X500Principal.RFC2253);
  }

  static boolean selfSigned(X509Certificate c) {
    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
      return false;
    }
    try {
      c.verify(c.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** DNS names and IP addresses of the subjectAltName extension, in order. */
  static List<String> sans(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> names = c.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> n : names) {
          int type = (Integer) n.get(0);
          if ((type == SAN_DNS || type == SAN_IP) && n.get(1) instanceof String s) {
            out.add(s);
          }
        }
      }
    } catch (CertificateParsingException e) {
      // an unparsable extension: no names, the hostname check will say so
    }
    return out;
  }

  /** The subject's common name, or null. */
  static String commonName(X509Certificate c) {
    Matcher m = CN.matcher(subject(c));
    return m.find() ? m.group(1).replace("\\", "") : null;
  }

  /** SHA-256 of the DER encoding, as {@code openssl x509 -fingerprint -sha256} shows it (AB:CD:...). */
  static String sha256(X509Certificate c) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The names a hostname is checked against: the SANs, or the CN when there are none. */
  static List<String> names(X509Certificate c) {
    List<String> sans = sans(c);
    if (!sans.isEmpty()) {
      return sans;
    }
    String cn = commonName(c);
    return cn == null ? List.of() : List.of(cn);
  }

  /**
   * Whether the certificate is for {@code host} (RFC 6125): an IP literal must equal an IP SAN; a
   * name must equal a DNS SAN, case-insensitively, where a leading {@code *.} stands for exactly
   * one label. The CN counts only when the certificate has no DNS SAN, as the JDK does.
   */
  static boolean matches(X509Certificate c, String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress ip = literal(h);
    List<String> dnsNames = new ArrayList<>();
    try {
      Collection<List<?>> names = c.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> n : names) {
          int type = (Integer) n.get(0);
          if (type == SAN_IP && ip != null && ip.equals(literal((String) n.get(1)))) {
            return true;
          }
          if (type == SAN_DNS) {
            dnsNames.add((String) n.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return false;
    }
    if (ip != null) {
      return false;
    }
    if (dnsNames.isEmpty()) {
      String cn = commonName(c);
      if (cn != null) {
        dnsNames.add(cn);
      }
    }
    String name = normalise(h);
    for (String pattern : dnsNames) {
      if (dnsMatch(normalise(pattern), name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean dnsMatch(String pattern, String name) {
    if (pattern.startsWith("*.")) {
      String suffix = pattern.substring(1); // ".example.com"
      int dot = name.indexOf('.');
      return dot > 0 && name.substring(dot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }
    return pattern.equals(name);
  }

  private static String normalise(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    try {
      n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      // keep as written; it will simply not match
    }
    return n.toLowerCase(Locale.ROOT);
  }

  static InetAddress literal(String host) {
    if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(host); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** "2026-12-07" (UTC). */
  static String date(Instant t) {
    return DAY.format(t);
  }

  /** "3 days ago (2026-11-22)"; hours or minutes when under a day. */
  static String ago(Instant t, Instant now) {
    return span(Duration.between(t, now)) + " ago (" + date(t) + ")";
  }

  /** "in 12 days (2026-12-07)"; hours or minutes when under a day. */
  static String in(Instant t, Instant now) {
    return "in " + span(Duration.between(now, t)) + " (" + date(t) + ")";
  }

  /** Whole days, rounded down: what "expires in N days" and the thresholds count. */
  static long days(Instant from, Instant to) {
    return Math.floorDiv(Duration.between(from, to).getSeconds(), 86_400);
  }

  private static String span(Duration d) {
    long days = d.toDays();
    if (days >= 1) {
      return days + (days == 1 ? " day" : " days");
    }
    long hours = d.toHours();
    if (hours >= 1) {
      return hours + (hours == 1 ? " hour" : " hours");
    }
    long minutes = Math.max(0, d.toMinutes());
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
