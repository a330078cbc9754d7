package io.pingbase.check.tcp;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Resolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The DNS and connect part of {@link TcpCheck}, for checks that go on talking after the connect
 * (HTTP): resolves within the deadline (literals skip DNS), tries the addresses in order, and
 * hands back the open socket with the DNS and connect times, or a DOWN result classified like the
 * TCP check's ({@link TcpCheck#reasonFor}).
 */
public final class TcpConnector {
  private final Resolver resolver;

  public TcpConnector(Resolver resolver) {
    this.resolver = resolver;
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
    final long connectStart = System.nanoTime();
    Failed failure = null;
    for (InetAddress address : addresses) {
      long remainingNanos = deadline - System.nanoTime();
      if (remainingNanos <= 0) {
        break;
      }
      long remainingMillis = (remainingNanos + 999_999) / 1_000_000;
      String shown = TcpCheck.format(address, port);
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, remainingMillis));
        return new Connected(socket, dnsMicros, micros(System.nanoTime() - connectStart), shown);
      } catch (IOException | RuntimeException e) {
        closeQuietly(socket);
        long connectMicros = micros(System.nanoTime() - connectStart);
        FailureReason reason = TcpCheck.reasonFor(e);
        String message = e.getMessage() == null ? "" : e.getMessage();
        String detail = switch (reason) {
          case TIMEOUT -> "no answer from " + shown + " within " + timeout.toMillis() + " ms";
          case REFUSED -> "connection refused by " + shown;
          case UNREACHABLE -> shown + ": " + message;
          case DNS_FAILURE, ERROR, PROTOCOL, STATUS, ASSERTION, CERTIFICATE, TLS, LATE, FAILED ->
              shown + ": " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        };
        failure = new Failed(CheckResult.down(reason, detail, micros(System.nanoTime() - start),
            Phases.tcp(dnsMicros, connectMicros), shown));
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
      }
    }
    if (failure == null) {
      long took = micros(System.nanoTime() - start);
      return new Failed(CheckResult.down(FailureReason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms",
          took, Phases.tcp(dnsMicros, Phases.ABSENT), null));
    }
    return failure;
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
