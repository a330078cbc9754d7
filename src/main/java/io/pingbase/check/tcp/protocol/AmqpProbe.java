package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AMQP 0-9-1 (RabbitMQ): the protocol header {@code AMQP\0\0\9\1} → a {@code Connection.Start}
 * method frame, whose server properties name the product and version. A broker that speaks
 * another AMQP version answers with its own protocol header and closes; that is reported.
 */
final class AmqpProbe implements Probe {
  private static final byte[] HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
  private static final int FRAME_METHOD = 1;
  private static final int FRAME_END = 0xce;

  @Override
  public Outcome exchange(Conversation c) throws IOException, ProtocolMismatch {
    c.expecting("an AMQP Connection.Start frame");
    c.send(HEADER);
    byte[] head = c.readExactly(7);
    if (head[0] == 'A' && head[1] == 'M' && head[2] == 'Q' && head[3] == 'P') {
      byte[] last = c.readExactly(1);
      throw new ProtocolMismatch("expected AMQP 0-9-1, the server offers protocol header "
          + (head[4] & 0xff) + "-" + (head[5] & 0xff) + "-" + (head[6] & 0xff) + "-" + (last[0] & 0xff));
    }
    int type = head[0] & 0xff;
    int channel = (head[1] & 0xff) << 8 | head[2] & 0xff;
    long size = (head[3] & 0xffL) << 24 | (head[4] & 0xff) << 16 | (head[5] & 0xff) << 8 | head[6] & 0xff;
    if (type != FRAME_METHOD || channel != 0 || size < 4 || size > Conversation.MAX_LINE - 1) {
      throw new ProtocolMismatch("expected an AMQP Connection.Start frame, got " + Printable.show(head, 7));
    }
    byte[] payload = c.readExactly((int) size + 1);
    int classId = (payload[0] & 0xff) << 8 | payload[1] & 0xff;
    int methodId = (payload[2] & 0xff) << 8 | payload[3] & 0xff;
    if (classId != 10 || methodId != 10 || (payload[(int) size] & 0xff) != FRAME_END) {
      throw new ProtocolMismatch("expected an AMQP Connection.Start frame (class 10, method 10), got class "
          + classId + " method " + methodId);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (size >= 6) {
      details.put("protocol", "0-9-1");
      serverProperties(payload, 6, (int) size, details);
    }
    return Outcome.of(details);
  }

  /**
   * Picks the text server properties worth showing from the field table at {@code at}; stops
   * quietly at a field type it cannot skip, keeping what it found.
   */
  private static void serverProperties(byte[] p, int at, int end, Map<String, Object> details) {
    if (at + 4 > end) {
      return;
    }
    int tableEnd = Math.min(end, at + 4 + (int) u32(p, at));
    int i = at + 4;
    while (i < tableEnd) {
      int nameLength = p[i] & 0xff;
      if (i + 1 + nameLength + 1 > tableEnd) {
        return;
      }
      String name = new String(p, i + 1, nameLength, StandardCharsets.UTF_8);
      i += 1 + nameLength;
      char type = (char) (p[i++] & 0xff);
      int skip = switch (type) {
        case 't', 'b', 'B' -> 1;
        case 's', 'u' -> 2;
        case 'I', 'i', 'f' -> 4;
        case 'D' -> 5;
        case 'l', 'L', 'd', 'T' -> 8;
        case 'V' -> 0;
        case 'S', 'x', 'F', 'A' -> i + 4 <= tableEnd ? 4 + (int) u32(p, i) : -1;
        default -> -1;
      };
      if (skip < 0 || i + skip > tableEnd) {
        return;
      }
      if (type == 'S' && (name.equals("product") || name.equals("version") || name.equals("platform")
          || name.equals("cluster_name"))) {
        details.put(name, Printable.clean(new String(p, i + 4, skip - 4, StandardCharsets.UTF_8), 100));
      }
      i += skip;
    }
  }

  private static long u32(byte[] p, int at) {
    return (p[at] & 0xffL) << 24 | (p[at + 1] & 0xff) << 16 | (p[at + 2] & 0xff) << 8 | p[at + 3] & 0xff;
  }
}
