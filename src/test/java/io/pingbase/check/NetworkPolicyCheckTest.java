package io.pingbase.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pingbase.check.dns.TestDnsServer;
import io.pingbase.net.Cidr;
import io.pingbase.net.NetworkPolicy;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Issue 5, network safety (SSRF): with {@code network.targets: multi-tenant} every check refuses
 * special addresses as BLOCKED, judged on the address resolved at connect time, at every HTTP
 * redirect hop, with {@code network.allow} as the exceptions; self-hosted allows everything.
 * Everything runs on loopback: a DNS server of the test's own answers the names.
 */
class NetworkPolicyCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final NetworkPolicy TENANT = NetworkPolicy.MULTI_TENANT;
  /** The first hop's address is allowed; 127.0.0.2 (the second server) is not. */
  private static final NetworkPolicy ALLOW_FIRST = new NetworkPolicy(NetworkPolicy.Targets.MULTI_TENANT,
      List.of(Cidr.parse("127.0.0.1/32")), Set.of());

  static TestDnsServer dns;
  static Resolver viaTestDns;
  static ServerSocket listener;
  static HttpServer first;
  static HttpServer second;
  static final AtomicInteger secondSaw = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread.ofVirtual().start(() -> {
      while (!listener.isClosed()) {
        try {
          listener.accept().close();
        } catch (IOException e) {
          return;
        }
      }
    });
    second = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 10);
    second.createContext("/", ex -> {
      secondSaw.incrementAndGet();
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    second.start();
    int secondPort = second.getAddress().getPort();
    dns = new TestDnsServer()
        .add("app.test", "A", "127.0.0.1")
        .add("rebound.test", "A", "127.0.0.1")
        .add("internal.test", "A", "127.0.0.2")
        // The loopback answer comes first: were the policy ever to let the name through, the check
        // would reach the test's own listener and fail the assertion, never the public address
        // (network rule: tests reach loopback only). The public address is only ever classified.
        .add("mixed.test", "A", "127.0.0.1")
        .add("mixed.test", "A", "93.184.215.14");
    viaTestDns = resolverFor(dns);
    first = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
    first.createContext("/to-private", ex -> redirect(ex, "http://127.0.0.2:" + secondPort + "/"));
    first.createContext("/to-name", ex -> redirect(ex, "http://internal.test:" + secondPort + "/"));
    first.start();
  }

  private static void redirect(com.sun.net.httpserver.HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  @AfterAll
  static void stop() throws IOException {
    listener.close();
    first.stop(0);
    second.stop(0);
    dns.close();
  }

  /**
   * A Resolver that asks the test's DNS server, as the system resolver would ask the real one: one
   * UDP query on a socket of its own (not dnsjava's SimpleResolver, whose process-wide NIO selector
   * thread would outlive the test and slow the server-level tests that run after it).
   */
  static Resolver resolverFor(TestDnsServer server) {
    return (host, timeout) -> {
      try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        Message query = Message.newQuery(Record.newRecord(Name.fromString(host + "."), Type.A, DClass.IN));
        byte[] wire = query.toWire();
        socket.send(new DatagramPacket(wire, wire.length, server.address()));
        DatagramPacket answer = new DatagramPacket(new byte[1232], 1232);
        socket.receive(answer);
        Message reply = new Message(java.util.Arrays.copyOf(answer.getData(), answer.getLength()));
        List<InetAddress> out = new ArrayList<>();
        for (Record rec : reply.getSection(Section.ANSWER)) {
          if (rec instanceof ARecord a) {
            out.add(a.getAddress());
          }
        }
        if (out.isEmpty()) {
          throw new UnknownHostException(host);
        }
        return out.toArray(InetAddress[]::new);
      } catch (UnknownHostException e) {
        throw e;
      } catch (IOException e) {
        throw new UnknownHostException(host + ": " + e.getMessage());
      }
    };
  }

  private static CheckResult run(NetworkPolicy policy, String url) {
    return new CheckFactory(viaTestDns, policy).create(TargetUrl.parse(url)).run(TIMEOUT);
  }

  @Test
  void aTcpMonitorToLoopbackIsBlockedNamingTheAddressAndTheRule() {
    CheckResult r = run(TENANT, "tcp://127.0.0.1:" + listener.getLocalPort());
    assertThat(r.up()).isFalse();
    assertThat(r.reason()).isEqualTo(FailureReason.BLOCKED);
    assertThat(r.message()).isEqualTo("127.0.0.1 is a loopback address (127.0.0.0/8); not allowed by "
        + "network.targets: multi-tenant (add it to network.allow to permit it)");
    assertThat(r.phases().connectMicros()).isEqualTo(Phases.ABSENT); // never dialled
  }

  @Test
  void selfHostedStillAllowsEverything() {
    assertThat(run(NetworkPolicy.SELF_HOSTED, "tcp://127.0.0.1:" + listener.getLocalPort()).up()).isTrue();
    assertThat(run(NetworkPolicy.SELF_HOSTED, "tcp://app.test:" + listener.getLocalPort()).up()).isTrue();
    assertThat(new CheckFactory(viaTestDns).create(TargetUrl.parse("tcp://127.0.0.1:" + listener.getLocalPort()))
        .run(TIMEOUT).up()).as("the factory without a policy is self-hosted").isTrue();
  }

  @Test
  void aNameThatResolvesToLoopbackIsBlockedAtConnectTime() {
    CheckResult r = run(TENANT, "tcp://rebound.test:" + listener.getLocalPort());
    assertThat(r.reason()).isEqualTo(FailureReason.BLOCKED);
    assertThat(r.message()).startsWith("127.0.0.1 is a loopback address");
    assertThat(r.phases().dnsMicros()).as("judged after resolving").isNotEqualTo(Phases.ABSENT);
    assertThat(r.phases().connectMicros()).isEqualTo(Phases.ABSENT);
  }

  @Test
  void aNameWithOneRefusedAddressAmongPublicOnesIsBlocked() {
    CheckResult r = run(TENANT, "tcp://mixed.test:" + listener.getLocalPort());
    assertThat(r.reason()).isEqualTo(FailureReason.BLOCKED);
    assertThat(r.message()).startsWith("127.0.0.1 is a loopback address");
  }

  @Test
  void protocolAndTlsChecksAreBlockedToo() {
    CheckResult redis = run(TENANT, "redis://127.0.0.1:" + listener.getLocalPort());
    assertThat(redis.reason()).isEqualTo(FailureReason.BLOCKED);
    CheckResult tls = run(TENANT, "tls://app.test:" + listener.getLocalPort());
    assertThat(tls.reason()).isEqualTo(FailureReason.BLOCKED);
    assertThat(tls.message()).startsWith("127.0.0.1 is a loopback address");
  }

  @Test
  void anHttpRedirectToARefusedAddressIsBlockedAtThatHop() {
    int before = secondSaw.get();
    CheckResult r = run(ALLOW_FIRST, "http://127.0.0.1:" + first.getAddress().getPort() + "/to-private");
    assertThat(r.reason()).isEqualTo(FailureReason.BLOCKED);
    assertThat(r.message()).startsWith("127.0.0.2 is a loopback address (127.0.0.0/8); not allowed");
    assertThat(r.details()).containsEntry("redirects", 1L)
        .containsEntry("final-url", "http://127.0.0.2:" + second.getAddress().getPort() + "/");
    assertThat(secondSaw.get()).as("the refused hop never saw a request").isEqualTo(before);
  }

  @Test
  void anHttpRedirectToANameThatResolvesToARefusedAddressIsBlocked() {
    int before = secondSaw.get();
    CheckResult r = run(ALLOW_FIRST, "http://app.test:" + first.getAddress().getPort() + "/to-name");
    assertThat(r.reason()).isEqualTo(FailureReason.BLOCKED);
    assertThat(r.message()).startsWith("127.0.0.2 is a loopback address");
    assertThat(secondSaw.get()).isEqualTo(before);
  }

  @Test
  void selfHostedFollowsTheSameRedirect() {
    int before = secondSaw.get();
    CheckResult r = run(NetworkPolicy.SELF_HOSTED, "http://127.0.0.1:" + first.getAddress().getPort() + "/to-private");
    assertThat(r.up()).as(String.valueOf(r.message())).isTrue();
    assertThat(secondSaw.get()).isEqualTo(before + 1);
  }

  @Test
  void allowListExceptionsWork() {
    assertThat(run(ALLOW_FIRST, "tcp://127.0.0.1:" + listener.getLocalPort()).up()).as("by block").isTrue();
    assertThat(run(ALLOW_FIRST, "tcp://app.test:" + listener.getLocalPort()).up()).as("a name, by address").isTrue();
    NetworkPolicy byName = new NetworkPolicy(NetworkPolicy.Targets.MULTI_TENANT, List.of(), Set.of("app.test"));
    assertThat(run(byName, "tcp://app.test:" + listener.getLocalPort()).up()).as("by host name").isTrue();
    CheckResult other = run(byName, "tcp://rebound.test:" + listener.getLocalPort());
    assertThat(other.reason()).as("another name with the same address").isEqualTo(FailureReason.BLOCKED);
    CheckResult literal = run(byName, "tcp://127.0.0.1:" + listener.getLocalPort());
    assertThat(literal.reason()).as("a host name exception is not one for the literal").isEqualTo(FailureReason.BLOCKED);
  }

  @Test
  void aDnsCheckServerOnARefusedAddressIsBlocked() {
    String url = "dns://127.0.0.1:" + dns.port() + "/app.test";
    CheckResult r = run(TENANT, url);
    assertThat(r.reason()).isEqualTo(FailureReason.BLOCKED);
    assertThat(r.message()).startsWith("server 127.0.0.1 is a loopback address");
    assertThat(run(ALLOW_FIRST, url).up()).as("allowed by network.allow").isTrue();
    assertThat(run(NetworkPolicy.SELF_HOSTED, url).up()).isTrue();
  }
}
