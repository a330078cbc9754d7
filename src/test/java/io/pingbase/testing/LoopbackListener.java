package io.pingbase.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP service on loopback that accepts and closes connections, and can be stopped and started
 * again on the same port, to play a service that goes down and comes back.
 */
public final class LoopbackListener implements AutoCloseable {
  private final int port;
  private volatile ServerSocket server;
  private Thread acceptor;

  public LoopbackListener() throws IOException {
    ServerSocket s = bind(0);
    this.port = s.getLocalPort();
    serve(s);
  }

  public int port() {
    return port;
  }

  /** Stops listening: connects are refused from now on. */
  public synchronized void stop() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
    if (acceptor != null) {
      try {
        acceptor.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Listens again on the same port. */
  public synchronized void start() throws IOException {
    if (server == null) {
      serve(bind(port));
    }
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    return s;
  }

  private void serve(ServerSocket s) {
    server = s;
    acceptor = Thread.ofVirtual().name("listener-" + port).start(() -> {
      while (!s.isClosed()) {
        // Closed at once, in order (FIN). A reset (SO_LINGER 0) could reach the checking side before
        // its connect() returned, which then reports "Connection reset" for a port that accepted.
        Socket c;
        try {
          c = s.accept();
        } catch (IOException closed) {
          return;
        }
        try (c) {
          c.shutdownOutput();
        } catch (IOException peerWentFirst) {
          // nothing to do: the connection is over either way
        }
      }
    });
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
