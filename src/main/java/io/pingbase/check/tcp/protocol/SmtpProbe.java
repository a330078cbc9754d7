package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code 220} greeting, {@code EHLO}, and with {@code starttls} a STARTTLS upgrade with a
 * completed TLS handshake and a second EHLO inside it. Ends with QUIT, not waiting for the answer.
 */
final class SmtpProbe implements Probe {
  private final boolean starttls;

  SmtpProbe(boolean starttls) {
    this.starttls = starttls;
  }

  /** A reply: its code and lines (text after the code), multi-line replies joined. */
  record Reply(int code, List<String> lines) {
    String first() {
      return lines.isEmpty() ? "" : lines.get(0);
    }
  }

  @Override
  public Outcome exchange(Conversation c) throws IOException, ProtocolMismatch {
    Map<String, Object> details = new LinkedHashMap<>();
    c.expecting("the SMTP 220 greeting");
    Reply greeting = reply(c, 220);
    details.put("banner", Printable.clean(greeting.first(), 200));

    String ehlo = "EHLO " + addressLiteral(c) + "\r\n";
    c.expecting("a 250 answer to EHLO");
    c.send(ehlo);
    Reply hello = reply(c, 250);
    List<String> extensions = extensions(hello);
    details.put("extensions", extensions);
    if (starttls) {
      if (!extensions.contains("STARTTLS")) {
        throw new ProtocolMismatch("expected STARTTLS among the EHLO extensions, got " + extensions);
      }
      c.expecting("a 220 answer to STARTTLS");
      c.send("STARTTLS\r\n");
      reply(c, 220);
      c.startTls();
      c.expecting("a 250 answer to EHLO after STARTTLS");
      c.send(ehlo);
      reply(c, 250);
      details.put("starttls", true);
      details.put("tls_version", c.tlsVersion());
      details.put("tls_cipher", c.tlsCipher());
    }
    c.send("QUIT\r\n");
    return Outcome.of(details);
  }

  /** Reads one reply (RFC 5321 4.2: "250-" continues, "250 " ends) and checks its code. */
  static Reply reply(Conversation c, int expected) throws IOException, ProtocolMismatch {
    List<String> lines = new ArrayList<>();
    int code = -1;
    while (true) {
      String line = c.readLine();
      if (line.length() < 3 || !isCode(line) || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
        throw new ProtocolMismatch("expected " + c.expecting() + ", got " + Printable.text(line));
      }
      int lineCode = Integer.parseInt(line.substring(0, 3));
      if (code != -1 && lineCode != code) {
        throw new ProtocolMismatch("expected " + c.expecting() + ", got a reply mixing codes " + code + " and "
            + Printable.text(line));
      }
      code = lineCode;
      lines.add(line.length() > 4 ? line.substring(4) : "");
      if (lines.size() > 100) {
        throw new ProtocolMismatch("expected " + c.expecting() + ", got a reply of more than 100 lines");
      }
      if (line.length() == 3 || line.charAt(3) == ' ') {
        break;
      }
    }
    if (code != expected) {
      throw new ProtocolMismatch("expected " + c.expecting() + ", got " + Printable.text(code + " " + lines.get(0)));
    }
    return new Reply(code, lines);
  }

  private static boolean isCode(String line) {
    for (int i = 0; i < 3; i++) {
      if (line.charAt(i) < '0' || line.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static List<String> extensions(Reply hello) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i < hello.lines().size() && names.size() < 50; i++) {
      String keyword = hello.lines().get(i).strip().split(" ", 2)[0].toUpperCase(Locale.ROOT);
      if (!keyword.isEmpty()) {
        names.add(Printable.clean(keyword, 40));
      }
    }
    return names;
  }

  /** Our side of the connection as an address literal, the EHLO argument for a host without a name. */
  private static String addressLiteral(Conversation c) {
    InetAddress local = c.localAddress();
    if (local instanceof Inet6Address) {
      return "[IPv6:" + local.getHostAddress().replaceAll("%.*$", "") + "]";
    }
    return "[" + local.getHostAddress() + "]";
  }
}
