package io.pingbase.alert.channel.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The sockets the mail library opens for one attempt, so the attempt can be cut off at its
 * deadline: the library has no way to abort a send from another thread (its transport methods
 * are synchronized), but closing the socket under it ends any read or write at once.
 */
final class AttemptSockets {
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** Plain TCP sockets (security none and starttls), recorded. */
  SocketFactory plain() {
    SocketFactory d = SocketFactory.getDefault();
    return new SocketFactory() {
      @Override
      public Socket createSocket() throws IOException {
        return keep(d.createSocket());
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return keep(d.createSocket(host, port));
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return keep(d.createSocket(host, port, local, localPort));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return keep(d.createSocket(host, port));
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        return keep(d.createSocket(host, port, local, localPort));
      }
    };
  }

  /** TLS sockets from {@code d} (smtps from the first byte, or layered by STARTTLS), recorded. */
  SSLSocketFactory tls(SSLSocketFactory d) {
    return new SSLSocketFactory() {
      @Override
      public String[] getDefaultCipherSuites() {
        return d.getDefaultCipherSuites();
      }

      @Override
      public String[] getSupportedCipherSuites() {
        return d.getSupportedCipherSuites();
      }

      @Override
      public Socket createSocket() throws IOException {
        return keep(d.createSocket());
      }

      @Override
      public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return keep(d.createSocket(s, host, port, autoClose));
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return keep(d.createSocket(host, port));
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return keep(d.createSocket(host, port, local, localPort));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return keep(d.createSocket(host, port));
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        return keep(d.createSocket(host, port, local, localPort));
      }
    };
  }

  private Socket keep(Socket s) {
    sockets.add(s);
    return s;
  }

  /** Closes every socket of the attempt; the blocked library call fails with a SocketException. */
  void closeAll() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException | RuntimeException ignored) {
        // already broken: that is the point
      }
    }
  }
}
