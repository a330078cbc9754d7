package io.pingbase.check.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.ssl.SSLContext;

/**
 * Small STARTTLS servers for the tests, speaking the plain-text part of SMTP (RFC 3207), IMAP
 * (RFC 3501), POP3 (RFC 2595) and PostgreSQL's SSLRequest exactly as real servers do, then TLS
 * with the given certificate. Each can be told to refuse, to show the failure paths.
 */
final class StartTlsServers {
  private StartTlsServers() {}

  static TlsTestServer smtp(SSLContext tls, boolean offerStartTls) throws IOException {
    return new TlsTestServer(tls, s -> {
      say(s, "220 mail.test ESMTP ready\r\n");
      if (!line(s).startsWith("EHLO ")) {
        say(s, "500 expected EHLO\r\n");
        return false;
      }
      say(s, "250-mail.test greets you\r\n250-PIPELINING\r\n" + (offerStartTls ? "250-STARTTLS\r\n" : "")
          + "250 8BITMIME\r\n");
      String cmd = line(s);
      if (!cmd.equals("STARTTLS") || !offerStartTls) {
        say(s, "502 5.5.1 command not implemented\r\n");
        return false;
      }
      say(s, "220 2.0.0 Ready to start TLS\r\n");
      return true;
    });
  }

  static TlsTestServer imap(SSLContext tls, boolean allow) throws IOException {
    return new TlsTestServer(tls, s -> {
      say(s, "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] imap.test ready\r\n");
      String cmd = line(s);
      String tag = cmd.substring(0, Math.max(0, cmd.indexOf(' ')));
      if (!allow || !cmd.endsWith(" STARTTLS")) {
        say(s, tag + " BAD STARTTLS not available\r\n");
        return false;
      }
      say(s, tag + " OK Begin TLS negotiation now\r\n");
      return true;
    });
  }

  static TlsTestServer pop3(SSLContext tls, boolean allow) throws IOException {
    return new TlsTestServer(tls, s -> {
      say(s, "+OK POP3 pop.test ready\r\n");
      String cmd = line(s);
      if (!allow || !cmd.equals("STLS")) {
        say(s, "-ERR command not available\r\n");
        return false;
      }
      say(s, "+OK Begin TLS negotiation\r\n");
      return true;
    });
  }

  /** Answers the SSLRequest with {@code answer} ('S' then TLS, 'N' then nothing). */
  static TlsTestServer postgresql(SSLContext tls, char answer) throws IOException {
    return new TlsTestServer(tls, s -> {
      byte[] request = s.getInputStream().readNBytes(8);
      if (!Arrays.equals(request, new byte[] {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f})) {
        return false;
      }
      s.getOutputStream().write(answer);
      s.getOutputStream().flush();
      if (answer != 'S') {
        s.getInputStream().read(); // a client would go on unencrypted; ours hangs up
        return false;
      }
      return true;
    });
  }

  static void say(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** A line without CRLF, byte by byte so that no TLS bytes are swallowed. */
  static String line(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}
