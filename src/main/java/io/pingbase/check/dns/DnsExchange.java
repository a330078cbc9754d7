package io.pingbase.check.dns;

import io.pingbase.check.FailureReason;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Locale;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * Sends one query to one server and waits for its reply, all within a deadline. dnsjava builds
 * and parses the messages; the sockets are ours, so that one deadline bounds everything, a reply
 * for another query is ignored, and each failure maps to a {@link FailureReason}.
 *
 * <p>UDP: the query goes out on a connected socket (so an ICMP "port unreachable" surfaces as an
 * error instead of a silent wait) and is resent every {@link #RESEND_NANOS} without a reply, the
 * same query with the same id, like {@code dig +tries}. A reply with another id or question is
 * ignored (it may be spoofed or late); one that does not parse is a PROTOCOL failure.
 * TCP: connect, send the query with its two-byte length, read the reply the same way.
 */
final class DnsExchange {
  static final long RESEND_NANOS = 1_000_000_000L;
  private static final int MAX_UDP = 65_535;

  /** What came back: a reply, or why none did. */
  sealed interface Outcome {}

  /**
   * @param queryMicros   from sending the query (for TCP: from starting to connect) to the whole reply
   * @param connectMicros the TCP connect, or -1 over UDP
   */
  record Reply(Message message, long queryMicros, long connectMicros) implements Outcome {}

  record Failed(FailureReason reason, String message, long connectMicros) implements Outcome {}

  private DnsExchange() {}

  static Outcome udp(InetSocketAddress server, Message query, long deadline, long timeoutMillis) {
    String shown = DnsCheck.format(server);
    byte[] wire = query.toWire();
    int ignored = 0;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(server);
      long sent = System.nanoTime();
      socket.send(new DatagramPacket(wire, wire.length));
      long nextResend = sent + RESEND_NANOS;
      byte[] buffer = new byte[MAX_UDP];
      while (true) {
        long now = System.nanoTime();
        if (now - deadline >= 0) {
          return timeout(shown, timeoutMillis, ignored, -1);
        }
        if (now - nextResend >= 0) {
          socket.send(new DatagramPacket(wire, wire.length));
          nextResend = now + RESEND_NANOS;
        }
        long wait = Math.min(deadline, nextResend) - now;
        socket.setSoTimeout((int) Math.max(1, (wait + 999_999) / 1_000_000));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          continue;
        }
        long received = System.nanoTime();
        Message reply;
        try {
          reply = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
        } catch (IOException | RuntimeException e) {
          return malformed(shown, packet.getLength(), e, -1);
        }
        if (!answers(query, reply)) {
          ignored++;
          continue;
        }
        return new Reply(reply, micros(received - sent), -1);
      }
    } catch (IOException | RuntimeException e) {
      return failed(e, shown, timeoutMillis, -1);
    }
  }

  static Outcome tcp(InetSocketAddress server, Message query, long deadline, long timeoutMillis) {
    String shown = DnsCheck.format(server);
    long start = System.nanoTime();
    long connectMicros = -1;
    try (Socket socket = new Socket()) {
      socket.connect(server, millisLeft(deadline));
      connectMicros = micros(System.nanoTime() - start);
      byte[] wire = query.toWire();
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {(byte) (wire.length >>> 8), (byte) wire.length});
      out.write(wire);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] length = readFully(socket, in, 2, deadline, 0);
      byte[] data = readFully(socket, in, ((length[0] & 0xff) << 8) | (length[1] & 0xff), deadline, 2);
      long received = System.nanoTime();
      Message reply;
      try {
        reply = new Message(data);
      } catch (IOException | RuntimeException e) {
        return malformed(shown, data.length, e, connectMicros);
      }
      if (!answers(query, reply)) {
        return new Failed(FailureReason.PROTOCOL, "reply from " + shown + " over tcp is for another query (id "
            + reply.getHeader().getID() + ", question " + reply.getQuestion() + ")", connectMicros);
      }
      return new Reply(reply, micros(received - start), connectMicros);
    } catch (SocketTimeoutException e) {
      return timeout(shown, timeoutMillis, 0, connectMicros);
    } catch (EOFException e) {
      return new Failed(FailureReason.PROTOCOL, shown + " closed the connection " + e.getMessage(), connectMicros);
    } catch (IOException | RuntimeException e) {
      return failed(e, shown, timeoutMillis, connectMicros);
    }
  }

  /** Reads exactly {@code n} bytes before the deadline; {@code before} bytes of the reply came already. */
  private static byte[] readFully(Socket socket, InputStream in, int n, long deadline, int before)
      throws IOException {
    byte[] data = new byte[n];
    int read = 0;
    while (read < n) {
      socket.setSoTimeout(millisLeft(deadline));
      int r = in.read(data, read, n - read);
      if (r < 0) {
        throw new EOFException(before + read == 0
            ? "without answering" : "after " + (before + read) + " bytes of the reply");
      }
      read += r;
    }
    return data;
  }

  /**
   * A reply to this query: same id, marked as a response, same question. An error reply may come
   * without the question (a FORMERR from a server that does not speak EDNS, RFC 6891 §7).
   */
  private static boolean answers(Message query, Message reply) {
    Record question = reply.getQuestion();
    if (reply.getHeader().getID() != query.getHeader().getID() || !reply.getHeader().getFlag(Flags.QR)) {
      return false;
    }
    if (question == null) {
      return reply.getRcode() != Rcode.NOERROR;
    }
    return question.getName().equals(query.getQuestion().getName())
        && question.getType() == query.getQuestion().getType();
  }

  private static Failed timeout(String shown, long timeoutMillis, int ignored, long connectMicros) {
    return new Failed(FailureReason.TIMEOUT, "no answer from " + shown + " within " + timeoutMillis + " ms"
        + (ignored > 0 ? " (ignored " + ignored + " replies to other queries)" : ""), connectMicros);
  }

  private static Failed malformed(String shown, int length, Exception e, long connectMicros) {
    return new Failed(FailureReason.PROTOCOL, "malformed reply from " + shown + " (" + length + " bytes): "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), connectMicros);
  }

  /** ICMP port unreachable and a TCP RST mean nothing listens there: REFUSED, as for a TCP check. */
  private static Failed failed(Exception e, String shown, long timeoutMillis, long connectMicros) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    if (e instanceof PortUnreachableException) {
      return new Failed(FailureReason.REFUSED, "port unreachable (ICMP): nothing listens on udp " + shown,
          connectMicros);
    }
    if (e instanceof SocketTimeoutException || (e instanceof ConnectException && lower.contains("timed out"))) {
      return timeout(shown, timeoutMillis, 0, connectMicros);
    }
    if (e instanceof ConnectException) {
      return new Failed(FailureReason.REFUSED, "connection refused by " + shown, connectMicros);
    }
    if (e instanceof NoRouteToHostException || lower.contains("unreachable") || lower.contains("no route")
        || lower.contains("protocol family unavailable")) {
      return new Failed(FailureReason.UNREACHABLE, shown + ": " + message, connectMicros);
    }
    return new Failed(FailureReason.ERROR,
        shown + ": " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message), connectMicros);
  }

  private static int millisLeft(long deadline) throws SocketTimeoutException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new DeadlinePassed();
    }
    return (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
  }

  /** The deadline passed between two steps: the same as a socket timeout. */
  private static final class DeadlinePassed extends SocketTimeoutException {
    DeadlinePassed() {
      super("deadline passed");
    }
  }

  private static long micros(long nanos) {
    return nanos / 1_000;
  }
}
