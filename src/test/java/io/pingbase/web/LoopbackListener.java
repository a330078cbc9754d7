package io.pingbase.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on 127.0.0.1, port 0, that accepts and closes every connection: an UP target
 * for TCP monitors. Accepting keeps the backlog empty however many checks run.
 */
public final class LoopbackListener implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  public LoopbackListener() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().name("loopback-listener-" + server.getLocalPort()).start(this::acceptAll);
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        accepted.incrementAndGet();
      } catch (IOException closedOrReset) {
        // closed: the loop ends; a reset by the client: keep accepting
      }
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  public int accepted() {
    return accepted.get();
  }

  /** A loopback port nothing listens on: a DOWN target (connection refused). */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
