package io.pingbase.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy that a test can cut and restore, to play a database or server going away
 * without touching the real one.
 *
 * <ul>
 *   <li>{@link #cut()}: closes every open connection; new ones are accepted and closed at once,
 *       like a server that is down.
 *   <li>{@link #blackhole()}: connections stay open but bytes go nowhere, in either direction;
 *       new ones are accepted and then hang, like a network that drops packets.
 *   <li>{@link #restore()}: forwards again (connections closed by a cut stay closed).
 *   <li>{@link #delay(Duration)}: adds a delay before each chunk forwarded.
 * </ul>
 *
 * Network rule: it listens on and forwards to loopback only, and refuses any other target.
 */
public final class TcpProxy implements AutoCloseable {
  private enum Mode { OPEN, CUT, BLACKHOLE }

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.OPEN;
  private volatile long delayMillis;
  private volatile boolean closed;

  private TcpProxy(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
  }

  /** Listens on 127.0.0.1 on a free port and forwards to {@code host:port}, which must be loopback. */
  public static TcpProxy start(String host, int port) throws IOException {
    InetAddress address = InetAddress.getByName(host);
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("TcpProxy forwards to loopback only, not " + host);
    }
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    TcpProxy proxy = new TcpProxy(server, new InetSocketAddress(address, port));
    Thread.ofVirtual().name("tcp-proxy-accept-" + server.getLocalPort()).start(proxy::acceptLoop);
    return proxy;
  }

  public int port() {
    return server.getLocalPort();
  }

  public void cut() {
    mode = Mode.CUT;
    closeAll();
  }

  public void blackhole() {
    mode = Mode.BLACKHOLE;
  }

  public void restore() {
    mode = Mode.OPEN;
  }

  public void delay(Duration delay) {
    delayMillis = delay.toMillis();
  }

  /** Sockets open on either side, two per proxied connection. */
  public int openSockets() {
    return sockets.size();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (mode == Mode.CUT) {
        closeQuietly(client);
        continue;
      }
      Thread.ofVirtual().start(() -> connect(client));
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    if (mode == Mode.CUT) { // cut while this connection was being accepted
      closeQuietly(client);
      closeQuietly(upstream);
      return;
    }
    try {
      upstream.connect(target, 2_000);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
      return;
    }
    Thread.ofVirtual().start(() -> pump(client, upstream));
    pump(upstream, client);
  }

  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (mode == Mode.BLACKHOLE) {
          continue; // swallowed, as by a network that drops packets
        }
        long delay = delayMillis;
        if (delay > 0) {
          Thread.sleep(delay);
        }
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // closed by a cut or by the other side: fall through and close both
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeAll() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  private void closeQuietly(Socket s) {
    sockets.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    closeAll();
  }
}
