package io.pingbase.check.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real TLS server on 127.0.0.1, port 0, for the tests: each connection runs an optional plain
 * {@link Prelude} (a STARTTLS dialog, or a plain-TCP misbehaviour), then a server handshake with the
 * given context, then reads until the client closes. Close it to stop.
 */
final class TlsTestServer implements AutoCloseable {
  /** What happens on the plain connection before TLS; returns false to skip TLS and just close. */
  @FunctionalInterface
  interface Prelude {
    boolean run(Socket plain) throws IOException;
  }

  private final ServerSocket listener;
  private final SSLContext context;
  private final Prelude prelude;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final List<String> protocols;

  TlsTestServer(SSLContext context, Prelude prelude) throws IOException {
    this(context, prelude, List.of());
  }

  TlsTestServer(SSLContext context, Prelude prelude, List<String> protocols) throws IOException {
    this.context = context;
    this.prelude = prelude;
    this.protocols = protocols;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    Thread t = new Thread(this::acceptLoop, "tls-test-server");
    t.setDaemon(true);
    t.start();
  }

  /** A TLS server presenting {@code context}'s certificate right away. */
  static TlsTestServer direct(SSLContext context) throws IOException {
    return new TlsTestServer(context, plain -> true);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "tls-test-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket plain) {
    try (plain) {
      if (!prelude.run(plain) || context == null) {
        return;
      }
      SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
      ssl.setUseClientMode(false);
      if (!protocols.isEmpty()) {
        ssl.setEnabledProtocols(protocols.toArray(String[]::new));
      }
      ssl.startHandshake();
      InputStream in = ssl.getInputStream();
      while (in.read() >= 0) {
        // until the client closes
      }
    } catch (IOException | RuntimeException e) {
      // the client hung up or the handshake failed; the test looks at the client side
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
  }

  /** Writes certificates as a PEM file, the way a ca-file is written. */
  static Path pem(Path file, X509Certificate... certificates) throws IOException {
    StringBuilder b = new StringBuilder();
    Base64.Encoder enc = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    for (X509Certificate c : certificates) {
      try {
        b.append("-----BEGIN CERTIFICATE-----\n").append(enc.encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IOException(e);
      }
    }
    return Files.writeString(file, b.toString());
  }
}
