package io.pingbase.check.tcp;

import io.pingbase.check.Check;
import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Resolver;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Connects to host:port, times the handshake and closes right after it.
 *
 * <p>DNS is timed separately from the TCP handshake; the response time is the connect time alone,
 * which is what "alert if connecting takes longer than 500 ms" means. One deadline covers both.
 * When a name has several addresses they are tried in order, like a client library would, until
 * one accepts or the deadline passes.
 */
public final class TcpCheck implements Check {
  private final String host;
  private final int port;
  private final Resolver resolver;

  public TcpCheck(String host, int port, Resolver resolver) {
    this.host = stripBrackets(host);
    this.port = port;
    this.resolver = resolver;
  }

  @Override
  public CheckResult run(Duration timeout) {
    final long start = System.nanoTime();
    final long deadline = start + timeout.toNanos();

    InetAddress[] addresses;
    long dnsMicros = Phases.ABSENT;
    InetAddress literal = IpLiterals.parse(host);
    if (literal != null) {
      addresses = new InetAddress[] {literal};
    } else {
      try {
        addresses = resolver.resolve(host, Duration.ofNanos(deadline - System.nanoTime()));
        dnsMicros = micros(System.nanoTime() - start);
      } catch (UnknownHostException e) {
        long took = micros(System.nanoTime() - start);
        return CheckResult.down(FailureReason.DNS_FAILURE, "name does not resolve: " + host,
            took, Phases.tcp(took, Phases.ABSENT), null);
      } catch (TimeoutException e) {
        long took = micros(System.nanoTime() - start);
        return CheckResult.down(FailureReason.DNS_FAILURE,
            "name did not resolve within " + timeout.toMillis() + " ms: " + host,
            took, Phases.tcp(took, Phases.ABSENT), null);
      }
    }

    final long connectStart = System.nanoTime();
    CheckResult failure = null;
    for (InetAddress address : addresses) {
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMillis < 1) {
        break;
      }
      String shown = format(address, port);
      long attemptStart = System.nanoTime();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, remainingMillis));
        long connectMicros = micros(System.nanoTime() - attemptStart);
        return CheckResult.up(connectMicros, Phases.tcp(dnsMicros, connectMicros), shown);
      } catch (IOException e) {
        long attemptMicros = micros(System.nanoTime() - attemptStart);
        failure = classify(e, shown, attemptMicros, timeout, dnsMicros, micros(System.nanoTime() - connectStart));
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
      }
    }
    if (failure == null) { // deadline passed before any attempt (DNS used it all)
      long took = micros(System.nanoTime() - start);
      return CheckResult.down(FailureReason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms",
          took, Phases.tcp(dnsMicros, Phases.ABSENT), null);
    }
    return failure;
  }

  private static CheckResult classify(
      IOException e, String address, long attemptMicros, Duration timeout, long dnsMicros, long connectMicros) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    FailureReason reason;
    String detail;
    if (e instanceof SocketTimeoutException || lower.contains("timed out")) {
      reason = FailureReason.TIMEOUT;
      detail = "no answer from " + address + " within " + timeout.toMillis() + " ms";
    } else if (e instanceof NoRouteToHostException
        || lower.contains("unreachable") || lower.contains("no route")) {
      reason = FailureReason.UNREACHABLE;
      detail = address + ": " + message;
    } else if (e instanceof ConnectException && lower.contains("refused")) {
      reason = FailureReason.REFUSED;
      detail = "connection refused by " + address;
    } else {
      reason = FailureReason.ERROR;
      detail = address + ": " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
    long responseMicros = reason == FailureReason.TIMEOUT ? connectMicros : attemptMicros;
    return CheckResult.down(reason, detail, responseMicros, Phases.tcp(dnsMicros, connectMicros), address);
  }

  static String format(InetAddress address, int port) {
    String ip = address.getHostAddress();
    if (address instanceof Inet6Address) {
      int scope = ip.indexOf('%');
      return "[" + (scope >= 0 ? ip.substring(0, scope) : ip) + "]:" + port;
    }
    return ip + ":" + port;
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
