package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A real TCP server on a loopback port that runs {@code script} for each connection: a service
 * that misbehaves on purpose (silent, flooding, closing at once, greeting in a foreign protocol).
 */
final class ScriptedServer implements AutoCloseable {
  interface Script {
    void run(Socket client) throws Exception;
  }

  private final ServerSocket server;

  ScriptedServer(Script script) throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    Thread.ofVirtual().name("scripted-" + server.getLocalPort()).start(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Thread.ofVirtual().start(() -> {
            try (client) {
              script.run(client);
            } catch (Exception ignored) {
              // the check closed its side, or the test ended
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

  @Override
  public void close() throws IOException {
    server.close();
  }
}
