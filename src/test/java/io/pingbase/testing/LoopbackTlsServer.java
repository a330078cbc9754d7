package io.pingbase.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on 127.0.0.1, port 0, presenting {@code context}'s certificate: it completes each
 * handshake and waits for the client to hang up. For tests outside {@code check/tls} that need a
 * certificate to look at (CLI, API); {@code check/tls} has its own with STARTTLS dialogs.
 */
public final class LoopbackTlsServer implements AutoCloseable {
  private final SSLServerSocket server;

  public LoopbackTlsServer(SSLContext context) throws IOException {
    server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(this::acceptLoop, "loopback-tls-server");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().start(() -> {
          try (s; InputStream in = s.getInputStream()) {
            ((SSLSocket) s).startHandshake();
            in.readAllBytes();
          } catch (IOException e) {
            // the client hung up or refused the certificate
          }
        });
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
