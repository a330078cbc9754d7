package io.pingbase.check.dns;

import io.pingbase.check.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The texts a DNS monitor is written with (record types, names, rcodes, expected answers) and
 * how they are checked and compared. Config, API and CLI all validate through here, so a value
 * that passes can always be queried and compared.
 */
public final class DnsText {
  /** The record types a DNS monitor can ask for, in the order messages list them. */
  public static final List<String> TYPES =
      List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "SRV", "CAA", "PTR");

  /** Response codes an expectation may name (RFC 1035 and 2136). */
  public static final List<String> RCODES = List.of("NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",
      "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE");

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private DnsText() {}

  public static String typeProblem(String type) {
    if (type == null || !TYPES.contains(type.toUpperCase(Locale.ROOT))) {
      return "record type must be one of " + String.join(", ", TYPES) + ", was " + quote(type);
    }
    return null;
  }

  public static String rcodeProblem(String rcode) {
    if (rcode == null || !RCODES.contains(rcode.toUpperCase(Locale.ROOT))) {
      return "rcode must be one of " + String.join(", ", RCODES) + ", was " + quote(rcode);
    }
    return null;
  }

  public static String regexProblem(String regex) {
    try {
      Pattern.compile(regex);
      return null;
    } catch (PatternSyntaxException e) {
      return "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()
          + " of " + quote(regex);
    }
  }

  /** What is wrong with the name to query, or null. A PTR query may also be an IP address. */
  public static String queryProblem(String query, String type) {
    if (query == null || query.isBlank()) {
      return "query must not be empty";
    }
    if (query.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return "query must be a domain name without spaces or control characters, was " + quote(query);
    }
    if (query.contains("://") || query.contains("/")) {
      return "query must be a domain name, not a URL, was " + quote(query);
    }
    try {
      queryName(query, type);
      return null;
    } catch (TextParseException | UnknownHostException e) {
      return "query is not a valid domain name (" + e.getMessage() + "): " + quote(query);
    }
  }

  /**
   * The absolute name to ask for: search domains never apply. For PTR, an IP address is turned
   * into its reverse name ({@code 127.0.0.1} → {@code 1.0.0.127.in-addr.arpa.}).
   */
  static Name queryName(String query, String type) throws TextParseException, UnknownHostException {
    if ("PTR".equals(type) && IP_LITERAL.matcher(query).matches()) {
      return ReverseMap.fromAddress(InetAddress.getByName(query)); // a literal: parsed, never looked up
    }
    return Name.fromString(query, Name.root);
  }

  /** What is wrong with the expected answers (one that cannot be a {@code type} record), or null. */
  public static String answersProblem(String type, Target.Dns.Expect expect) {
    for (List<String> list : expect.answers() == null
        ? List.of(expect.contains()) : List.of(expect.answers(), expect.contains())) {
      for (String answer : list) {
        String problem = answerProblem(type, answer);
        if (problem != null) {
          return "expected answer " + quote(answer) + " " + problem;
        }
      }
    }
    return null;
  }

  /** Why {@code answer} cannot be a {@code type} record ("is not a valid MX record: ..."), or null. */
  public static String answerProblem(String type, String answer) {
    try {
      parse(type, answer);
      return null;
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return "is not a valid " + type + " record: " + why.replaceFirst("^<none>:\\d+: ", "");
    }
  }

  /**
   * An expected answer as a record, in presentation form as {@code dig} shows it ({@code 10.0.0.1},
   * {@code 10 mail.example.com.}); relative names are taken as absolute. A TXT answer without
   * quotes is one string exactly as written.
   */
  static Record parse(String type, String text) throws IOException {
    if (text == null || text.isBlank()) {
      throw new IOException("empty");
    }
    int t = Type.value(type);
    if (t == Type.TXT && !text.startsWith("\"")) {
      return new TXTRecord(Name.root, DClass.IN, 0, text);
    }
    return Record.fromString(Name.root, t, DClass.IN, 0, text.trim(), Name.root);
  }

  /**
   * What makes two answers equal: their canonical wire form (RFC 4034 §6.2), so names compare
   * without regard to case or a trailing dot, and {@code ::1} equals {@code 0:0:0:0:0:0:0:1}.
   */
  static String key(Record r) {
    return r.getType() + ":" + HexFormat.of().formatHex(r.rdataToWireCanonical());
  }

  /** An answer as {@code dig} shows it, but an IPv6 address in RFC 5952 form ({@code 2001:db8::1}). */
  static String presentation(Record r) {
    if (r instanceof org.xbill.DNS.AAAARecord aaaa && aaaa.getAddress() instanceof java.net.Inet6Address v6) {
      return canonical(v6);
    }
    return r.rdataToString();
  }

  /** RFC 5952 text ({@code ::1}, not Java's {@code 0:0:0:0:0:0:0:1}), as the TCP check shows it. */
  static String canonical(java.net.Inet6Address address) {
    String[] groups = address.getHostAddress().replaceFirst("%.*$", "").split(":");
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; i++) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    return String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart)) + "::"
        + String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
  }

  static String rcodeName(int rcode) {
    return Rcode.string(rcode);
  }

  static String quote(String s) {
    return s == null ? "nothing" : "\"" + s + "\"";
  }
}
