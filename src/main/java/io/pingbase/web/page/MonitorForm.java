package io.pingbase.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create/edit form of a monitor, and how its fields become the monitor document the API
 * takes, so the form and the API validate with one set of rules and report errors by the same
 * field names ({@code port}, {@code interval}).
 *
 * <p>The form shows the settings most monitors need. When a monitor is changed, its document is
 * the starting point: settings the form does not show (HTTP headers, JSON assertions, send-expect
 * steps) are kept as they are, and only the fields of the form replace theirs.
 *
 * @param values field name → value as typed (or as stored), for showing the form again
 * @param errors field name → what is wrong with it
 * @param channels the workspace's channels and whether each is chosen
 */
public record MonitorForm(String id, String type, Map<String, String> values, Map<String, String> errors,
    List<Choice> channels, List<String> groups, boolean editing, List<String> kept) implements FieldState {

  /** A channel that may be ticked. */
  public record Choice(String name, boolean chosen) {}

  /** A well-known port: a click fills the port and, where PingBase speaks it, the protocol. */
  public record KnownPort(String label, int port, String protocol) {}

  public static final List<KnownPort> KNOWN_PORTS = List.of(
      new KnownPort("PostgreSQL", 5432, "postgresql"), new KnownPort("MySQL / MariaDB", 3306, "mysql"),
      new KnownPort("Redis", 6379, "redis"), new KnownPort("MongoDB", 27017, ""),
      new KnownPort("RabbitMQ", 5672, "amqp"), new KnownPort("Kafka", 9092, ""),
      new KnownPort("SMTP", 25, "smtp"), new KnownPort("SMTPS", 465, ""), new KnownPort("Submission", 587, "smtp"),
      new KnownPort("SSH", 22, "ssh"), new KnownPort("MQTT", 1883, "mqtt"), new KnownPort("NATS", 4222, "nats"),
      new KnownPort("HTTP", 80, ""), new KnownPort("HTTPS", 443, ""), new KnownPort("DNS", 53, ""),
      new KnownPort("LDAP", 389, ""), new KnownPort("Memcached", 11211, ""), new KnownPort("Elasticsearch", 9200, ""));

  public static final List<String> TYPES = List.of("tcp", "http", "tls", "dns", "heartbeat");
  public static final List<String> PROTOCOLS = List.of("", "postgresql", "mysql", "redis", "amqp", "smtp", "mqtt",
      "nats", "ssh");
  public static final List<String> RECORD_TYPES = List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "SRV", "CAA",
      "PTR");

  /** The form fields of each type, beside the common ones (name, id, interval, timeout, degraded-after, group). */
  static final Map<String, List<String>> TYPE_FIELDS = Map.of(
      "tcp", List.of("host", "port", "protocol"),
      "http", List.of("url", "method", "body-contains"),
      "tls", List.of("host", "port", "starttls"),
      "dns", List.of("query", "record-type", "server", "contains"),
      "heartbeat", List.of("period", "schedule", "timezone", "grace"));
  static final List<String> COMMON_FIELDS = List.of("name", "interval", "timeout", "degraded-after", "group");

  @Override
  public String value(String field) {
    String v = values.get(field);
    return v == null ? "" : v;
  }

  @Override
  public String error(String field) {
    return errors.get(field);
  }

  /** Errors of fields the form has no place for, shown above it. */
  public List<String> otherErrors() {
    return Forms.otherErrors(errors, this::isFormField);
  }

  private boolean isFormField(String field) {
    return COMMON_FIELDS.contains(field) || field.equals("id") || field.equals("alerts.channels")
        || TYPE_FIELDS.getOrDefault(type, List.of()).contains(field);
  }

  public boolean is(String t) {
    return type.equals(t);
  }

  /** The form's fields as typed, for showing it again. */
  static Map<String, String> fields(Context ctx) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String f : ctx.formParamMap().keySet()) {
      if (!f.equals("_csrf") && !f.equals("channel")) {
        String v = ctx.formParam(f);
        values.put(f, v == null ? "" : v.strip());
      }
    }
    return values;
  }

  /** The values a stored monitor document gives the form's fields. */
  static Map<String, String> fromDocument(JsonNode doc) {
    Map<String, String> values = new LinkedHashMap<>();
    String type = doc.path("type").asText();
    for (String f : COMMON_FIELDS) {
      text(values, f, doc.get(f));
    }
    for (String f : TYPE_FIELDS.getOrDefault(type, List.of())) {
      switch (f) {
        case "body-contains" -> text(values, f, doc.path("expect").path("body-contains").path(0));
        case "contains" -> text(values, f, doc.path("expect").path("contains").path(0));
        default -> text(values, f, doc.get(f));
      }
    }
    return values;
  }

  private static void text(Map<String, String> values, String field, JsonNode v) {
    if (v != null && !v.isMissingNode() && !v.isNull() && !v.isContainerNode()) {
      values.put(field, v.asText());
    }
  }

  /**
   * The monitor document of these form values: over {@code stored} (an edit: what the form does
   * not show stays) or a fresh one. Empty fields are left out, so the defaults apply; a number
   * typed where a number belongs goes as a number, anything else as text for the validation to name.
   */
  static ObjectNode document(ObjectMapper json, String type, Map<String, String> values, List<String> channels,
      JsonNode stored) {
    ObjectNode doc = stored instanceof ObjectNode o && type.equals(o.path("type").asText()) ? o.deepCopy()
        : json.createObjectNode();
    doc.put("type", type);
    for (String f : COMMON_FIELDS) {
      put(doc, f, values.get(f));
    }
    if (stored == null) {
      put(doc, "id", values.get("id"));
    }
    for (String f : TYPE_FIELDS.getOrDefault(type, List.of())) {
      String v = values.get(f);
      switch (f) {
        case "port" -> {
          if (v == null || v.isBlank()) {
            doc.remove(f);
          } else if (v.matches("\\d{1,9}")) {
            doc.put(f, Integer.parseInt(v));
          } else {
            doc.put(f, v);
          }
        }
        case "protocol", "starttls" -> put(doc, f, v == null || v.equals("none") ? null : v);
        case "body-contains", "contains" -> {
          ObjectNode expect = doc.get("expect") instanceof ObjectNode e ? e : doc.putObject("expect");
          if (v == null || v.isBlank()) {
            expect.remove(f);
          } else {
            expect.putArray(f).add(v);
          }
          if (expect.isEmpty()) {
            doc.remove("expect");
          }
        }
        default -> put(doc, f, v);
      }
    }
    ObjectNode alerts = doc.get("alerts") instanceof ObjectNode a ? a : null;
    if (!channels.isEmpty()) {
      alerts = alerts == null ? doc.putObject("alerts") : alerts;
      ArrayNode list = alerts.putArray("channels");
      channels.forEach(list::add);
    } else if (alerts != null) {
      alerts.remove("channels");
      if (alerts.isEmpty()) {
        doc.remove("alerts");
      }
    }
    return doc;
  }

  private static void put(ObjectNode doc, String field, String value) {
    if (value == null || value.isBlank()) {
      doc.remove(field);
    } else {
      doc.put(field, value.strip());
    }
  }

  /** The keys of {@code doc} the form does not show, which an edit keeps. */
  static List<String> keptKeys(JsonNode doc) {
    List<String> kept = new ArrayList<>();
    String type = doc.path("type").asText();
    doc.fieldNames().forEachRemaining(k -> {
      boolean shown = COMMON_FIELDS.contains(k) || k.equals("id") || k.equals("type") || k.equals("alerts")
          || TYPE_FIELDS.getOrDefault(type, List.of()).contains(k)
          || k.equals("expect") && doc.get("expect").size() == 1
              && (doc.get("expect").has("body-contains") || doc.get("expect").has("contains"));
      if (!shown) {
        kept.add(k);
      }
    });
    return kept;
  }
}
