package io.pingbase.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.alert.Notification;
import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A notification to and from the outbox's {@code payload} column. Field by field rather than by
 * reflection, so renaming a Java field never makes stored notifications unreadable.
 */
final class NotificationJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NotificationJson() {}

  static String write(Notification n) {
    return tree(n).toString();
  }

  private static ObjectNode tree(Notification n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("eventId", n.eventId());
    o.put("incidentKey", n.incidentKey());
    o.put("kind", n.kind().name());
    o.put("monitorId", n.monitorId());
    o.put("monitorName", n.monitorName());
    o.put("target", n.target());
    o.put("from", n.from() == null ? null : n.from().name());
    o.put("to", n.to().name());
    o.put("reason", n.reason() == null ? null : n.reason().name());
    o.put("message", n.message());
    o.put("responseMicros", n.responseMicros());
    o.put("at", n.at().toEpochMilli());
    if (n.downFor() != null) {
      o.put("downForMillis", n.downFor().toMillis());
    }
    if (!n.folded().isEmpty()) {
      var list = o.putArray("folded");
      n.folded().forEach(f -> list.add(tree(f)));
    }
    return o;
  }

  static Notification read(String json) {
    try {
      return read(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable notification payload", e);
    }
  }

  private static Notification read(JsonNode o) {
    List<Notification> folded = new ArrayList<>();
    o.path("folded").forEach(f -> folded.add(read(f)));
    return new Notification(
        o.path("eventId").asText(),
        o.path("incidentKey").asText(),
        Notification.Kind.valueOf(o.path("kind").asText()),
        o.path("monitorId").asText(),
        o.path("monitorName").asText(),
        text(o, "target"),
        text(o, "from") == null ? null : MonitorState.valueOf(o.path("from").asText()),
        MonitorState.valueOf(o.path("to").asText()),
        text(o, "reason") == null ? null : FailureReason.valueOf(o.path("reason").asText()),
        text(o, "message"),
        o.path("responseMicros").asLong(-1),
        Instant.ofEpochMilli(o.path("at").asLong()),
        o.hasNonNull("downForMillis") ? Duration.ofMillis(o.path("downForMillis").asLong()) : null,
        folded);
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
