package io.pingbase.config;

import io.pingbase.check.Target;
import io.pingbase.check.dns.DnsText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code type: dns}: {@code query}, {@code record-type}, {@code server} ({@code host[:port]}, left
 * out for the system resolver), {@code transport} and {@code expect} (rcode, answers, contains,
 * matches).
 */
final class DnsFormat implements TargetFormat<Target.Dns> {
  private static final List<String> EXPECT_KEYS = List.of("rcode", "answers", "contains", "matches");

  @Override
  public String type() {
    return "dns";
  }

  @Override
  public Class<Target.Dns> targetClass() {
    return Target.Dns.class;
  }

  @Override
  public List<String> keys() {
    return List.of("query", "record-type", "server", "transport", "expect");
  }

  @Override
  public Target.Dns read(MapReader r) {
    String recordType = r.nonBlank("record-type", "A");
    if (recordType != null && DnsText.typeProblem(recordType) != null) {
      r.error("record-type", "must be one of " + String.join(", ", DnsText.TYPES) + ", was " + Nodes.quote(recordType));
      recordType = null;
    }
    recordType = recordType == null ? null : recordType.toUpperCase(Locale.ROOT);
    String query = r.requiredText("query");
    if (query != null && recordType != null && DnsText.queryProblem(query, recordType) != null) {
      r.error("query", DnsText.queryProblem(query, recordType).replaceFirst("^query ", ""));
      query = null;
    }
    String server = null;
    Integer port = Target.Dns.DEFAULT_PORT;
    String serverText = r.nonBlank("server", null);
    if (serverText != null) {
      String[] hostPort = splitServer(serverText);
      String problem = hostPort == null ? null : Hosts.problem(hostPort[0]);
      if (hostPort == null || problem != null) {
        r.error("server", hostPort == null ? "must be host or host:port, e.g. 10.0.0.53:53 or [::1]:5353, was "
            + Nodes.quote(serverText) : problem);
        port = null;
      } else {
        server = Hosts.normalise(hostPort[0]);
        port = parsePort(hostPort[1]);
        if (port == null) {
          r.error("server", "port must be an integer 1-65535, was " + Nodes.quote(hostPort[1]));
        }
      }
    }
    Target.Dns.Transport transport = null;
    String transportText = r.nonBlank("transport", "udp");
    if (transportText != null) {
      switch (transportText.toLowerCase(Locale.ROOT)) {
        case "udp" -> transport = Target.Dns.Transport.UDP;
        case "tcp" -> transport = Target.Dns.Transport.TCP;
        default -> r.error("transport", "must be udp or tcp, was " + Nodes.quote(transportText));
      }
    }
    Target.Dns.Expect expect = expect(r, recordType);
    if (!r.clean() || query == null || recordType == null || port == null || transport == null || expect == null) {
      return null;
    }
    try {
      return new Target.Dns(query, recordType, server, port, transport, expect);
    } catch (IllegalArgumentException e) { // every rule is checked above; this is a safety net
      r.error("query", e.getMessage());
      return null;
    }
  }

  private static Target.Dns.Expect expect(MapReader r, String recordType) {
    MapReader e = r.section("expect", "a map with rcode, answers, contains or matches");
    if (e == null) {
      return null;
    }
    e.allowOnly(EXPECT_KEYS);
    String rcode = e.nonBlank("rcode", "NOERROR");
    if (rcode != null && DnsText.rcodeProblem(rcode) != null) {
      e.error("rcode", "must be one of " + String.join(", ", DnsText.RCODES) + ", was " + Nodes.quote(rcode));
    }
    List<String> answers = answers(e, "answers", recordType);
    List<String> contains = answers(e, "contains", recordType);
    String matches = e.nonBlank("matches", null);
    if (matches != null && DnsText.regexProblem(matches) != null) {
      e.error("matches", DnsText.regexProblem(matches));
    }
    if (!e.clean()) {
      return null;
    }
    return new Target.Dns.Expect(rcode, answers, contains, matches);
  }

  /** A list of answers in presentation form; null when absent; reports each bad one. */
  private static List<String> answers(MapReader e, String key, String recordType) {
    ConfigNode node = e.value(key);
    if (node == null) {
      return null;
    }
    if (!(node instanceof ConfigList list)) {
      e.error(key, "must be a list of answers such as [\"10.0.0.1\"], was " + Nodes.describe(node));
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      ConfigNode item = list.items().get(i);
      String itemKey = key + "[" + i + "]";
      if (!(item instanceof ConfigScalar scalar) || scalar.text().isBlank()) {
        e.error(itemKey, "must be an answer as text, e.g. 10.0.0.1 or \"10 mail.example.com.\", was "
            + Nodes.describe(item));
        continue;
      }
      String problem = recordType == null ? null : DnsText.answerProblem(recordType, scalar.text());
      if (problem != null) {
        e.error(itemKey, Nodes.quote(scalar.text()) + " " + problem);
        continue;
      }
      out.add(scalar.text());
    }
    return out;
  }

  /** {@code [host, port]} of {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6; null when malformed. */
  static String[] splitServer(String text) {
    String t = text.trim();
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        return null;
      }
      String rest = t.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return null;
      }
      return new String[] {t.substring(0, close + 1), rest.isEmpty() ? "53" : rest.substring(1)};
    }
    int colon = t.indexOf(':');
    if (colon >= 0 && colon == t.lastIndexOf(':')) {
      return new String[] {t.substring(0, colon), t.substring(colon + 1)};
    }
    return new String[] {t, "53"}; // a name, an IPv4 address, or an IPv6 address without brackets
  }

  private static Integer parsePort(String text) {
    if (!text.matches("[0-9]{1,5}")) {
      return null;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535 ? port : null;
  }

  @Override
  public void write(Target.Dns dns, Map<String, Object> out) {
    out.put("query", dns.query());
    out.put("record-type", dns.recordType());
    if (dns.server() != null) {
      String host = dns.server().indexOf(':') >= 0 ? "[" + dns.server() + "]" : dns.server();
      out.put("server", host + ":" + dns.port());
    }
    out.put("transport", dns.transport().name().toLowerCase(Locale.ROOT));
    Map<String, Object> expect = new LinkedHashMap<>();
    expect.put("rcode", dns.expect().rcode());
    if (dns.expect().answers() != null) {
      expect.put("answers", dns.expect().answers());
    }
    if (!dns.expect().contains().isEmpty()) {
      expect.put("contains", dns.expect().contains());
    }
    if (dns.expect().matches() != null) {
      expect.put("matches", dns.expect().matches());
    }
    out.put("expect", expect);
  }
}
