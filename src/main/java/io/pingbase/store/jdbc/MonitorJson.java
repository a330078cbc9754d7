package io.pingbase.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigNode;
import io.pingbase.config.Durations;
import io.pingbase.config.MonitorDefaults;
import io.pingbase.config.MonitorReader;
import io.pingbase.config.MonitorWriter;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.WorkspaceKey;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The {@code monitor.spec} column: a monitor's definition as the same JSON document the REST API
 * returns and pingbase.yml holds ({@link MonitorWriter} writes it, {@link MonitorReader} reads it
 * back with the same validation). One mapping per monitor type, shared by the file, the API and
 * storage, instead of one each.
 *
 * <pre>{"id":"db","name":"DB","type":"tcp","host":"db","port":5432,"interval":"1m","timeout":"10s",
 *  "degraded-after":"500ms","group":"Infra","confirmation":{"rechecks":2,"spacing":"1s"}}</pre>
 *
 * The writer puts every value in, so the defaults in force when it is read back do not matter.
 * id, name, group and source also have columns, for queries; the source is passed in. Rows written
 * by schema 1 (a different document) are still read.
 */
final class MonitorJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MonitorJson() {}

  static String spec(Monitor m) {
    try {
      // As its workspace's members write it: the id column holds the key (acme:redis).
      return JSON.writeValueAsString(MonitorWriter.toMap(m.toNames()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("monitor '" + m.id() + "' cannot be written as JSON", e);
    }
  }

  /**
   * Rebuilds a monitor from its stored document.
   *
   * @throws IllegalStateException naming the monitor and every invalid field
   */
  static Monitor monitor(String id, String name, String group, String source, String spec) {
    try {
      JsonNode root = JSON.readTree(spec);
      if (root == null || !root.isObject()) {
        throw new IllegalStateException("monitor '" + id + "': stored definition is not a JSON object");
      }
      if (root.has("target")) {
        root = fromSchema1((ObjectNode) root, WorkspaceKey.nameOf(id), name, group);
      }
      Monitor m = MonitorReader.read(ConfigNode.fromJson(root), MonitorDefaults.DEFAULT, source(id, source))
          .toKeys(WorkspaceKey.workspaceOf(id));
      if (!m.id().equals(id)) {
        throw new IllegalStateException("monitor '" + id + "': stored definition has id '" + m.id() + "'");
      }
      return m;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("monitor '" + id + "': stored definition is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (ConfigException e) {
      throw new IllegalStateException("monitor '" + id + "': stored definition is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Schema 1 stored {@code {"target":{"type":"tcp","host":..,"port":..},"interval":"PT1M",
   * "timeout":..,"degraded_after":..,"confirmation":{"rechecks":..,"spacing":..}}} with ISO-8601
   * durations and id, name and group only in their columns. Rows are rewritten in the current form
   * the next time the monitor is saved.
   */
  private static ObjectNode fromSchema1(ObjectNode old, String id, String name, String group) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", id);
    out.put("name", name);
    if (old.get("target") instanceof ObjectNode target) {
      out.setAll(target);
    }
    isoDuration(old, "interval", out, "interval");
    isoDuration(old, "timeout", out, "timeout");
    isoDuration(old, "degraded_after", out, "degraded-after");
    if (group != null) {
      out.put("group", group);
    }
    if (old.get("confirmation") instanceof ObjectNode confirmation) {
      ObjectNode c = out.putObject("confirmation");
      c.set("rechecks", confirmation.get("rechecks"));
      isoDuration(confirmation, "spacing", c, "spacing");
    }
    return out;
  }

  private static void isoDuration(JsonNode from, String key, ObjectNode to, String newKey) {
    JsonNode v = from.get(key);
    if (v == null || v.isNull()) {
      return;
    }
    try {
      to.put(newKey, Durations.format(Duration.parse(v.asText())));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      to.set(newKey, v); // left as it was, so the reader names the key and the value
    }
  }

  private static MonitorSource source(String id, String wire) {
    for (MonitorSource s : MonitorSource.values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    throw new IllegalStateException("monitor '" + id + "': unknown source '" + wire + "'");
  }

  /** The {@code monitor.source} column value. */
  static String source(MonitorSource source) {
    return source.wire().toLowerCase(Locale.ROOT);
  }
}
