package io.pingbase.check.tcp;

import io.pingbase.check.Check;
import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Resolver;
import io.pingbase.check.tcp.protocol.Conversation;
import io.pingbase.check.tcp.protocol.Probe;
import io.pingbase.check.tcp.protocol.ProtocolMismatch;
import io.pingbase.check.tcp.protocol.ProtocolSpec;
import io.pingbase.check.tcp.protocol.Protocols;
import io.pingbase.check.tcp.protocol.StepTimeout;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Connects to host:port, times the handshake and closes right after it.
 *
 * <p>DNS is timed separately from the TCP handshake; the response time is the connect time alone,
 * which is what "alert if connecting takes longer than 500 ms" means. One deadline covers both.
 * When a name has several addresses they are tried in order, like a client library would, until
 * one accepts or the deadline passes.
 *
 * <p>With a {@link ProtocolSpec}, the check then talks that protocol over the connection under the
 * same deadline ({@link #converse}): the response time becomes connect plus the exchange, the
 * exchange shows as first-byte (connected until the server's first byte) and transfer (from there
 * to the verdict), and a STARTTLS handshake as tls.
 */
public final class TcpCheck implements Check {
  private final String host;
  private final int port;
  private final TcpConnector connector;
  private final ProtocolSpec protocol;
  private final Probe probe; // stateless; built once (send-expect compiles its regexes here)

  public TcpCheck(String host, int port, Resolver resolver) {
    this(host, port, null, resolver);
  }

  /** @param protocol what to speak after connecting; null for a bare connect */
  public TcpCheck(String host, int port, ProtocolSpec protocol, Resolver resolver) {
    this(host, port, protocol, resolver, io.pingbase.net.NetworkPolicy.SELF_HOSTED);
  }

  /** @param policy which addresses may be dialled ({@link TcpConnector}) */
  public TcpCheck(String host, int port, ProtocolSpec protocol, Resolver resolver, io.pingbase.net.NetworkPolicy policy) {
    this.host = stripBrackets(host);
    this.port = port;
    this.connector = new TcpConnector(resolver, policy);
    this.protocol = protocol;
    this.probe = protocol == null ? null : Protocols.probe(protocol);
  }

  @Override
  public CheckResult run(Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    return switch (connector.connect(host, port, deadline, timeout)) {
      case TcpConnector.Failed failed -> failed.result();
      case TcpConnector.Connected c -> {
        try {
          yield protocol == null
              ? CheckResult.up(c.connectMicros(), Phases.tcp(c.dnsMicros(), c.connectMicros()), c.address())
              : converse(c.socket(), c.address(), c.dnsMicros(), c.connectMicros(), deadline, timeout);
        } finally {
          TcpConnector.closeQuietly(c.socket());
        }
      }
    };
  }

  /**
   * The protocol exchange on a connected socket; never throws. Anything but the protocol's answer
   * is PROTOCOL (with what was received), silence until the deadline is TIMEOUT (with the step
   * that was waiting). The next address is not tried: this one accepted, so it is the answer.
   */
  private CheckResult converse(
      Socket socket, String shown, long dnsMicros, long connectMicros, long deadline, Duration timeout) {
    long exchangeStart = System.nanoTime();
    Conversation c = null;
    try {
      c = new Conversation(socket, protocol.name(), IpLiterals.parse(host) == null ? host : null, deadline, timeout);
      Probe.Outcome outcome = probe.exchange(c);
      long end = System.nanoTime();
      return new CheckResult(true, null, null, connectMicros + micros(end - exchangeStart),
          phases(dnsMicros, connectMicros, c, exchangeStart, end), shown, outcome.warning(), outcome.details());
    } catch (StepTimeout e) {
      return exchangeFailed(FailureReason.TIMEOUT, e.getMessage(), dnsMicros, connectMicros, c, exchangeStart, shown);
    } catch (ProtocolMismatch e) {
      return exchangeFailed(FailureReason.PROTOCOL, e.getMessage(), dnsMicros, connectMicros, c, exchangeStart, shown);
    } catch (java.net.SocketTimeoutException e) {
      return exchangeFailed(FailureReason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms ("
          + protocol.name() + ")", dnsMicros, connectMicros, c, exchangeStart, shown);
    } catch (IOException | RuntimeException e) {
      // A reset or broken pipe mid-exchange: the port accepted but did not speak the protocol.
      String waiting = c == null ? "the " + protocol.name() + " exchange" : c.expecting();
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return exchangeFailed(FailureReason.PROTOCOL, "expected " + waiting + ", but the connection failed: " + message,
          dnsMicros, connectMicros, c, exchangeStart, shown);
    } finally {
      if (c != null) {
        c.close();
      }
    }
  }

  private static CheckResult exchangeFailed(FailureReason reason, String message, long dnsMicros,
      long connectMicros, Conversation c, long exchangeStart, String shown) {
    long end = System.nanoTime();
    return CheckResult.down(reason, message, connectMicros + micros(end - exchangeStart),
        phases(dnsMicros, connectMicros, c, exchangeStart, end), shown);
  }

  private static Phases phases(long dnsMicros, long connectMicros, Conversation c, long exchangeStart, long end) {
    long first = c == null ? 0 : c.firstByteNanos();
    long tls = c == null || c.tlsNanos() < 0 ? Phases.ABSENT : micros(c.tlsNanos());
    return new Phases(dnsMicros, connectMicros, tls,
        first == 0 ? Phases.ABSENT : micros(first - exchangeStart), first == 0 ? Phases.ABSENT : micros(end - first));
  }

  /**
   * Runs every failure classification once on the calling thread, so that the exception and
   * result classes of each failure path are loaded before thousands of checks on virtual threads
   * can hit them at the same moment (see {@link io.pingbase.check.WarmUp}).
   */
  public static void warmUpFailurePaths() {
    Exception[] samples = {
        new java.net.SocketTimeoutException("Connect timed out"), new ConnectException("Connection refused"),
        new NoRouteToHostException("No route to host"), new java.net.SocketException("Network is unreachable"),
        new IOException("warm-up"), new IllegalStateException("warm-up")};
    for (Exception e : samples) {
      TcpConnector.classify(e, "127.0.0.1:1", 1, Duration.ofMillis(1), Phases.ABSENT, 1);
    }
  }

  /**
   * What a failed connect means. The JDK turns the socket error (errno) into an exception class,
   * and the class is what we trust first, because the message is the C library's
   * {@code strerror} text and follows the machine's locale:
   *
   * <ul>
   *   <li>{@link SocketTimeoutException}: our own deadline passed (a dropped SYN, a full accept queue).
   *   <li>{@link NoRouteToHostException}: EHOSTUNREACH, usually an ICMP "host unreachable" from a router.
   *   <li>{@link ConnectException}: ECONNREFUSED (a RST: nothing listens there), or ETIMEDOUT when
   *       the kernel gave up before our deadline, whose text says "timed out".
   *   <li>A plain {@link java.net.SocketException} "Network is unreachable": ENETUNREACH, no route
   *       at all (no default route, the interface is down). The JDK has no class for it, so only
   *       the text tells; under a translated locale it falls through to ERROR, message kept.
   *       "protocol family unavailable" is the JDK's own text for an IPv6 target on a machine
   *       without IPv6: no route either.
   * </ul>
   */
  static FailureReason reasonFor(Exception e) {
    String lower = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (e instanceof SocketTimeoutException) {
      return FailureReason.TIMEOUT;
    }
    if (e instanceof NoRouteToHostException) {
      return FailureReason.UNREACHABLE;
    }
    if (e instanceof ConnectException) {
      return lower.contains("timed out") ? FailureReason.TIMEOUT : FailureReason.REFUSED;
    }
    if (lower.contains("unreachable") || lower.contains("no route")
        || lower.contains("protocol family unavailable")) {
      return FailureReason.UNREACHABLE;
    }
    return FailureReason.ERROR;
  }

  static String format(InetAddress address, int port) {
    if (address instanceof Inet6Address v6) {
      return "[" + IpLiterals.canonical(v6) + "]:" + port;
    }
    return address.getHostAddress() + ":" + port;
  }

  private static String stripBrackets(String host) {
    if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
      return host.substring(1, host.length() - 1);
    }
    return host;
  }

  private static long micros(long nanos) {
    return nanos / 1_000;
  }
}
