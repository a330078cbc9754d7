package io.pingbase.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.account.AccountException;
import io.pingbase.account.Caller;
import io.pingbase.account.Workspaces;
import io.pingbase.alert.Alerting;
import io.pingbase.check.CheckResult;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.engine.MonitorRegistry;
import io.pingbase.engine.RegistryException;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.web.api.ApiException;
import io.pingbase.web.api.MonitorApi;
import io.pingbase.web.api.MonitorCodec;
import io.pingbase.web.api.Requests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Creating and changing monitors in the browser: the form of each type, "test now" (the check run
 * once before saving, its result shown in place), and the actions on a monitor (pause, resume,
 * check now, delete). Everything goes through {@link MonitorApi}'s rules, so the form refuses
 * exactly what the API refuses, naming the same fields.
 */
public final class MonitorPages {
  private final Templates templates;
  private final MonitorApi api;
  private final MonitorRegistry registry;
  private final MonitorCodec codec;
  private final Alerting alerting;
  private final Workspaces workspaces;
  private final ObjectMapper json;

  public MonitorPages(Templates templates, MonitorApi api, MonitorRegistry registry, MonitorCodec codec,
      Alerting alerting, Workspaces workspaces, ObjectMapper json) {
    this.templates = templates;
    this.api = api;
    this.registry = registry;
    this.codec = codec;
    this.alerting = alerting;
    this.workspaces = workspaces;
    this.json = json;
  }

  /** GET /monitors/new?type=tcp */
  public void newForm(Context ctx) {
    String type = type(ctx.queryParam("type"));
    Map<String, String> values = new LinkedHashMap<>();
    if (type.equals("http")) {
      values.put("method", "GET");
    }
    form(ctx, 200, new MonitorForm(null, type, values, Map.of(), channels(ctx, List.of()), groups(ctx), false, List.of()));
  }

  /** POST /monitors */
  public void create(Context ctx) {
    String type = type(ctx.formParam("type"));
    Map<String, String> values = MonitorForm.fields(ctx);
    List<String> chosen = ctx.formParams("channel");
    ObjectNode doc = MonitorForm.document(json, type, values, chosen, null);
    try {
      LiveMonitor created = api.create(Requests.workspace(ctx), doc);
      String id = WorkspaceKey.nameOf(created.monitor().id());
      Requests.auditTarget(ctx, id);
      ctx.redirect("/monitors/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ApiException | AccountException e) {
      form(ctx, 400, new MonitorForm(null, type, values, errors(e), channels(ctx, chosen), groups(ctx), false, List.of()));
    }
  }

  /** GET /monitors/{id}/edit */
  public void editForm(Context ctx) {
    LiveMonitor live = find(ctx);
    registry.requireWritable(live.monitor().id());
    JsonNode doc = codec.write(live.monitor().toNames());
    form(ctx, 200, new MonitorForm(WorkspaceKey.nameOf(live.monitor().id()), live.monitor().target().type(),
        MonitorForm.fromDocument(doc), Map.of(), channels(ctx, live.monitor().toNames().alerts().channels()),
        groups(ctx), true, MonitorForm.keptKeys(doc)));
  }

  /** POST /monitors/{id} */
  public void update(Context ctx) {
    LiveMonitor live = find(ctx);
    registry.requireWritable(live.monitor().id());
    String type = live.monitor().target().type();
    Map<String, String> values = MonitorForm.fields(ctx);
    List<String> chosen = ctx.formParams("channel");
    JsonNode stored = codec.write(live.monitor().toNames());
    ObjectNode doc = MonitorForm.document(json, type, values, chosen, stored);
    String id = WorkspaceKey.nameOf(live.monitor().id());
    try {
      api.update(Requests.workspace(ctx), live.monitor().id(), doc);
      ctx.redirect("/monitors/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ApiException | AccountException e) {
      form(ctx, 400, new MonitorForm(id, type, values, errors(e), channels(ctx, chosen), groups(ctx), true,
          MonitorForm.keptKeys(stored)));
    }
  }

  /** POST /monitors/test (htmx): runs the check of the form's monitor once, saving nothing. */
  public void test(Context ctx) {
    String type = type(ctx.formParam("type"));
    Map<String, String> values = MonitorForm.fields(ctx);
    Map<String, Object> p = new HashMap<>();
    try {
      Monitor m = api.validate(Requests.workspace(ctx), MonitorForm.document(json, type, values, List.of(), null), null);
      Optional<CheckResult> result = registry.probe(m.toKeys(Requests.workspace(ctx)));
      p.put("result", result.orElse(null));
      p.put("errors", List.<String>of());
    } catch (ApiException | AccountException e) {
      List<String> messages = new ArrayList<>();
      errors(e).forEach((field, message) -> messages.add(field.equals("(body)") ? message : field + ": " + message));
      p.put("result", null);
      p.put("errors", messages);
    }
    p.put("heartbeat", type.equals("heartbeat"));
    templates.fragment(ctx, "monitor-test.jte", p);
  }

  private void form(Context ctx, int status, MonitorForm form) {
    Caller caller = Requests.caller(ctx);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", new Chrome(form.editing() ? "Change " + form.value("name") : "New monitor", "dashboard", caller,
        workspaces.mine(caller)));
    p.put("form", form);
    templates.page(ctx, status, "monitor-form.jte", p);
  }

  /** Field → message; a plan limit or another refusal goes above the form. */
  private static Map<String, String> errors(RuntimeException e) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (e instanceof ApiException api) {
      if (api.errors().isEmpty()) {
        errors.put("(body)", api.getMessage());
      }
      api.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
    } else if (e instanceof AccountException account) {
      errors.put(account.kind() == AccountException.Kind.INVALID && account.field() != null ? account.field() : "(body)",
          account.getMessage());
    }
    return errors;
  }

  private List<MonitorForm.Choice> channels(Context ctx, List<String> chosen) {
    String workspace = Requests.workspace(ctx);
    List<MonitorForm.Choice> out = new ArrayList<>();
    alerting.settings().channels().stream().filter(c -> WorkspaceKey.inWorkspace(c.name(), workspace))
        .forEach(c -> out.add(new MonitorForm.Choice(WorkspaceKey.nameOf(c.name()),
            chosen.contains(WorkspaceKey.nameOf(c.name())))));
    return out;
  }

  private List<String> groups(Context ctx) {
    String workspace = Requests.workspace(ctx);
    TreeSet<String> groups = new TreeSet<>();
    registry.list().stream().filter(l -> WorkspaceKey.inWorkspace(l.monitor().id(), workspace))
        .map(l -> l.monitor().group()).filter(g -> g != null).forEach(groups::add);
    return List.copyOf(groups);
  }

  private static String type(String t) {
    return t != null && MonitorForm.TYPES.contains(t) ? t : "tcp";
  }

  LiveMonitor find(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Monitor.isValidId(id)) {
      throw new RegistryException.NotFound(id);
    }
    String key = WorkspaceKey.of(Requests.workspace(ctx), id);
    return registry.get(key).orElseThrow(() -> new RegistryException.NotFound(key));
  }
}
