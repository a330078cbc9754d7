package io.pingbase.alert.channel.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server on a loopback port, for what GreenMail cannot do: STARTTLS, chosen
 * error replies ({@code "RCPT" -> "550 5.1.1 mailbox unavailable"}, {@code "." -> "451 ..."} for
 * the end of DATA) and silence (never greeting). It records each message with whether it came
 * over TLS.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  /** A message as received: envelope recipients, the raw DATA, and whether TLS was on. */
  record Received(List<String> recipients, String data, boolean overTls) {}

  private final ServerSocket socket;
  private final SSLContext tls;
  private final boolean greet;
  private final Map<String, String> replies = new ConcurrentHashMap<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private final boolean trickle;
  private final CountDownLatch hungUp = new CountDownLatch(1);

  /**
   * @param tls   offers STARTTLS with this server context; null for no STARTTLS
   * @param greet false for a server that accepts connections and never says a word
   */
  ScriptedSmtpServer(SSLContext tls, boolean greet) throws IOException {
    this(tls, greet, false);
  }

  /** A server that greets one line of a never-ending multi-line reply every 100 ms. */
  static ScriptedSmtpServer trickling() throws IOException {
    return new ScriptedSmtpServer(null, true, true);
  }

  private ScriptedSmtpServer(SSLContext tls, boolean greet, boolean trickle) throws IOException {
    this.trickle = trickle;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.tls = tls;
    this.greet = greet;
    this.acceptor = Thread.ofPlatform().daemon().name("scripted-smtp").start(this::acceptLoop);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Answers {@code command} (its first word, or "." for the end of DATA) with {@code reply}. */
  ScriptedSmtpServer reply(String command, String reply) {
    replies.put(command.toUpperCase(Locale.ROOT), reply);
    return this;
  }

  /** Answers RCPT for {@code address} only with {@code reply}. */
  ScriptedSmtpServer refuse(String address, String reply) {
    refusals.put("<" + address.toLowerCase(Locale.ROOT) + ">", reply);
    return this;
  }

  /** Whether the client closed a trickled connection within {@code timeout}. */
  boolean hungUpWithin(Duration timeout) throws InterruptedException {
    return hungUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        Thread.ofVirtual().start(() -> {
          try (client) {
            if (trickle) {
              trickle(client);
            } else if (greet) {
              session(client);
            } else {
              client.getInputStream().read(); // silent until the client gives up
            }
          } catch (IOException ignored) {
            // the client went away
          }
        });
      } catch (IOException e) {
        return;
      }
    }
  }

  private void trickle(Socket client) {
    try {
      OutputStream out = client.getOutputStream();
      while (true) {
        write(out, "220-still greeting");
        Thread.sleep(100);
      }
    } catch (IOException e) {
      hungUp.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void session(Socket client) throws IOException {
    Socket current = client;
    BufferedReader in = reader(client.getInputStream());
    OutputStream out = client.getOutputStream();
    write(out, "220 localhost ESMTP scripted");
    boolean secure = false;
    List<String> recipients = new CopyOnWriteArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      String override = replies.get(verb);
      if (override != null && !verb.equals("DATA")) {
        write(out, override);
        continue;
      }
      switch (verb) {
        case "EHLO" -> write(out, "250-localhost\r\n" + (tls != null && !secure ? "250-STARTTLS\r\n" : "")
            + "250 8BITMIME");
        case "HELO" -> write(out, "250 localhost");
        case "STARTTLS" -> {
          if (tls == null || secure) {
            write(out, "502 5.5.1 not here");
            continue;
          }
          write(out, "220 2.0.0 Ready to start TLS");
          SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
          upgraded.setUseClientMode(false);
          upgraded.startHandshake();
          current = upgraded;
          in = reader(upgraded.getInputStream());
          out = upgraded.getOutputStream();
          secure = true;
        }
        case "MAIL", "RSET", "NOOP" -> {
          if (verb.equals("RSET")) {
            recipients.clear();
          }
          write(out, "250 2.0.0 OK");
        }
        case "RCPT" -> {
          String refusal = refusals.get(line.substring(line.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT));
          if (refusal != null) {
            write(out, refusal);
            continue;
          }
          recipients.add(line.substring(line.indexOf(':') + 1).trim());
          write(out, "250 2.1.5 OK");
        }
        case "DATA" -> {
          if (override != null) {
            write(out, override);
            continue;
          }
          write(out, "354 go ahead");
          StringBuilder data = new StringBuilder();
          String d;
          while ((d = in.readLine()) != null && !d.equals(".")) {
            data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
          }
          String end = replies.get(".");
          if (end != null) {
            write(out, end);
          } else {
            received.add(new Received(List.copyOf(recipients), data.toString(), secure));
            write(out, "250 2.0.0 queued as 42");
          }
          recipients.clear();
        }
        case "QUIT" -> {
          write(out, "221 2.0.0 bye");
          current.close();
          return;
        }
        default -> write(out, "502 5.5.2 command not recognised");
      }
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
