package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code PING} → {@code +PONG}, then {@code INFO server} for the version. A Redis that wants a
 * password answers with an authentication error, which still proves a live Redis.
 */
final class RedisProbe implements Probe {

  @Override
  public Outcome exchange(Conversation c) throws IOException, ProtocolMismatch {
    c.expecting("+PONG");
    c.send("PING\r\n");
    String reply = c.readLine();
    Map<String, Object> details = new LinkedHashMap<>();
    if (reply.startsWith("-") && authError(reply)) {
      details.put("reply", Printable.clean(reply, 200));
      details.put("auth_required", true);
      return Outcome.of(details);
    }
    if (!reply.equals("+PONG")) {
      throw new ProtocolMismatch("expected +PONG, got " + Printable.text(reply));
    }
    details.put("reply", "+PONG");
    c.expecting("the INFO server reply");
    c.send("INFO server\r\n");
    String header = c.readLine();
    int length = header.startsWith("$") ? bulkLength(header) : -1;
    if (length >= 0) {
      String info = new String(c.readExactly(length + 2), java.nio.charset.StandardCharsets.ISO_8859_1);
      for (String line : info.split("\r\n")) {
        if (line.startsWith("redis_version:")) {
          details.put("version", Printable.clean(line.substring("redis_version:".length()), 64));
        } else if (line.startsWith("redis_mode:")) {
          details.put("mode", Printable.clean(line.substring("redis_mode:".length()), 32));
        }
      }
    } else if (!header.startsWith("-") && !header.startsWith("$")) {
      // An error (INFO renamed or forbidden by an ACL) or an unusually long reply: no version then.
      throw new ProtocolMismatch("expected a bulk reply to INFO server, got " + Printable.text(header));
    }
    return Outcome.of(details);
  }

  private static boolean authError(String reply) {
    String lower = reply.toLowerCase(Locale.ROOT);
    return reply.startsWith("-NOAUTH") || reply.startsWith("-WRONGPASS")
        || reply.startsWith("-ERR") && (lower.contains("auth") || lower.contains("password"));
  }

  /** The length of a bulk reply; -1 when longer than we read (the version is then left out). */
  private static int bulkLength(String header) throws ProtocolMismatch {
    long length;
    try {
      length = Long.parseLong(header.substring(1));
    } catch (NumberFormatException e) {
      throw new ProtocolMismatch("expected a bulk reply to INFO server, got " + Printable.text(header));
    }
    return length >= 0 && length <= Conversation.MAX_LINE - 2 ? (int) length : -1;
  }
}
