package io.pingbase.check.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback server that reads a request head and then does whatever the test says with the
 * socket: misbehaviour an HTTP server library would not produce (garbage, a close in the middle of
 * the headers, one byte at a time).
 */
final class RawServer implements AutoCloseable {
  interface Handler {
    void handle(Socket socket, String requestHead) throws Exception;
  }

  private final ServerSocket server;

  RawServer(Handler handler) throws IOException {
    this(handler, true);
  }

  /** @param readHead false to answer at once, without waiting for a request head (a TLS client sends none) */
  RawServer(Handler handler, boolean readHead) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          Thread.ofVirtual().start(() -> {
            try (s) {
              s.setSoTimeout(10_000);
              handler.handle(s, readHead ? readHead(s.getInputStream()) : "");
            } catch (Exception e) {
              // the client gave up or the test ended: expected for misbehaving servers
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  int port() {
    return server.getLocalPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
