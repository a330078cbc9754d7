package io.pingbase.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a loopback echo server on port 0. */
class TcpProxyTest {
  private ServerSocket echo;
  private TcpProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket();
    echo.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread.ofVirtual().start(() -> {
      while (!echo.isClosed()) {
        try {
          Socket s = echo.accept();
          Thread.ofVirtual().start(() -> {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
              in.transferTo(out);
            } catch (IOException ignored) {
              // peer went away
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
    proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 2_000);
    s.setSoTimeout(2_000);
    return s;
  }

  private static String roundTrip(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes());
    s.getOutputStream().flush();
    byte[] buf = s.getInputStream().readNBytes(text.length());
    return new String(buf);
  }

  @Test
  void forwardsCutsAndRestores() throws IOException {
    try (Socket s = connect()) {
      assertThat(roundTrip(s, "hello")).isEqualTo("hello");
      proxy.cut();
      // The open connection is closed: reading sees the end of the stream (or a reset).
      int read;
      try {
        read = s.getInputStream().read();
      } catch (IOException e) {
        read = -1;
      }
      assertThat(read).isEqualTo(-1);
    }
    try (Socket s = connect()) { // accepted, then closed at once
      int read;
      try {
        read = s.getInputStream().read();
      } catch (IOException e) {
        read = -1;
      }
      assertThat(read).isEqualTo(-1);
    }
    proxy.restore();
    try (Socket s = connect()) {
      assertThat(roundTrip(s, "again")).isEqualTo("again");
    }
  }

  @Test
  void blackholeSwallowsBytesAndDelaySlowsThem() throws IOException {
    try (Socket s = connect()) {
      assertThat(roundTrip(s, "a")).isEqualTo("a");
      proxy.blackhole();
      s.setSoTimeout(300);
      s.getOutputStream().write('x');
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
    }
    proxy.restore();
    proxy.delay(Duration.ofMillis(150));
    try (Socket s = connect()) {
      long start = System.nanoTime();
      assertThat(roundTrip(s, "slow")).isEqualTo("slow");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void refusesTargetsOffLoopback() {
    assertThatThrownBy(() -> TcpProxy.start("192.0.2.1", 5432))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback only");
  }
}
