package io.pingbase.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.statuspage.StatusPage;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code status_page.spec} column: a page's settings as JSON (workspace, slug and domain have columns). */
final class StatusPageJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusPageJson() {}

  static String write(StatusPage p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("title", p.title());
    n.put("description", p.description());
    n.put("visibility", p.visibility().wire());
    n.put("password-hash", p.passwordHash());
    n.put("show-targets", p.showTargets());
    ArrayNode sections = n.putArray("sections");
    p.sections().forEach(s -> sections.add(JSON.valueToTree(s.toMap())));
    n.put("logo", p.logo());
    n.put("accent", p.accent());
    n.put("footer", p.footer());
    n.put("time-zone", p.zone().getId());
    n.put("theme", p.theme().wire());
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static StatusPage read(long id, String workspace, String slug, String domain, String spec) {
    try {
      JsonNode n = JSON.readTree(spec);
      List<StatusPage.Section> sections = new ArrayList<>();
      for (JsonNode s : n.path("sections")) {
        List<String> monitors = new ArrayList<>();
        s.path("monitors").forEach(m -> monitors.add(m.asText()));
        sections.add(new StatusPage.Section(s.path("title").asText(), text(s, "group"), monitors));
      }
      return new StatusPage(id, workspace, slug, domain, n.path("title").asText(), text(n, "description"),
          StatusPage.Visibility.valueOf(n.path("visibility").asText("public").toUpperCase(Locale.ROOT)),
          text(n, "password-hash"), n.path("show-targets").asBoolean(false), sections, text(n, "logo"),
          text(n, "accent"), text(n, "footer"), ZoneId.of(n.path("time-zone").asText("UTC")),
          StatusPage.Theme.valueOf(n.path("theme").asText("auto").toUpperCase(Locale.ROOT)));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalStateException("status page '" + slug + "': stored settings cannot be read: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }
}
