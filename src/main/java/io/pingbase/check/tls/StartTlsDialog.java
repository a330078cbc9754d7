package io.pingbase.check.tls;

import io.pingbase.check.FailureReason;
import io.pingbase.check.Target.Tls.StartTls;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The plain-text dialog that asks a server to switch to TLS on the same connection: SMTP
 * ({@code EHLO}, {@code STARTTLS}, RFC 3207), IMAP ({@code STARTTLS}, RFC 3501), POP3
 * ({@code STLS}, RFC 2595) and PostgreSQL (the {@code SSLRequest} message). Reads byte by byte, so
 * nothing of the server's first TLS record is consumed. A server that speaks its protocol but will
 * not do TLS is a {@link FailureReason#TLS} failure; one that does not speak the protocol is
 * {@link FailureReason#PROTOCOL}, with what it said.
 */
final class StartTlsDialog {
  private static final int MAX_LINE = 4096;
  private static final int MAX_LINES = 100;
  private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

  private final Socket socket;
  private final long deadlineNanos;
  private final InputStream in;
  private final OutputStream out;

  /** A failure of the dialog. */
  record Failure(FailureReason reason, String message) {}

  private StartTlsDialog(Socket socket, long deadlineNanos) throws IOException {
    this.socket = socket;
    this.deadlineNanos = deadlineNanos;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Runs the dialog for {@code mode} up to the point where the server expects a ClientHello.
   *
   * @return null when the server agreed to TLS, else what went wrong
   * @throws SocketTimeoutException the deadline passed while waiting for the server
   * @throws IOException            the connection failed (reset, closed mid-line)
   */
  static Failure run(Socket socket, StartTls mode, long deadlineNanos) throws IOException {
    StartTlsDialog d = new StartTlsDialog(socket, deadlineNanos);
    return switch (mode) {
      case NONE -> null;
      case SMTP -> d.smtp();
      case IMAP -> d.imap();
      case POP3 -> d.pop3();
      case POSTGRESQL -> d.postgresql();
    };
  }

  private Failure smtp() throws IOException {
    Reply greeting = smtpReply();
    if (greeting.code() < 0) {
      return protocol("not an SMTP server: it said " + quote(greeting.text()));
    }
    if (greeting.code() != 220) {
      return protocol("the SMTP server refused the session: " + greeting.text());
    }
    send("EHLO pingbase\r\n");
    Reply ehlo = smtpReply();
    if (ehlo.code() != 250) {
      return protocol("the SMTP server refused EHLO: " + quote(ehlo.text()));
    }
    if (!ehlo.text().toUpperCase(Locale.ROOT).matches("(?s).*\\b250[ -]STARTTLS\\b.*")) {
      return tls("the SMTP server does not offer STARTTLS");
    }
    send("STARTTLS\r\n");
    Reply start = smtpReply();
    if (start.code() != 220) {
      return tls("the SMTP server refused STARTTLS: " + quote(start.text()));
    }
    return null;
  }

  private Failure imap() throws IOException {
    String greeting = line();
    if (greeting.startsWith("* BYE")) {
      return protocol("the IMAP server refused the session: " + quote(greeting));
    }
    if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
      return protocol("not an IMAP server: it said " + quote(greeting));
    }
    send("a1 STARTTLS\r\n");
    for (int i = 0; i < MAX_LINES; i++) {
      String answer = line();
      if (answer.startsWith("* ")) {
        continue; // untagged data before the tagged answer
      }
      if (answer.regionMatches(true, 0, "a1 OK", 0, 5)) {
        return null;
      }
      if (answer.regionMatches(true, 0, "a1 NO", 0, 5) || answer.regionMatches(true, 0, "a1 BAD", 0, 6)) {
        return tls("the IMAP server refused STARTTLS: " + quote(answer));
      }
      return protocol("unexpected answer to IMAP STARTTLS: " + quote(answer));
    }
    return protocol("no tagged answer to IMAP STARTTLS after " + MAX_LINES + " lines");
  }

  private Failure pop3() throws IOException {
    String greeting = line();
    if (greeting.startsWith("-ERR")) {
      return protocol("the POP3 server refused the session: " + quote(greeting));
    }
    if (!greeting.startsWith("+OK")) {
      return protocol("not a POP3 server: it said " + quote(greeting));
    }
    send("STLS\r\n");
    String answer = line();
    if (answer.startsWith("+OK")) {
      return null;
    }
    if (answer.startsWith("-ERR")) {
      return tls("the POP3 server refused STLS: " + quote(answer));
    }
    return protocol("unexpected answer to POP3 STLS: " + quote(answer));
  }

  private Failure postgresql() throws IOException {
    out.write(SSL_REQUEST);
    out.flush();
    int answer = read();
    if (answer < 0) {
      return protocol("the server closed the connection after the PostgreSQL SSLRequest; is it PostgreSQL?");
    }
    return switch (answer) {
      case 'S' -> null;
      case 'N' -> tls("the PostgreSQL server does not support SSL (it answered N to the SSLRequest)");
      case 'E' -> protocol("the PostgreSQL server answered the SSLRequest with an error (older than 7.0?)");
      default -> protocol(String.format("not a PostgreSQL server: it answered 0x%02x to the SSLRequest", answer));
    };
  }

  /** An SMTP reply, possibly multi-line ("250-a" ... "250 b"); code -1 when the text is no reply. */
  private record Reply(int code, String text) {}

  private Reply smtpReply() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < MAX_LINES; i++) {
      String l = line();
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(l);
      if (l.length() < 3 || !l.substring(0, 3).chars().allMatch(Character::isDigit)
          || (l.length() > 3 && l.charAt(3) != ' ' && l.charAt(3) != '-')) {
        return new Reply(-1, text.toString());
      }
      if (l.length() == 3 || l.charAt(3) == ' ') {
        return new Reply(Integer.parseInt(l.substring(0, 3)), text.toString());
      }
    }
    return new Reply(-1, text.toString());
  }

  private void send(String command) throws IOException {
    out.write(command.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One line without its CRLF; a server closing before any byte of it is an EOFException. */
  private String line() throws IOException {
    StringBuilder b = new StringBuilder();
    while (b.length() < MAX_LINE) {
      int c = read();
      if (c < 0) {
        if (b.length() == 0) {
          throw new EOFException("the server closed the connection");
        }
        return b.toString();
      }
      if (c == '\n') {
        int end = b.length();
        return end > 0 && b.charAt(end - 1) == '\r' ? b.substring(0, end - 1) : b.toString();
      }
      b.append((char) c);
    }
    return b.toString(); // an over-long line is judged by what it starts with
  }

  /** One byte, waiting no longer than the deadline however slowly the server trickles. */
  private int read() throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
    return in.read();
  }

  private static Failure tls(String message) {
    return new Failure(FailureReason.TLS, message);
  }

  private static Failure protocol(String message) {
    return new Failure(FailureReason.PROTOCOL, message);
  }

  /** The server's words, quoted, shortened, with control characters made visible. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder("\"");
    int shown = 0;
    for (char c : text.toCharArray()) {
      if (shown++ >= 120) {
        b.append("...");
        break;
      }
      if (c == '\n') {
        b.append("\\n");
      } else if (c < 0x20 || c >= 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
