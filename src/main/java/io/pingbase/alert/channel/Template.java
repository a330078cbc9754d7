package io.pingbase.alert.channel;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's text with {@code {{name}}} placeholders: a webhook's body, or any channel's title and
 * message ({@code template:}). Deliberately tiny: substitution only, no conditions or loops. When the template is JSON (its first character, after spaces, is '[' or a '{' that does not
 * open a placeholder), values are
 * JSON-escaped so a message with quotes or newlines cannot break the document; the user writes the
 * surrounding quotes ({@code "text": "{{title}}"}). {@code {{payload}}} inserts the whole v1
 * payload as raw JSON. A missing value (no reason on a recovery) becomes the empty string.
 */
public final class Template {
  /** Every placeholder; {@code payload} only in a webhook body. */
  public static final List<String> NAMES = List.of(
      "schema", "event_id", "incident_key", "kind", "title", "monitor_id", "monitor_name", "target",
      "from", "to", "reason", "message", "response_time_ms", "at", "time", "down_for_seconds", "down_for",
      "payload");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]*)\\s*}}");

  private final List<String> literals; // one more than names
  private final List<String> names;
  private final boolean json;

  private Template(List<String> literals, List<String> names, boolean json) {
    this.literals = literals;
    this.names = names;
    this.json = json;
  }

  /** A webhook body: JSON-escaped when it is JSON, {@code {{payload}}} allowed. */
  public static Template parse(String template) {
    return parse(template, "body-template", true);
  }

  /**
   * @param key          the config key, for messages
   * @param allowPayload whether {@code {{payload}}} (the webhook's JSON) may be used
   */
  public static Template parse(String template, String key, boolean allowPayload) {
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      String name = m.group(1);
      if (!NAMES.contains(name) || name.equals("payload") && !allowPayload) {
        List<String> known = allowPayload ? NAMES : NAMES.subList(0, NAMES.size() - 1);
        throw new IllegalArgumentException("unknown placeholder {{" + name + "}} in " + key + "; known: "
            + String.join(", ", known));
      }
      literals.add(template.substring(last, m.start()));
      names.add(name);
      last = m.end();
    }
    literals.add(template.substring(last));
    String head = template.stripLeading();
    boolean json = head.startsWith("[") || head.startsWith("{") && !PLACEHOLDER.matcher(head).lookingAt();
    return new Template(List.copyOf(literals), List.copyOf(names), json);
  }

  public boolean isJson() {
    return json;
  }

  /** The body, with {@code payload} as raw JSON and every other value escaped if JSON. */
  public String render(Map<String, String> values, String payload) {
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.equals("payload")) {
        out.append(payload);
      } else {
        String v = values.get(name);
        v = v == null ? "" : v;
        out.append(json ? new String(JsonStringEncoder.getInstance().quoteAsString(v)) : v);
      }
      out.append(literals.get(i + 1));
    }
    return out.toString();
  }

  /** Plain text (no JSON escaping, no payload), for titles and messages. */
  public String renderText(Map<String, String> values) {
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < names.size(); i++) {
      String v = values.get(names.get(i));
      out.append(v == null ? "" : v).append(literals.get(i + 1));
    }
    return out.toString();
  }
}
