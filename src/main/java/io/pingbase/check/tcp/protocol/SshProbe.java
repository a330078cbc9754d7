package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SSH servers identify first: {@code SSH-2.0-softwareversion comments}. RFC 4253 4.2 lets a
 * server send other lines before it; a few are skipped. {@code SSH-1.99-} is an SSH 2 server
 * that also speaks SSH 1. Our own identification goes first (RFC 4253 lets both sides send at
 * once), so that sshd logs a client that left, and a server of another protocol answers or closes
 * instead of waiting for us.
 */
final class SshProbe implements Probe {
  private static final int MAX_PRE_LINES = 20;

  @Override
  public Outcome exchange(Conversation c) throws IOException, ProtocolMismatch {
    c.expecting("the SSH-2.0- banner");
    c.send("SSH-2.0-PingBase_check\r\n");
    String firstLine = null;
    for (int i = 0; i <= MAX_PRE_LINES; i++) {
      String line;
      try {
        line = c.readLine();
      } catch (ProtocolMismatch e) {
        throw firstLine == null ? e : new ProtocolMismatch(e.getMessage() + " after " + Printable.text(firstLine));
      } catch (StepTimeout e) {
        if (firstLine == null) {
          throw e;
        }
        // It answered, just not with a banner: another protocol's reply, not a slow sshd.
        throw new ProtocolMismatch("expected the SSH-2.0- banner, got " + Printable.text(firstLine) + " and then no banner");
      }
      if (firstLine == null) {
        firstLine = line;
      }
      if (line.startsWith("SSH-2.0-") || line.startsWith("SSH-1.99-")) {
        Map<String, Object> details = new LinkedHashMap<>();
        String banner = Printable.clean(line, 255);
        details.put("banner", banner);
        String rest = banner.substring(banner.indexOf('-', 4) + 1);
        details.put("version", rest.split(" ", 2)[0]);
        return Outcome.of(details);
      }
      if (line.startsWith("SSH-")) {
        throw new ProtocolMismatch("expected the SSH-2.0- banner, got an SSH 1 server: " + Printable.text(line));
      }
      if (i == 0 && !isText(line)) {
        throw new ProtocolMismatch("expected the SSH-2.0- banner, got " + Printable.text(line));
      }
    }
    throw new ProtocolMismatch("expected the SSH-2.0- banner, got " + MAX_PRE_LINES + " other lines first");
  }

  private static boolean isText(String line) {
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch < 0x20 && ch != '\t' || ch >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
