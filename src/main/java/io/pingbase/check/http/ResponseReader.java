package io.pingbase.check.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one HTTP/1.x response from a connection with limits everywhere: status line and header
 * lines 8 KiB each, 64 KiB and 256 headers in all, the body up to a cap. Every read waits at most
 * until the deadline (the socket timeout is set to what is left before each read), and a byte
 * that arrives does not restart the clock, so a server trickling one byte at a time still ends in
 * a timeout at the deadline.
 */
final class ResponseReader {
  static final int MAX_LINE = 8 * 1024;
  static final int MAX_HEAD = 64 * 1024;
  static final int MAX_HEADERS = 256;
  private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private final Socket socket;
  private final long deadline;
  private final byte[] buf = new byte[8 * 1024];
  private int pos;
  private int lim;
  private long received;
  private long firstByteAt;
  private int headBytes;
  private long bodyBytes;

  ResponseReader(InputStream in, Socket socket, long deadline) {
    this.in = in;
    this.socket = socket;
    this.deadline = deadline;
  }

  /** {@link System#nanoTime()} of the first byte received; 0 when none came. */
  long firstByteAt() {
    return firstByteAt;
  }

  long received() {
    return received;
  }

  /** Body bytes received so far (read, not only kept), for timeout messages. */
  long bodyBytes() {
    return bodyBytes;
  }

  HttpResponse read(String method, long cap) throws IOException, ProtocolException {
    while (true) {
      HttpResponse head = readHead();
      if (head.status() / 100 == 1 && head.status() != 101) {
        continue; // interim (100 Continue, 103 Early Hints): the real answer follows
      }
      return readBody(head, method, cap);
    }
  }

  private HttpResponse readHead() throws IOException, ProtocolException {
    String statusLine = readLine(true);
    if (statusLine == null) {
      throw new ProtocolException(received == 0 ? "connection closed without a response"
          : "connection closed after " + received + " bytes, before a new response began");
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].matches("HTTP/[0-9]\\.[0-9]") || !parts[1].matches("[0-9]{3}")) {
      throw new ProtocolException("not an HTTP status line: " + printable(statusLine));
    }
    List<HttpResponse.Header> headers = new ArrayList<>();
    while (true) {
      String line = readLine(false);
      if (line == null) {
        throw new ProtocolException("connection closed in the middle of the headers, after " + received + " bytes");
      }
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) { // obsolete line folding
        HttpResponse.Header last = headers.removeLast();
        headers.add(new HttpResponse.Header(last.name(), last.value() + " " + line.strip()));
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !HttpSyntax.isToken(line.substring(0, colon))) {
        throw new ProtocolException("malformed header line: " + printable(line));
      }
      if (headers.size() >= MAX_HEADERS) {
        throw new ProtocolException("more than " + MAX_HEADERS + " headers");
      }
      headers.add(new HttpResponse.Header(line.substring(0, colon), line.substring(colon + 1).strip()));
    }
    return new HttpResponse(parts[0], Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "",
        List.copyOf(headers), null, -1, false);
  }

  private HttpResponse readBody(HttpResponse head, String method, long cap) throws IOException, ProtocolException {
    long contentLength = -1;
    String cl = head.header("Content-Length");
    if (cl != null) {
      List<String> all = head.headers("Content-Length");
      if (!cl.matches("[0-9]{1,18}") || all.stream().anyMatch(v -> !v.equals(cl))) {
        throw new ProtocolException("invalid Content-Length: " + printable(String.join(", ", all)));
      }
      contentLength = Long.parseLong(cl);
    }
    Capped body = new Capped(cap);
    if (!HttpResponse.bodyless(method, head.status())) {
      String te = head.header("Transfer-Encoding");
      if (te != null && te.toLowerCase(Locale.ROOT).strip().endsWith("chunked")) {
        readChunked(body);
      } else if (contentLength >= 0) {
        long want = Math.min(contentLength, cap);
        long got = copy(body, want);
        if (got < want) {
          throw new ProtocolException("connection closed after " + got + " of " + contentLength + " body bytes");
        }
        if (contentLength > cap) {
          body.truncated = true;
        }
      } else {
        copy(body, Long.MAX_VALUE); // until the server closes
      }
    }
    return new HttpResponse(head.version(), head.status(), head.reasonPhrase(), head.headers(), body.bytes(),
        contentLength, body.truncated);
  }

  private void readChunked(Capped body) throws IOException, ProtocolException {
    while (!body.full()) {
      String line = readLine(false);
      if (line == null) {
        throw new ProtocolException("connection closed in the middle of a chunked body, after " + bodyBytes + " bytes");
      }
      int semicolon = line.indexOf(';');
      String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
      if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
        throw new ProtocolException("invalid chunk size: " + printable(line));
      }
      long size = Long.parseLong(hex, 16);
      if (size == 0) {
        return; // trailers are not needed: the connection is closed after this response
      }
      long got = copy(body, size);
      if (body.full()) {
        return;
      }
      if (got < size) {
        throw new ProtocolException("connection closed in the middle of a chunk, after " + bodyBytes + " body bytes");
      }
      String end = readLine(false);
      if (end == null || !end.isEmpty()) {
        throw new ProtocolException("chunk not followed by CRLF");
      }
    }
  }

  /** Copies up to {@code n} bytes into {@code body} until it is full; returns the bytes consumed. */
  private long copy(Capped body, long n) throws IOException {
    long done = 0;
    while (done < n && !body.full()) {
      if (pos == lim && fill() < 0) {
        break;
      }
      int take = (int) Math.min(lim - pos, n - done);
      take = body.write(buf, pos, take);
      pos += take;
      done += take;
      bodyBytes += take;
    }
    return done;
  }

  /**
   * A line without its CRLF (a bare LF is accepted); null on end of stream before any byte. The
   * status line is checked as it arrives, so a server speaking something else is caught after five
   * bytes instead of waiting for a line end that may never come.
   */
  private String readLine(boolean statusLine) throws IOException, ProtocolException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      if (pos == lim && fill() < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new ProtocolException((statusLine ? "connection closed in the middle of the status line: "
            : "connection closed in the middle of a line: ") + printable(line.toString(StandardCharsets.ISO_8859_1)));
      }
      byte b = buf[pos++];
      headBytes++;
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (statusLine && line.size() < HTTP.length && b != HTTP[line.size()]) {
        line.write(b);
        throw new ProtocolException("not an HTTP response; it began with " + printable(line.toString(StandardCharsets.ISO_8859_1)
            + new String(buf, pos, Math.min(lim - pos, 40), StandardCharsets.ISO_8859_1)));
      }
      line.write(b);
      if (line.size() > MAX_LINE) {
        throw new ProtocolException((statusLine ? "status line" : "header line") + " longer than " + MAX_LINE + " bytes");
      }
      if (headBytes > MAX_HEAD) {
        throw new ProtocolException("response headers longer than " + MAX_HEAD + " bytes");
      }
    }
  }

  private int fill() throws IOException {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, (remaining + 999_999) / 1_000_000)));
    int n = in.read(buf, 0, buf.length);
    if (n > 0) {
      if (firstByteAt == 0) {
        firstByteAt = System.nanoTime();
      }
      received += n;
      pos = 0;
      lim = n;
    }
    return n;
  }

  /** Text safe for a message: control bytes escaped, at most 60 characters. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length() && b.length() < 61; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        b.append(String.format(Locale.ROOT, "\\x%02x", (int) c & 0xff));
      } else {
        b.append(c);
      }
    }
    return b.append(b.length() >= 61 ? "...\"" : "\"").toString();
  }

  /** Keeps the first {@code cap} bytes; one more byte offered marks the body truncated. */
  private static final class Capped {
    private final long cap;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean truncated;

    Capped(long cap) {
      this.cap = cap;
    }

    boolean full() {
      return truncated;
    }

    /** Takes what fits; returns how many bytes were consumed (one past the cap marks truncation). */
    int write(byte[] b, int off, int len) {
      long room = cap - out.size();
      if (len <= room) {
        out.write(b, off, len);
        return len;
      }
      out.write(b, off, (int) room);
      truncated = true;
      return (int) room + 1 > len ? len : (int) room + 1;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
