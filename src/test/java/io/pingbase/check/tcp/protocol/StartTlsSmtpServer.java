package io.pingbase.check.tcp.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server on a loopback port that offers STARTTLS and does the TLS handshake
 * with a self-signed certificate made for the test by the JDK's keytool (GreenMail has no
 * STARTTLS). It answers EHLO, STARTTLS and QUIT; enough for the smtp probe and send-expect.
 */
final class StartTlsSmtpServer implements AutoCloseable {
  private final ScriptedServer server;
  private final SSLContext tls;

  StartTlsSmtpServer(Path dir) throws Exception {
    tls = selfSigned(dir);
    server = new ScriptedServer(this::session);
  }

  int port() {
    return server.port();
  }

  private void session(Socket client) throws IOException {
    write(client.getOutputStream(), "220 localhost ESMTP test\r\n");
    BufferedReader in = reader(client.getInputStream());
    boolean secure = false;
    Socket current = client;
    String line;
    while ((line = in.readLine()) != null) {
      OutputStream out = current.getOutputStream();
      String command = line.toUpperCase(java.util.Locale.ROOT);
      if (command.startsWith("EHLO ")) {
        write(out, "250-localhost greets " + line.substring(5) + "\r\n" + (secure ? "" : "250-STARTTLS\r\n")
            + "250 SIZE 1000000\r\n");
      } else if (command.equals("STARTTLS") && !secure) {
        write(out, "220 2.0.0 Ready to start TLS\r\n");
        SSLSocket upgraded = (SSLSocket) tls.getSocketFactory()
            .createSocket(client, null, client.getPort(), true);
        upgraded.setUseClientMode(false);
        upgraded.startHandshake();
        current = upgraded;
        in = reader(upgraded.getInputStream());
        secure = true;
      } else if (command.equals("QUIT")) {
        write(out, "221 2.0.0 Bye\r\n");
        return;
      } else {
        write(out, "502 5.5.2 Command not recognized\r\n");
      }
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** A key pair and self-signed certificate for CN=localhost, made by keytool in {@code dir}. */
  static SSLContext selfSigned(Path dir) throws Exception {
    Path store = dir.resolve("smtp.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
