package io.pingbase.alert.channel.webhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's webhook body with {@code {{name}}} placeholders. Deliberately tiny: substitution only,
 * no conditions or loops. When the template is JSON (its first character, after spaces, is '[' or a '{' that does not
 * open a placeholder), values are
 * JSON-escaped so a message with quotes or newlines cannot break the document; the user writes the
 * surrounding quotes ({@code "text": "{{title}}"}). {@code {{payload}}} inserts the whole v1
 * payload as raw JSON. A missing value (no reason on a recovery) becomes the empty string.
 */
final class BodyTemplate {
  static final List<String> NAMES = List.of(
      "schema", "event_id", "incident_key", "kind", "title", "monitor_id", "monitor_name", "target",
      "from", "to", "reason", "message", "response_time_ms", "at", "down_for_seconds", "down_for", "payload");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]*)\\s*}}");

  private final List<String> literals; // one more than names
  private final List<String> names;
  private final boolean json;

  private BodyTemplate(List<String> literals, List<String> names, boolean json) {
    this.literals = literals;
    this.names = names;
    this.json = json;
  }

  static BodyTemplate parse(String template) {
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      String name = m.group(1);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown placeholder {{" + name + "}} in body-template; known: "
            + String.join(", ", NAMES));
      }
      literals.add(template.substring(last, m.start()));
      names.add(name);
      last = m.end();
    }
    literals.add(template.substring(last));
    String head = template.stripLeading();
    boolean json = head.startsWith("[") || head.startsWith("{") && !PLACEHOLDER.matcher(head).lookingAt();
    return new BodyTemplate(List.copyOf(literals), List.copyOf(names), json);
  }

  boolean isJson() {
    return json;
  }

  /** The body, with {@code payload} as raw JSON and every other value escaped if JSON. */
  String render(Map<String, String> values, String payload) {
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
}
