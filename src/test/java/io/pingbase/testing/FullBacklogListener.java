package io.pingbase.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback listener that never accepts and whose accept queue is full, so the kernel drops new
 * SYNs: a connect to it times out, exactly like a firewalled or unplugged host, without sending a
 * packet anywhere but loopback.
 */
public final class FullBacklogListener implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> fillers = new ArrayList<>();

  public FullBacklogListener() throws IOException {
    this(InetAddress.getLoopbackAddress());
  }

  public FullBacklogListener(InetAddress bind) throws IOException {
    server = new ServerSocket(0, 1, bind);
    // Connect until one attempt hangs: from then on the queue is full. Bounded: a backlog of 1
    // fills after two or three connections on Linux.
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(bind, server.getLocalPort()), 300);
        fillers.add(s);
      } catch (IOException timedOut) {
        s.close();
        return;
      }
    }
    close();
    throw new IllegalStateException("accept queue never filled; cannot simulate a timeout here");
  }

  public int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    for (Socket s : fillers) {
      s.close();
    }
    server.close();
  }
}
