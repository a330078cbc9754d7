package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MySQL and MariaDB greet first: a packet (3-byte length, sequence 0) holding protocol version
 * 10 and the server version as a NUL-terminated string. A server refusing clients ("Too many
 * connections", "Host is not allowed") sends an error packet instead: it is MySQL, but clients
 * cannot use it, so the check is UP with a warning (DEGRADED).
 */
final class MysqlProbe implements Probe {

  @Override
  public Outcome exchange(Conversation c) throws IOException, ProtocolMismatch {
    c.expecting("the MySQL greeting packet");
    byte[] header = c.readExactly(4);
    int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
    if (header[3] != 0 || length < 3 || length > 1024) {
      throw new ProtocolMismatch("expected the MySQL greeting packet, got " + Printable.show(header, 4));
    }
    byte[] payload = c.readExactly(length);
    Map<String, Object> details = new LinkedHashMap<>();
    int kind = payload[0] & 0xff;
    if (kind == 0xff) {
      int code = (payload[1] & 0xff) | (payload[2] & 0xff) << 8;
      String text = Printable.clean(new String(payload, 3, length - 3, StandardCharsets.UTF_8), 200);
      details.put("error_code", code);
      details.put("error", text);
      return new Outcome(details, "MySQL refuses clients: " + code + " " + text);
    }
    int end = 1;
    while (end < length && payload[end] != 0) {
      end++;
    }
    if (kind != 10 || end == length || end == 1) {
      throw new ProtocolMismatch("expected a MySQL greeting (protocol 10 and a version), got "
          + Printable.show(concat(header, payload), 4 + length));
    }
    String version = Printable.clean(new String(payload, 1, end - 1, StandardCharsets.UTF_8), 100);
    details.put("protocol_version", 10);
    details.put("version", version);
    details.put("banner", version);
    return Outcome.of(details);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
