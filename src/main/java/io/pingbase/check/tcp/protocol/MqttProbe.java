package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * MQTT 3.1.1: CONNECT (clean session, no credentials) → CONNACK. Any return code proves a broker;
 * "not authorized" (5) or "bad user name or password" (4) is the usual answer of a broker that
 * wants credentials. "Server unavailable" (3) means clients cannot use it: UP with a warning.
 */
final class MqttProbe implements Probe {
  private static final String[] RETURN_CODES = {
      "accepted", "unacceptable protocol version", "identifier rejected", "server unavailable",
      "bad user name or password", "not authorized"};

  @Override
  public Outcome exchange(Conversation c) throws IOException, ProtocolMismatch {
    c.expecting("an MQTT CONNACK");
    c.send(connect("pingbase-" + Long.toHexString(ThreadLocalRandom.current().nextLong())));
    byte[] ack = c.readExactly(4);
    if ((ack[0] & 0xff) != 0x20 || ack[1] != 2) {
      throw new ProtocolMismatch("expected an MQTT CONNACK, got " + Printable.show(ack, 4));
    }
    int code = ack[3] & 0xff;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("return_code", code);
    details.put("return_text", code < RETURN_CODES.length ? RETURN_CODES[code] : "unknown");
    if (code == 0) {
      c.send(new byte[] {(byte) 0xe0, 0}); // DISCONNECT, so the broker does not log a lost client
    }
    return new Outcome(details, code == 3 ? "MQTT broker answers: server unavailable" : null);
  }

  static byte[] connect(String clientId) {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream variable = new ByteArrayOutputStream();
    variable.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60});
    variable.write(id.length >> 8);
    variable.write(id.length & 0xff);
    variable.writeBytes(id);
    byte[] body = variable.toByteArray();
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(0x10);
    packet.write(body.length); // < 128: one length byte
    packet.writeBytes(body);
    return packet.toByteArray();
  }
}
