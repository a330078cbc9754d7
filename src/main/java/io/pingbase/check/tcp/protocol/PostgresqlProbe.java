package io.pingbase.check.tcp.protocol;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An SSLRequest, which every PostgreSQL since 7.2 answers with one byte before any
 * authentication: {@code S} (TLS available) or {@code N} (not). No credentials, no log noise
 * beyond a closed connection, and the connection is closed before any TLS starts.
 */
final class PostgresqlProbe implements Probe {
  private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f}; // length 8, code 80877103

  @Override
  public Outcome exchange(Conversation c) throws IOException, ProtocolMismatch {
    c.expecting("S or N in answer to an SSLRequest");
    c.send(SSL_REQUEST);
    int answer = c.readByte();
    Map<String, Object> details = new LinkedHashMap<>();
    switch (answer) {
      case 'S' -> details.put("ssl", true);
      case 'N' -> details.put("ssl", false);
      default -> {
        byte[] got = {(byte) answer};
        throw new ProtocolMismatch("expected S or N in answer to an SSLRequest, got " + Printable.show(got, 1));
      }
    }
    return Outcome.of(details);
  }
}
