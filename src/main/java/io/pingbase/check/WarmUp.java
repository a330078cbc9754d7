package io.pingbase.check;

import io.pingbase.check.tcp.TcpCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * Runs the check code once on the calling thread before the scheduler starts thousands of checks
 * on virtual threads.
 *
 * <p>Why: a virtual thread that blocks while the JVM loads a class pins its carrier thread. When
 * thousands of checks reach a class that is not loaded yet in the same few milliseconds, every
 * carrier can end up pinned, waiting for a class-loading lock whose holder needs a lock that a
 * platform thread holds while it waits for something only an unmounted virtual thread can release.
 * A 10,000-monitor server hung that way at start-up (thread dump in docs/DECISIONS.md). Loading the
 * classes of the success and failure paths first, on one thread, takes that herd away.
 *
 * <p>Only loopback is contacted: a listener of our own, and the same port once closed.
 */
public final class WarmUp {
  private WarmUp() {}

  public static void run(CheckFactory checks, Resolver resolver) {
    int port = -1;
    try (ServerSocket own = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = own.getLocalPort();
      checks.create(new Target.Tcp("127.0.0.1", port)).run(Duration.ofSeconds(1));
    } catch (IOException | RuntimeException e) {
      // nothing to warm up with; the first real checks pay for it
    }
    if (port > 0) { // closed now: the refused path
      checks.create(new Target.Tcp("127.0.0.1", port)).run(Duration.ofSeconds(1));
    }
    checks.create(new Target.Tcp("localhost", port > 0 ? port : 1)).run(Duration.ofSeconds(1));
    TcpCheck.warmUpFailurePaths();
    // The BLOCKED path (network.targets: multi-tenant), judged without dialling anything.
    new CheckFactory(resolver, io.pingbase.net.NetworkPolicy.MULTI_TENANT)
        .create(new Target.Tcp("127.0.0.1", port > 0 ? port : 1)).run(Duration.ofSeconds(1));
    // type: dns: a reply parsed and judged without a network, then the refused paths against the closed port.
    io.pingbase.check.dns.DnsCheck.warmUp();
    if (port > 0) {
      for (Target.Dns.Transport transport : Target.Dns.Transport.values()) {
        checks.create(new Target.Dns("localhost", "A", "127.0.0.1", port, transport, null)).run(Duration.ofSeconds(1));
      }
    }
    warmUpProtocols(checks);
    io.pingbase.check.http.HttpWarmUp.run(checks);
    try {
      resolver.resolve("localhost", Duration.ofSeconds(1));
    } catch (Exception e) {
      // same
    }
  }

  /**
   * Each protocol probe once against a listener of ours that greets like NATS and closes: loads
   * the conversation, probe and PROTOCOL-path classes (see above) in a few milliseconds.
   */
  private static void warmUpProtocols(CheckFactory checks) {
    try (ServerSocket closing = new ServerSocket(0, 16, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = new Thread(() -> {
        while (!closing.isClosed()) {
          try {
            try (java.net.Socket client = closing.accept()) {
              // a NATS greeting: the nats probe's success path (its JSON reading) is warmed up too
              client.getOutputStream().write("INFO {\"version\":\"0\"}\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
          } catch (IOException e) {
            return;
          }
        }
      }, "warm-up-protocols");
      acceptor.setDaemon(true);
      acceptor.start();
      for (String name : io.pingbase.check.tcp.protocol.Protocols.names()) {
        io.pingbase.check.tcp.protocol.ProtocolSpec spec = name.equals(io.pingbase.check.tcp.protocol.Protocols.SEND_EXPECT)
            ? new io.pingbase.check.tcp.protocol.ProtocolSpec(name, false,
                java.util.List.of(new io.pingbase.check.tcp.protocol.ProtocolSpec.Step("\r\n", null, "^x", false)))
            : io.pingbase.check.tcp.protocol.ProtocolSpec.of(name);
        checks.create(new Target.Tcp("127.0.0.1", closing.getLocalPort(), spec)).run(Duration.ofSeconds(1));
      }
    } catch (IOException | RuntimeException e) {
      // nothing to warm up with; the first real checks pay for it
    }
  }
}
