package io.pingbase.check.tcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** NATS greets with {@code INFO {json}}; its version and server name are recorded. */
final class NatsProbe implements Probe {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Outcome exchange(Conversation c) throws IOException, ProtocolMismatch {
    c.expecting("the NATS INFO line");
    String line = c.readLine();
    if (!line.startsWith("INFO ")) {
      throw new ProtocolMismatch("expected the NATS INFO line, got " + Printable.text(line));
    }
    JsonNode info;
    try {
      info = JSON.readTree(line.substring(5));
    } catch (IOException e) {
      throw new ProtocolMismatch("expected JSON after INFO, got " + Printable.text(line.substring(5)));
    }
    if (info == null || !info.isObject()) {
      throw new ProtocolMismatch("expected a JSON object after INFO, got " + Printable.text(line.substring(5)));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    text(info, "version", details);
    text(info, "server_name", details);
    text(info, "server_id", details);
    if (info.has("proto")) {
      details.put("proto", info.get("proto").asLong());
    }
    if (info.has("jetstream")) {
      details.put("jetstream", info.get("jetstream").asBoolean());
    }
    details.put("auth_required", info.path("auth_required").asBoolean(false));
    return Outcome.of(details);
  }

  private static void text(JsonNode info, String key, Map<String, Object> details) {
    JsonNode v = info.get(key);
    if (v != null && v.isTextual()) {
      details.put(key, Printable.clean(v.asText(), 100));
    }
  }
}
