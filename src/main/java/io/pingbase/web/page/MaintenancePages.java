package io.pingbase.web.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.pingbase.account.Caller;
import io.pingbase.account.Workspaces;
import io.pingbase.config.Durations;
import io.pingbase.config.MaintenanceReader;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.maintenance.Schedule;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.web.api.MaintenanceApi;
import io.pingbase.web.api.Requests;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Maintenance windows in the browser: the list, and a form for a one-off window (a start and an
 * end in a time zone, the monitors and groups it covers). Recurring windows are listed; they are
 * made through the API or the config file. Everything goes through {@link MaintenanceApi}'s rules.
 */
public final class MaintenancePages {
  /** A window as listed. */
  public record Row(String name, String title, String when, String covers, boolean fromFile, boolean active) {}

  /** The form's choices: the workspace's monitors and groups, and which are ticked. */
  public record Choices(List<String> monitors, List<String> groups, List<String> chosenMonitors,
      List<String> chosenGroups) {}

  static final List<String> FIELDS = List.of("name", "title", "start", "end", "time-zone", "all");
  /** The fields an error is shown next to; others go above the form. */
  static final List<String> FIELDS_SHOWN = List.of("name", "title", "start", "end", "time-zone", "all", "monitors",
      "groups");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final Templates templates;
  private final MaintenanceApi api;
  private final Function<String, MaintenanceReader.References> references;
  private final Workspaces workspaces;
  private final ObjectMapper json;

  /** @param references the monitors and groups a window of a workspace may cover (MaintenanceApi's) */
  public MaintenancePages(Templates templates, MaintenanceApi api,
      Function<String, MaintenanceReader.References> references, Workspaces workspaces, ObjectMapper json) {
    this.templates = templates;
    this.api = api;
    this.references = references;
    this.workspaces = workspaces;
    this.json = json;
  }

  /** GET /maintenance */
  public void list(Context ctx) {
    page(ctx, 200, FormValues.EMPTY, List.of(), List.of(), null);
  }

  /** POST /maintenance */
  public void create(Context ctx) {
    Forms.requireSameSite(ctx);
    FormValues values = FormValues.of(ctx, FIELDS.toArray(String[]::new));
    List<String> monitors = ctx.formParams("monitors");
    List<String> groups = ctx.formParams("groups");
    ObjectNode doc = json.createObjectNode();
    values.values().forEach(doc::put);
    if (!doc.has("name")) {
      doc.put("name", "");
    }
    ArrayNode m = doc.putArray("monitors");
    monitors.forEach(m::add);
    ArrayNode g = doc.putArray("groups");
    groups.forEach(g::add);
    try {
      MaintenanceWindow w = api.create(Requests.workspace(ctx), doc);
      Requests.auditTarget(ctx, WorkspaceKey.nameOf(w.name()));
      ctx.redirect("/maintenance", HttpStatus.SEE_OTHER);
    } catch (RuntimeException e) {
      if (!Forms.showsInForm(e)) {
        throw e;
      }
      page(ctx, Forms.status(e), values.refused(e), monitors, groups, null);
    }
  }

  /** POST /maintenance/{name}/delete: a window of the config file is refused (409), said on the page. */
  public void delete(Context ctx) {
    Forms.requireSameSite(ctx);
    try {
      api.delete(Requests.workspace(ctx), ctx.pathParam("name"));
      ctx.redirect("/maintenance", HttpStatus.SEE_OTHER);
    } catch (RuntimeException e) {
      if (!Forms.showsInForm(e)) {
        throw e;
      }
      page(ctx, Forms.status(e), FormValues.EMPTY, List.of(), List.of(), e.getMessage());
    }
  }

  private void page(Context ctx, int status, FormValues form, List<String> monitors, List<String> groups,
      String error) {
    Caller caller = Requests.caller(ctx);
    String workspace = caller.workspaceId();
    List<Row> rows = api.list(workspace).stream().map(w -> row(w, api.isOpen(w.name()))).toList();
    MaintenanceReader.References refs = references.apply(workspace);
    List<String> allMonitors = List.copyOf(new TreeSet<>(refs.monitorHints()));
    List<String> allGroups = refs.groups() == null ? List.of() : List.copyOf(new TreeSet<>(refs.groups()));
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", new Chrome("Maintenance", "maintenance", caller, workspaces.mine(caller)));
    p.put("rows", rows);
    p.put("form", form);
    p.put("otherErrors", form.otherErrors(FIELDS_SHOWN));
    p.put("choices", new Choices(allMonitors, allGroups, monitors, groups));
    p.put("error", error);
    templates.page(ctx, status, "maintenance.jte", p);
  }

  static Row row(MaintenanceWindow w, boolean active) {
    String when = switch (w.schedule()) {
      case Schedule.OneOff once -> WHEN.format(once.start().atZone(w.zone())) + " – "
          + WHEN.format(once.end().atZone(w.zone())) + " " + w.zone().getId();
      case Schedule.Cron cron -> "cron " + cron.cron() + " for " + Durations.format(cron.duration()) + " ("
          + w.zone().getId() + ")";
      case Schedule.Weekly weekly -> String.join(", ", weekly.days().stream().sorted()
          .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT)).toList()) + " " + weekly.from() + "–"
          + weekly.to() + " " + w.zone().getId();
    };
    List<String> covers = new ArrayList<>();
    if (w.coverage().all()) {
      covers.add("every monitor");
    }
    w.coverage().monitors().forEach(m -> covers.add(WorkspaceKey.nameOf(m)));
    w.coverage().groups().forEach(g -> covers.add("group " + g));
    return new Row(WorkspaceKey.nameOf(w.name()), w.title(), when, String.join(", ", covers),
        w.source() == MonitorSource.FILE, active);
  }
}
