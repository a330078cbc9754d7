package io.pingbase.check.tcp;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Resolver;
import io.pingbase.net.NetworkPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Resolve and connect, for every check that starts with a TCP connection (tcp, http, tls):
 * resolves within the deadline (literals skip DNS), tries the addresses in order, and hands back
 * the open socket with the DNS time and the connect time of the address that accepted, or a DOWN
 * result classified by {@link TcpCheck#reasonFor}.
 *
 * <p>The {@link NetworkPolicy} is applied here, to the resolved addresses right before dialling,
 * because this is the one place tcp, protocol, http (every redirect hop) and tls checks connect:
 * a name is judged by what it resolves to now, so DNS rebinding cannot get around it. A name with
 * any refused address is refused as a whole (BLOCKED), rather than quietly dialling the others.
 */
public final class TcpConnector {
  private final Resolver resolver;
  private final NetworkPolicy policy;

  public TcpConnector(Resolver resolver) {
    this(resolver, NetworkPolicy.SELF_HOSTED);
  }

  public TcpConnector(Resolver resolver, NetworkPolicy policy) {
    this.resolver = resolver;
    this.policy = java.util.Objects.requireNonNull(policy, "policy");
  }

  /** What a connect attempt gave: an open socket, or why not. */
  public sealed interface Outcome permits Connected, Failed {}

  /**
   * An open socket; the caller closes it.
   *
   * @param address as shown in results ("127.0.0.1:8080", "[::1]:443")
   */
  public record Connected(Socket socket, long dnsMicros, long connectMicros, String address) implements Outcome {}

  /** The DOWN result to report; its phases hold DNS and connect as far as they got. */
  public record Failed(CheckResult result) implements Outcome {}

  /**
   * @param deadline  {@link System#nanoTime()} by which everything must be done
   * @param timeout   the check's whole timeout, for messages
   */
  public Outcome connect(String host, int port, long deadline, Duration timeout) {
    final long start = System.nanoTime();
    String bare = host.length() > 2 && host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    long dnsMicros = Phases.ABSENT;
    InetAddress literal = IpLiterals.parse(bare);
    if (literal != null) {
      addresses = new InetAddress[] {literal};
    } else {
      try {
        addresses = resolver.resolve(bare, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        dnsMicros = micros(System.nanoTime() - start);
      } catch (UnknownHostException e) {
        long took = micros(System.nanoTime() - start);
        return new Failed(CheckResult.down(FailureReason.DNS_FAILURE, "name does not resolve: " + bare,
            took, Phases.tcp(took, Phases.ABSENT), null));
      } catch (TimeoutException e) {
        long took = micros(System.nanoTime() - start);
        return new Failed(CheckResult.down(FailureReason.DNS_FAILURE,
            "name did not resolve within " + timeout.toMillis() + " ms: " + bare,
            took, Phases.tcp(took, Phases.ABSENT), null));
      }
    }
    String refusal = policy.refusal(literal == null ? bare : null, addresses);
    if (refusal != null) {
      long took = micros(System.nanoTime() - start);
      return new Failed(CheckResult.down(FailureReason.BLOCKED, refusal, took, Phases.tcp(dnsMicros, Phases.ABSENT),
          null));
    }
    final long connectStart = System.nanoTime();
    Failed failure = null;
    for (InetAddress address : addresses) {
      long remainingNanos = deadline - System.nanoTime();
      if (remainingNanos <= 0) {
        break;
      }
      // Round up: connect takes whole milliseconds, and a TIMEOUT must mean the full deadline passed.
      long remainingMillis = (remainingNanos + 999_999) / 1_000_000;
      String shown = TcpCheck.format(address, port);
      Socket socket = new Socket();
      long attemptStart = System.nanoTime();
      try {
        socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, remainingMillis));
        return new Connected(socket, dnsMicros, micros(System.nanoTime() - attemptStart), shown);
      } catch (IOException | RuntimeException e) {
        // RuntimeException too: the JDK may reject an address it cannot use (a scoped IPv6 address
        // on a machine without that interface), and a check never throws (see Check).
        closeQuietly(socket);
        long attemptMicros = micros(System.nanoTime() - attemptStart);
        failure = new Failed(classify(e, shown, attemptMicros, timeout, dnsMicros,
            micros(System.nanoTime() - connectStart)));
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
      }
    }
    if (failure == null) { // deadline passed before any attempt (DNS used it all)
      long took = micros(System.nanoTime() - start);
      return new Failed(CheckResult.down(FailureReason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms",
          took, Phases.tcp(dnsMicros, Phases.ABSENT), null));
    }
    return failure;
  }

  /**
   * The DOWN result of a failed connect: the reason ({@link TcpCheck#reasonFor}), a message naming
   * the address, as response time the last attempt (or the whole wait for a TIMEOUT), and as
   * connect phase the time since the first attempt.
   */
  static CheckResult classify(
      Exception e, String address, long attemptMicros, Duration timeout, long dnsMicros, long connectMicros) {
    FailureReason reason = TcpCheck.reasonFor(e);
    String message = e.getMessage() == null ? "" : e.getMessage();
    String detail = switch (reason) {
      case TIMEOUT -> "no answer from " + address + " within " + timeout.toMillis() + " ms";
      case REFUSED -> "connection refused by " + address;
      case UNREACHABLE -> address + ": " + message;
      // reasonFor gives a connect failure only the reasons above and ERROR; the others belong to
      // later phases of other checks and are listed so that a new reason is a compile error here.
      case DNS_FAILURE, ERROR, PROTOCOL, STATUS, ASSERTION, CERTIFICATE, TLS, LATE, FAILED, BLOCKED ->
          address + ": " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    };
    long responseMicros = reason == FailureReason.TIMEOUT ? connectMicros : attemptMicros;
    return CheckResult.down(reason, detail, responseMicros, Phases.tcp(dnsMicros, connectMicros), address);
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  private static long micros(long nanos) {
    return nanos / 1_000;
  }
}
