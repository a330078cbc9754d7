package io.pingbase.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.check.Target;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The {@code monitor.spec} column: the parts of a monitor's definition that have no column of
 * their own, as JSON. Written by hand over Jackson's tree so the stored format is explicit and
 * stays put when a record gains a field; no reflection, no annotations.
 *
 * <pre>{"target":{"type":"tcp","host":"db","port":5432},"interval":"PT1M","timeout":"PT10S",
 *  "degraded_after":"PT0.5S","confirmation":{"rechecks":2,"spacing":"PT1S"}}</pre>
 *
 * Durations are ISO-8601 ({@link Duration#toString()}), exact to the nanosecond. id, name, group
 * and source live in their own columns (one source of truth each) and are passed in when reading.
 */
final class MonitorJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MonitorJson() {}

  static String spec(Monitor m) {
    ObjectNode root = JSON.createObjectNode();
    root.set("target", target(m.target()));
    root.put("interval", m.interval().toString());
    root.put("timeout", m.timeout().toString());
    if (m.degradedAfter() != null) {
      root.put("degraded_after", m.degradedAfter().toString());
    }
    ObjectNode confirmation = root.putObject("confirmation");
    confirmation.put("rechecks", m.confirmation().rechecks());
    confirmation.put("spacing", m.confirmation().spacing().toString());
    return root.toString();
  }

  // Exhaustive on purpose: a new Target kind fails to compile here until it has a stored form.
  private static ObjectNode target(Target target) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", target.type());
    switch (target) {
      case Target.Tcp tcp -> {
        node.put("host", tcp.host());
        node.put("port", tcp.port());
      }
    }
    return node;
  }

  /**
   * Rebuilds a monitor from its columns and spec.
   *
   * @throws IllegalStateException naming the monitor and the field when the stored spec is invalid
   */
  static Monitor monitor(String id, String name, String group, String source, String spec) {
    try {
      JsonNode root = JSON.readTree(spec);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("spec is not a JSON object");
      }
      var confirmation = object(root, "confirmation");
      return new Monitor(id, name, target(object(root, "target")),
          duration(root, "interval"), duration(root, "timeout"),
          root.hasNonNull("degraded_after") ? duration(root, "degraded_after") : null,
          group,
          new ConfirmationPolicy(integer(confirmation, "rechecks"), duration(confirmation, "spacing")),
          source(source));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("monitor '" + id + "': stored definition is invalid: " + e.getMessage(), e);
    }
  }

  private static Target target(JsonNode node) {
    String type = text(node, "type");
    return switch (type) {
      case "tcp" -> new Target.Tcp(text(node, "host"), integer(node, "port"));
      default -> throw new IllegalArgumentException("unknown target type '" + type + "'");
    };
  }

  private static MonitorSource source(String wire) {
    for (MonitorSource s : MonitorSource.values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown source '" + wire + "'");
  }

  private static JsonNode object(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not an object");
    }
    return v;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not an integer");
    }
    return v.intValue();
  }

  private static Duration duration(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field '" + field + "' is not an ISO-8601 duration: " + text, e);
    }
  }

  /** The {@code monitor.source} column value. */
  static String source(MonitorSource source) {
    return source.wire().toLowerCase(Locale.ROOT);
  }
}
