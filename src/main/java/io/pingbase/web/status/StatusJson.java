package io.pingbase.web.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A status page as JSON ({@code /status/<slug>/status.json}), for other tools and widgets. */
final class StatusJson {
  private StatusJson() {}

  static String write(ObjectMapper json, StatusView v) {
    ObjectNode root = json.createObjectNode();
    ObjectNode page = root.putObject("page");
    page.put("slug", v.page().slug());
    page.put("title", v.page().title());
    page.put("description", v.page().description());
    page.put("url", "/status/" + v.page().slug());
    page.put("time-zone", v.page().zone().getId());
    ObjectNode status = root.putObject("status");
    status.put("indicator", v.health().wire());
    status.put("description", v.health().banner());
    root.put("updated", iso(v.built()));
    ArrayNode sections = root.putArray("sections");
    for (StatusView.Section s : v.sections()) {
      ObjectNode o = sections.addObject();
      o.put("title", s.title());
      o.put("status", s.health().wire());
      o.put("uptime", s.uptime());
      ArrayNode monitors = o.putArray("monitors");
      for (StatusView.Component c : s.components()) {
        ObjectNode m = monitors.addObject();
        m.put("id", c.key());
        m.put("name", c.name());
        if (c.target() != null) {
          m.put("target", c.target());
        }
        m.put("status", c.health().wire());
        m.put("uptime", c.uptime());
        m.put("uptime-percent", c.percent());
        ArrayNode days = m.putArray("days");
        for (StatusView.Day d : c.days()) {
          days.addObject().put("date", d.date()).put("uptime-percent", d.percent()).put("grade", d.grade());
        }
      }
    }
    ArrayNode incidents = root.putArray("incidents");
    v.active().forEach(i -> incident(incidents.addObject(), i));
    v.past().forEach(i -> incident(incidents.addObject(), i));
    ArrayNode maintenance = root.putArray("maintenance");
    for (StatusView.MaintenanceView w : v.maintenance()) {
      ObjectNode o = maintenance.addObject();
      o.put("title", w.title());
      o.put("start", iso(w.start()));
      o.put("end", iso(w.end()));
      o.put("in-progress", w.inProgress());
      ArrayNode affected = o.putArray("affected");
      w.affected().forEach(affected::add);
    }
    try {
      return json.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void incident(ObjectNode o, StatusView.IncidentView i) {
    o.put("id", i.id());
    o.put("title", i.title());
    o.put("impact", i.impact());
    o.put("status", i.status());
    o.put("automatic", i.automatic());
    o.put("started", iso(i.started()));
    o.put("resolved", iso(i.resolved()));
    ArrayNode updates = o.putArray("updates");
    for (StatusView.Update u : i.updates()) {
      updates.addObject().put("status", u.status()).put("message", u.message()).put("at", iso(u.at()));
    }
  }

  private static String iso(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
