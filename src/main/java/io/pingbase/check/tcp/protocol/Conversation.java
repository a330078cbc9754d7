package io.pingbase.check.tcp.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A connected socket seen by a {@link Probe}: every read waits at most until the check's one
 * deadline, and reading is bounded ({@link #MAX_TOTAL} bytes per conversation, {@link #MAX_LINE}
 * per line or packet) so a silent, trickling or flooding server can neither hang a check nor
 * fill the heap. Probes name the step they are at ({@link #expecting}) so a timeout or a closed
 * connection says what was awaited.
 */
public final class Conversation implements AutoCloseable {
  /** The most bytes one line, banner or packet may have. */
  public static final int MAX_LINE = 8192;
  /** The most bytes read from one server in one check. */
  public static final int MAX_TOTAL = 65536;

  private final String protocol;
  private final String serverName;
  private final long deadlineNanos;
  private final Duration timeout;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private byte[] buf = new byte[MAX_LINE];
  private int pos;
  private int lim;
  private int total;
  private String expecting = "the server's first bytes";
  private long firstByteNanos;
  private long tlsNanos = -1;
  private String tlsVersion;
  private String tlsCipher;

  /**
   * @param serverName the host name for SNI in a STARTTLS handshake; null for an IP literal
   */
  public Conversation(Socket socket, String protocol, String serverName, long deadlineNanos, Duration timeout)
      throws IOException {
    this.socket = socket;
    this.protocol = protocol;
    this.serverName = serverName;
    this.deadlineNanos = deadlineNanos;
    this.timeout = timeout;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Names what the next reads wait for ("+PONG", "the SSH-2.0- banner"), for messages. */
  public void expecting(String what) {
    this.expecting = what;
  }

  public String expecting() {
    return expecting;
  }

  public String protocol() {
    return protocol;
  }

  /** System.nanoTime() of the first byte received, 0 before any. */
  public long firstByteNanos() {
    return firstByteNanos;
  }

  /** Nanoseconds the STARTTLS handshake took, -1 when there was none. */
  public long tlsNanos() {
    return tlsNanos;
  }

  public java.net.InetAddress localAddress() {
    return socket.getLocalAddress();
  }

  public String tlsVersion() {
    return tlsVersion;
  }

  public String tlsCipher() {
    return tlsCipher;
  }

  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  public void send(String ascii) throws IOException {
    send(ascii.getBytes(StandardCharsets.UTF_8));
  }

  /** One byte, waiting until the deadline; EOF is a {@link ProtocolMismatch}. */
  public int readByte() throws IOException, ProtocolMismatch {
    if (pos == lim) {
      fill(new byte[0], 0);
    }
    return buf[pos++] & 0xff;
  }

  /** Exactly {@code n} bytes (n <= {@link #MAX_LINE}). */
  public byte[] readExactly(int n) throws IOException, ProtocolMismatch {
    if (n > MAX_LINE) {
      throw new ProtocolMismatch("expected " + expecting + ", got a length of " + n + " bytes (more than "
          + MAX_LINE + " is not plausible here)");
    }
    byte[] result = new byte[n];
    int have = 0;
    while (have < n) {
      if (pos == lim) {
        fill(result, have);
      }
      int take = Math.min(n - have, lim - pos);
      System.arraycopy(buf, pos, result, have, take);
      pos += take;
      have += take;
    }
    return result;
  }

  /**
   * One line without its CR LF, decoded as ISO-8859-1 (bytes as chars); a line longer than
   * {@link #MAX_LINE} is a {@link ProtocolMismatch}.
   */
  public String readLine() throws IOException, ProtocolMismatch {
    byte[] line = new byte[256];
    int len = 0;
    while (true) {
      if (pos == lim) {
        fill(line, len);
      }
      byte b = buf[pos++];
      if (b == '\n') {
        if (len > 0 && line[len - 1] == '\r') {
          len--;
        }
        return new String(line, 0, len, StandardCharsets.ISO_8859_1);
      }
      if (len == MAX_LINE) {
        throw new ProtocolMismatch("expected " + expecting + ", got a line longer than " + MAX_LINE + " bytes: "
            + Printable.show(line, len));
      }
      if (len == line.length) {
        line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, len * 2));
      }
      line[len++] = b;
    }
  }

  /**
   * Reads until {@code test} accepts the bytes received so far (at most {@code max}); returns
   * them. For regex steps that need not end at a line break.
   */
  public byte[] readUntil(java.util.function.Predicate<String> test, int max) throws IOException, ProtocolMismatch {
    byte[] seen = new byte[Math.min(max, 1024)];
    int len = 0;
    while (true) {
      while (pos < lim && len < max) {
        if (len == seen.length) {
          seen = java.util.Arrays.copyOf(seen, Math.min(max, len * 2));
        }
        seen[len++] = buf[pos++];
      }
      if (len > 0 && test.test(new String(seen, 0, len, StandardCharsets.ISO_8859_1))) {
        return java.util.Arrays.copyOf(seen, len);
      }
      if (len >= max) {
        throw new ProtocolMismatch("expected " + expecting + " within the first " + max + " bytes, got "
            + Printable.show(seen, len));
      }
      try {
        fill(seen, len);
      } catch (StepTimeout e) {
        if (len == 0) {
          throw e;
        }
        // The server answered, just not what was expected: a wrong answer, not a slow one.
        throw new ProtocolMismatch("expected " + expecting + ", got " + Printable.show(seen, len)
            + " and no match within " + timeout.toMillis() + " ms");
      }
    }
  }

  /** Puts back bytes a {@link #readUntil} read past its match, so the next read sees them. */
  public void unread(byte[] bytes, int from) {
    int n = bytes.length - from;
    if (n <= 0) {
      return;
    }
    byte[] rest = new byte[n + (lim - pos)];
    System.arraycopy(bytes, from, rest, 0, n);
    System.arraycopy(buf, pos, rest, n, lim - pos);
    if (rest.length > buf.length) {
      buf = rest; // at most MAX_LINE put back plus one read: bounded
    } else {
      System.arraycopy(rest, 0, buf, 0, rest.length);
    }
    pos = 0;
    lim = rest.length;
  }

  /**
   * Upgrades the connection to TLS and completes the handshake. The certificate is not judged
   * here: proving the service speaks TLS is this check's job; chain, name and expiry are the
   * {@code tls} monitor's.
   */
  public void startTls() throws IOException, ProtocolMismatch {
    if (pos != lim) {
      // Bytes sent before the handshake would be read as if protected by it (CVE-2011-0411).
      throw new ProtocolMismatch("the server sent data before the TLS handshake: " + Printable.show(buf, pos, lim - pos));
    }
    long start = System.nanoTime();
    expecting("the TLS handshake");
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
      SSLSocket tls = (SSLSocket) context.getSocketFactory()
          .createSocket(socket, serverName == null ? socket.getInetAddress().getHostAddress() : serverName,
              socket.getPort(), true);
      if (serverName != null) {
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(serverName)));
        tls.setSSLParameters(parameters);
      }
      tls.setUseClientMode(true);
      tls.setSoTimeout(remainingMillis());
      tls.startHandshake();
      socket = tls;
      in = tls.getInputStream();
      out = tls.getOutputStream();
      tlsNanos = System.nanoTime() - start;
      tlsVersion = tls.getSession().getProtocol();
      tlsCipher = tls.getSession().getCipherSuite();
    } catch (SocketTimeoutException e) {
      throw timeout(null);
    } catch (javax.net.ssl.SSLException e) {
      if (System.nanoTime() - deadlineNanos >= 0) {
        throw timeout(null);
      }
      throw new ProtocolMismatch("TLS handshake after STARTTLS failed: " + e.getMessage());
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("no TLS available in this JVM", e);
    }
  }

  private void fill(byte[] partial, int partialLength) throws IOException, ProtocolMismatch {
    if (total >= MAX_TOTAL) {
      throw new ProtocolMismatch("expected " + expecting + ", but the server sent more than " + MAX_TOTAL
          + " bytes without it");
    }
    int millis = remainingMillis();
    if (millis <= 0) {
      throw timeout(partialLength == 0 ? null : Printable.show(partial, partialLength));
    }
    socket.setSoTimeout(millis);
    int n;
    try {
      n = in.read(buf, 0, Math.min(buf.length, MAX_TOTAL - total));
    } catch (SocketTimeoutException e) {
      throw timeout(partialLength == 0 ? null : Printable.show(partial, partialLength));
    } catch (EOFException e) {
      n = -1;
    }
    if (n < 0) {
      throw new ProtocolMismatch("expected " + expecting + ", but the server closed the connection"
          + (partialLength == 0 ? "" : " after " + Printable.show(partial, partialLength)));
    }
    if (firstByteNanos == 0) {
      firstByteNanos = System.nanoTime();
    }
    total += n;
    pos = 0;
    lim = n;
  }

  private StepTimeout timeout(Object partial) {
    return new StepTimeout("no answer within " + timeout.toMillis() + " ms while waiting for " + expecting
        + " (" + protocol + ")" + (partial == null ? "" : "; got " + partial));
  }

  private int remainingMillis() {
    long nanos = deadlineNanos - System.nanoTime();
    // Round up so that a TIMEOUT means the whole deadline passed; 0 would mean "wait forever".
    return nanos <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
  }

  /** Closes the TLS layer when there is one; the caller closes the plain socket. */
  @Override
  public void close() {
    if (socket instanceof SSLSocket tls) {
      try {
        tls.setSoLinger(true, 0);
        tls.close();
      } catch (IOException ignored) {
        // closing after a check; nothing to do
      }
    }
  }

  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
