package io.pingbase.check.dns;

import io.pingbase.check.Check;
import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Resolver;
import io.pingbase.check.Target;
import io.pingbase.net.NetworkPolicy;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Asks one DNS question and judges the reply: its rcode, then the answers of the asked type.
 *
 * <p>The response time is the query's round trip: from sending it (over TCP: from starting to
 * connect) to the whole reply, reported as the {@code dns} phase; over TCP the {@code connect}
 * phase is the handshake within it. Looking up a server given by name is not part of it.
 * A UDP reply with the TC (truncated) bit is asked again over TCP within the same deadline, as a
 * resolver would, and the response time then covers both. Queries carry EDNS(0) with a 1232-byte
 * UDP payload (the DNS flag day 2020 size) and ask for recursion.
 *
 * <p>Without a server, the system's name servers (resolv.conf, read by dnsjava) are asked in
 * order: the next one only when one refuses or is unreachable, since a timeout uses the deadline.
 */
public final class DnsCheck implements Check {
  static final int EDNS_PAYLOAD = 1232;

  private final Target.Dns target;
  private final Resolver resolver;
  private final Supplier<List<InetSocketAddress>> systemServers;
  private final Pattern matches;
  private final NetworkPolicy policy;

  public DnsCheck(Target.Dns target, Resolver resolver, Supplier<List<InetSocketAddress>> systemServers) {
    this(target, resolver, systemServers, NetworkPolicy.SELF_HOSTED);
  }

  /**
   * @param policy which addresses a {@code server:} may be; the system's own name servers
   *               (resolv.conf) are the operator's choice and are not judged
   */
  public DnsCheck(Target.Dns target, Resolver resolver, Supplier<List<InetSocketAddress>> systemServers,
      NetworkPolicy policy) {
    this.policy = java.util.Objects.requireNonNull(policy, "policy");
    this.target = target;
    this.resolver = resolver;
    this.systemServers = systemServers;
    this.matches = target.expect().matches() == null ? null : Pattern.compile(target.expect().matches());
  }

  /** The system's name servers as dnsjava reads them (resolv.conf, or the {@code dns.server} property). */
  public static List<InetSocketAddress> systemServers() {
    return ResolverConfig.getCurrentConfig().servers();
  }

  /**
   * Builds a query and parses and judges a reply to it on the calling thread, without a network,
   * so that dnsjava's classes are loaded before checks on virtual threads need them (see
   * {@link io.pingbase.check.WarmUp}).
   */
  public static void warmUp() {
    try {
      Target.Dns target = new Target.Dns("localhost", "A", "127.0.0.1", Target.Dns.DEFAULT_PORT,
          Target.Dns.Transport.UDP, new Target.Dns.Expect("NOERROR", null, List.of("127.0.0.1"), "^127\\."));
      DnsCheck check = new DnsCheck(target, (host, timeout) -> new InetAddress[0], List::of);
      Message query = check.query();
      Message reply = new Message(query.getHeader().getID());
      reply.getHeader().setFlag(Flags.QR);
      reply.addRecord(query.getQuestion(), Section.QUESTION);
      reply.addRecord(Record.fromString(query.getQuestion().getName(), Type.A, DClass.IN, 60, "127.0.0.1", Name.root),
          Section.ANSWER);
      Message parsed = new Message(reply.toWire());
      check.judge(new DnsExchange.Reply(parsed, 1, -1), query.getQuestion().getName(), "127.0.0.1:53",
          new LinkedHashMap<>());
    } catch (IOException | RuntimeException e) {
      // nothing to warm up with; the first real checks pay for it
    }
  }

  @Override
  public CheckResult run(Duration timeout) {
    final long start = System.nanoTime();
    final long deadline = start + timeout.toNanos();
    try {
      return ask(start, deadline, timeout);
    } catch (RuntimeException e) { // a check never throws (see Check)
      return CheckResult.down(FailureReason.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(),
          micros(System.nanoTime() - start), Phases.NONE, null);
    }
  }

  private CheckResult ask(long start, long deadline, Duration timeout) {
    Message query;
    try {
      query = query();
    } catch (IOException e) {
      return CheckResult.down(FailureReason.ERROR, "cannot ask for " + target.query() + ": " + e.getMessage(),
          0, Phases.NONE, null);
    }
    List<InetSocketAddress> servers;
    if (target.server() == null) {
      servers = systemServers.get();
      if (servers.isEmpty()) {
        return CheckResult.down(FailureReason.ERROR, "no system name servers configured (resolv.conf)",
            micros(System.nanoTime() - start), Phases.NONE, null);
      }
    } else {
      try {
        servers = List.of(new InetSocketAddress(server(deadline), target.port()));
      } catch (UnknownHostException e) {
        return CheckResult.down(FailureReason.DNS_FAILURE, "server name does not resolve: " + target.server(),
            micros(System.nanoTime() - start), Phases.NONE, null);
      } catch (TimeoutException e) {
        return CheckResult.down(FailureReason.DNS_FAILURE, "server name did not resolve within "
            + timeout.toMillis() + " ms: " + target.server(), micros(System.nanoTime() - start), Phases.NONE, null);
      }
    }
    for (InetSocketAddress server : servers) {
      String refusal = target.server() == null ? null
          : policy.refusal(NetworkPolicy.nameOrNull(target.server()), server.getAddress());
      if (refusal != null) {
        return CheckResult.down(FailureReason.BLOCKED, "server " + refusal, micros(System.nanoTime() - start),
            Phases.NONE, null);
      }
    }
    DnsExchange.Failed failure = null;
    String shown = null;
    boolean tcp = false;
    for (InetSocketAddress server : servers) {
      shown = format(server);
      tcp = target.transport() == Target.Dns.Transport.TCP;
      DnsExchange.Outcome outcome =
          tcp ? DnsExchange.tcp(server, query, deadline, timeout.toMillis())
              : DnsExchange.udp(server, query, deadline, timeout.toMillis());
      boolean truncated = false;
      if (outcome instanceof DnsExchange.Reply udp && !tcp && udp.message().getHeader().getFlag(Flags.TC)) {
        truncated = true;
        tcp = true;
        long before = udp.queryMicros();
        outcome = switch (DnsExchange.tcp(server, query, deadline, timeout.toMillis())) {
          case DnsExchange.Reply r -> new DnsExchange.Reply(r.message(), before + r.queryMicros(), r.connectMicros());
          case DnsExchange.Failed f -> new DnsExchange.Failed(f.reason(),
              "the udp reply was truncated, and asking again over tcp failed: " + f.message(), f.connectMicros());
        };
      }
      switch (outcome) {
        case DnsExchange.Reply reply -> {
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("transport", tcp ? "tcp" : "udp");
          if (truncated) {
            details.put("truncated", true);
          }
          return judge(reply, query.getQuestion().getName(), shown, details);
        }
        case DnsExchange.Failed f -> failure = f;
      }
      boolean tryNext = failure.reason() == FailureReason.REFUSED || failure.reason() == FailureReason.UNREACHABLE;
      if (!tryNext || System.nanoTime() - deadline >= 0) {
        break;
      }
    }
    long took = micros(System.nanoTime() - start);
    return new CheckResult(false, failure.reason(), failure.message(), took,
        new Phases(Phases.ABSENT, failure.connectMicros(), Phases.ABSENT, Phases.ABSENT, Phases.ABSENT), shown,
        null, Map.of("transport", tcp ? "tcp" : "udp"));
  }

  private CheckResult judge(DnsExchange.Reply reply, Name name, String shown, Map<String, Object> details) {
    Message m = reply.message();
    Phases phases = new Phases(reply.queryMicros(), reply.connectMicros(), Phases.ABSENT, Phases.ABSENT, Phases.ABSENT);
    int type = Type.value(target.recordType());
    List<Record> records = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r.getType() == type) {
        records.add(r);
        ttl = Math.min(ttl, r.getTTL());
      }
    }
    List<String> answers = records.stream().map(DnsText::presentation).toList();
    String rcode = DnsText.rcodeName(m.getRcode());
    details.put("rcode", rcode);
    details.put("authoritative", m.getHeader().getFlag(Flags.AA));
    details.put("answers", answers);
    if (!records.isEmpty()) {
      details.put("ttl", ttl);
    }
    String problem = problem(rcode, records, answers, name);
    CheckResult result = problem == null
        ? CheckResult.up(reply.queryMicros(), phases, shown)
        : CheckResult.down(FailureReason.ASSERTION, problem, reply.queryMicros(), phases, shown);
    return result.withDetails(details);
  }

  /** Why the reply is not what {@code expect} asks for, or null when it is. */
  private String problem(String rcode, List<Record> records, List<String> answers, Name name) {
    Target.Dns.Expect expect = target.expect();
    if (!rcode.equals(expect.rcode())) {
      return "rcode " + rcode + ", expected " + expect.rcode();
    }
    Set<String> seen = new LinkedHashSet<>();
    records.forEach(r -> seen.add(DnsText.key(r)));
    if (expect.answers() != null) {
      Set<String> wanted = new LinkedHashSet<>();
      for (String a : expect.answers()) {
        wanted.add(DnsText.key(parsed(a)));
      }
      return wanted.equals(seen) ? null : "answers " + answers + ", expected exactly " + expect.answers();
    }
    if (records.isEmpty() && Rcode.NOERROR == Rcode.value(expect.rcode())) {
      return "no " + target.recordType() + " records for " + name + " (empty answer); write answers: [] to expect none";
    }
    List<String> missing = new ArrayList<>();
    for (String c : expect.contains()) {
      if (!seen.contains(DnsText.key(parsed(c)))) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      return "answers " + answers + ", expected to contain " + String.join(", ", missing);
    }
    if (matches != null) {
      if (answers.isEmpty()) {
        return "no answers, expected answers matching /" + expect.matches() + "/";
      }
      for (String a : answers) {
        if (!matches.matcher(a).find()) {
          return "answer " + a + " does not match /" + expect.matches() + "/ (answers " + answers + ")";
        }
      }
    }
    return null;
  }

  private Record parsed(String answer) {
    try {
      return DnsText.parse(target.recordType(), answer);
    } catch (IOException e) { // Target.Dns validated every expected answer
      throw new IllegalStateException("invalid expected answer " + answer, e);
    }
  }

  private Message query() throws IOException {
    Name name = DnsText.queryName(target.query(), target.recordType());
    Message query = Message.newQuery(Record.newRecord(name, Type.value(target.recordType()), DClass.IN));
    query.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
    return query;
  }

  private InetAddress server(long deadline) throws UnknownHostException, TimeoutException {
    String host = target.server();
    if (NetworkPolicy.nameOrNull(host) == null) {
      return InetAddress.getByName(host); // an IP literal: parsed, never looked up
    }
    return resolver.resolve(host, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))[0];
  }

  static String format(InetSocketAddress address) {
    InetAddress a = address.getAddress();
    String host = a == null ? address.getHostString()
        : a instanceof Inet6Address v6 ? "[" + DnsText.canonical(v6) + "]"
        : a.getHostAddress();
    return host + ":" + address.getPort();
  }

  private static long micros(long nanos) {
    return nanos / 1_000;
  }
}
