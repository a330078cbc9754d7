package io.pingbase.web.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.alert.ChannelSpec;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.ChannelKind;
import io.pingbase.alert.channel.ChannelKinds;
import io.pingbase.monitor.WorkspaceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The create/edit form of an alert channel, made from its kind's keys ({@link ChannelKind#keys()}),
 * so every type gets a field for each of its settings without a form of its own, and how the
 * fields become the channel document {@link io.pingbase.web.api.AlertApi} takes: one set of rules,
 * errors by the same field names.
 *
 * <p>Secrets ({@link ChannelKind#secrets()}) are never sent back to the browser: their inputs are
 * always empty. On an edit a secret left empty keeps the stored value, and "Remove the stored ..."
 * sends it as null, which removes it. A refused form is shown again without the secrets typed.
 *
 * @param values field name → value as typed or stored, secrets excluded
 * @param errors field name → what is wrong with it
 * @param stored the secret keys the stored channel has (an edit)
 */
public record ChannelForm(String type, String name, boolean editing, Map<String, String> values,
    Map<String, String> errors, Set<String> stored) implements FieldState {

  /** A key of the type and how it is typed in. */
  public record Field(String key, String label, String input, boolean secret, String hint) {}

  public static final List<String> TYPES = List.copyOf(ChannelKinds.types());
  /** The notification kinds a channel may ask for ({@code on}); none ticked: all of them. */
  public static final List<String> KINDS = List.of("down", "recovered", "degraded", "reminder");
  /** Keys written one item per line. */
  static final Set<String> LIST_KEYS = Set.of("to", "responders");
  /** Keys written as "Name: value" lines (a map). */
  static final Set<String> MAP_KEYS = Set.of("headers");
  /** Keys whose text spans lines. */
  static final Set<String> TEXT_KEYS = Set.of("body-template");

  public ChannelForm {
    values = Map.copyOf(values);
    errors = Map.copyOf(errors);
    stored = Set.copyOf(stored);
  }

  static ChannelForm blank(String type) {
    return new ChannelForm(type, null, false, Map.of(), Map.of(), Set.of());
  }

  /** The form of a stored channel: its settings as written, without the secrets. */
  static ChannelForm of(ChannelSpec spec) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("name", WorkspaceKey.nameOf(spec.name()));
    spec.written().forEach((key, value) -> {
      if (!spec.kind().secrets().contains(key) && spec.kind().keys().contains(key)) {
        values.put(key, text(value));
      }
    });
    values.put("on", String.join(",", spec.on().stream().map(Notification.Kind::wire).sorted().toList()));
    if (spec.isDefault()) {
      values.put("default", "true");
    }
    Set<String> stored = new java.util.HashSet<>(spec.written().keySet());
    stored.retainAll(spec.kind().secrets());
    return new ChannelForm(spec.kind().type(), WorkspaceKey.nameOf(spec.name()), true, values, Map.of(), stored);
  }

  /** This form shown again with the errors of {@code refusal}, each next to its field where it has one. */
  ChannelForm refused(RuntimeException refusal) {
    Map<String, String> out = new LinkedHashMap<>();
    Forms.errors(refusal).forEach((field, message) -> out.merge(fieldOf(field, message), message,
        (a, b) -> a + "; " + b));
    return new ChannelForm(type, name, editing, values, out, stored);
  }

  /**
   * The field an error belongs to: {@code headers.X-Token} is the headers field's; a type's own
   * check names its key at the start of a message on the channel as a whole ("url is required").
   */
  private String fieldOf(String field, String message) {
    String key = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
    if (isFormField(key)) {
      return key;
    }
    if (field.equals("(body)")) {
      for (String k : kind().keys()) {
        if (message.startsWith(k + " ")) {
          return k;
        }
      }
    }
    return field;
  }

  private boolean isFormField(String key) {
    return key.equals("name") || key.equals("on") || key.equals("default") || kind().keys().contains(key);
  }

  public ChannelKind<?> kind() {
    return ChannelKinds.of(type);
  }

  /** The type's fields, in the order its documentation lists them. */
  public List<Field> fields() {
    List<Field> out = new ArrayList<>();
    for (String key : kind().keys()) {
      boolean secret = kind().secrets().contains(key);
      String input = MAP_KEYS.contains(key) || LIST_KEYS.contains(key) || TEXT_KEYS.contains(key) ? "area"
          : secret ? "password" : "text";
      String hint = LIST_KEYS.contains(key) ? "one per line" : MAP_KEYS.contains(key) ? "one per line: Name: value" : null;
      if (secret && stored.contains(key)) {
        hint = "stored — leave empty to keep";
      }
      out.add(new Field(key, label(key), input, secret, hint));
    }
    return out;
  }

  /** "webhook-url" → "Webhook URL". */
  static String label(String key) {
    StringBuilder out = new StringBuilder();
    for (String word : key.split("-")) {
      String w = switch (word) {
        case "url", "api", "id", "ca" -> word.toUpperCase(Locale.ROOT);
        default -> word;
      };
      out.append(out.isEmpty() ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
    }
    return out.toString();
  }

  @Override
  public String value(String field) {
    return values.getOrDefault(field, "");
  }

  @Override
  public String error(String field) {
    return errors.get(field);
  }

  public boolean wants(String kind) {
    return List.of(value("on").split(",")).contains(kind);
  }

  public boolean isDefault() {
    return "true".equals(values.get("default"));
  }

  /** Errors of no field of the form, shown above it. */
  public List<String> otherErrors() {
    return Forms.otherErrors(errors, this::isFormField);
  }

  /** The fields of a posted form, to show it again: secrets left out. */
  static ChannelForm posted(Context ctx, String type, String name, boolean editing, Set<String> stored) {
    ChannelKind<?> kind = ChannelKinds.of(type);
    Map<String, String> values = new LinkedHashMap<>();
    String typedName = Forms.field(ctx, "name");
    if (typedName != null) {
      values.put("name", typedName);
    }
    for (String key : kind.keys()) {
      String v = ctx.formParam(key);
      if (v != null && !kind.secrets().contains(key)) {
        values.put(key, v.strip());
      }
    }
    values.put("on", String.join(",", ctx.formParams("on")));
    if (ctx.formParam("default") != null) {
      values.put("default", "true");
    }
    return new ChannelForm(type, name, editing, values, Map.of(), stored);
  }

  /**
   * The channel document of a posted form. Empty fields are left out (the type's defaults apply);
   * on an edit an empty secret is left out too (the stored one is kept) and a ticked "remove"
   * sends it as null. Secrets are read exactly as typed: a password may start or end with a space.
   */
  static ObjectNode document(ObjectMapper json, Context ctx, String type, String name, ChannelSpec stored) {
    ChannelKind<?> kind = ChannelKinds.of(type);
    ObjectNode doc = json.createObjectNode();
    doc.put("name", name != null ? name : Forms.field(ctx, "name") == null ? "" : Forms.field(ctx, "name"));
    doc.put("type", type);
    for (String key : kind.keys()) {
      boolean secret = kind.secrets().contains(key);
      String raw = ctx.formParam(key);
      String v = raw == null ? null : secret && !MAP_KEYS.contains(key) ? raw : raw.strip();
      if (secret && stored != null && ctx.formParam("remove-" + key) != null) {
        doc.putNull(key);
      } else if (v == null || v.isBlank()) {
        continue; // a secret of an edit: the stored value is kept
      } else if (LIST_KEYS.contains(key)) {
        ArrayNode items = doc.putArray(key);
        v.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(items::add);
      } else if (MAP_KEYS.contains(key)) {
        ObjectNode map = doc.putObject(key);
        v.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
          int colon = l.indexOf(':');
          map.put(colon < 0 ? l : l.substring(0, colon).strip(), colon < 0 ? "" : l.substring(colon + 1).strip());
        });
      } else {
        doc.put(key, v);
      }
    }
    List<String> on = ctx.formParams("on");
    if (!on.isEmpty()) {
      ArrayNode list = doc.putArray("on");
      on.forEach(list::add);
    }
    if (ctx.formParam("default") != null) {
      doc.put("default", true);
    }
    if (stored != null && stored.written().get("template") != null) { // not in the form: kept as it is
      doc.set("template", json.valueToTree(stored.written().get("template")));
    }
    return doc;
  }

  private static String text(Object value) {
    if (value instanceof List<?> list) {
      return String.join("\n", list.stream().map(String::valueOf).toList());
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder();
      map.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
      return out.toString().strip();
    }
    return String.valueOf(value);
  }
}
