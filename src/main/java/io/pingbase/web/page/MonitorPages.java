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
  private final io.pingbase.store.ResultStore results;
  private final io.pingbase.store.EventStore events;
  private final io.pingbase.store.Uptimes uptimes;
  private final java.time.InstantSource clock;

  /** Chart ranges offered, and the bucket each is drawn in (about 200 points). */
  static final Map<String, java.time.Duration[]> RANGES = new LinkedHashMap<>();

  static {
    RANGES.put("1h", new java.time.Duration[] {java.time.Duration.ofHours(1), java.time.Duration.ofSeconds(15)});
    RANGES.put("24h", new java.time.Duration[] {java.time.Duration.ofHours(24), java.time.Duration.ofMinutes(5)});
    RANGES.put("7d", new java.time.Duration[] {java.time.Duration.ofDays(7), java.time.Duration.ofHours(1)});
    RANGES.put("30d", new java.time.Duration[] {java.time.Duration.ofDays(30), java.time.Duration.ofHours(3)});
    RANGES.put("90d", new java.time.Duration[] {java.time.Duration.ofDays(90), java.time.Duration.ofHours(12)});
  }

  public MonitorPages(Templates templates, MonitorApi api, MonitorRegistry registry, MonitorCodec codec,
      Alerting alerting, Workspaces workspaces, ObjectMapper json, io.pingbase.store.ResultStore results,
      io.pingbase.store.EventStore events, io.pingbase.store.Uptimes uptimes, java.time.InstantSource clock) {
    this.results = results;
    this.events = events;
    this.uptimes = uptimes;
    this.clock = clock;
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
      if (!type.equals("heartbeat")) {
        // Whoever just made it in the form wants to see it: the first check now, not at its
        // spread-out slot within the interval (a heartbeat waits for its first ping).
        registry.checkNow(created.monitor().id());
      }
      String id = WorkspaceKey.nameOf(created.monitor().id());
      Requests.auditTarget(ctx, id);
      ctx.redirect("/monitors/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ApiException | AccountException e) {
      form(ctx, 400, new MonitorForm(null, type, values, Forms.errors(e), channels(ctx, chosen), groups(ctx), false, List.of()));
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
      form(ctx, 400, new MonitorForm(id, type, values, Forms.errors(e), channels(ctx, chosen), groups(ctx), true,
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
      Forms.errors(e).forEach((field, message) -> messages.add(field.equals("(body)") ? message : field + ": " + message));
      p.put("result", null);
      p.put("errors", messages);
    }
    p.put("heartbeat", type.equals("heartbeat"));
    templates.fragment(ctx, "monitor-test.jte", p);
  }

  /** GET /monitors/{id}: the chart, the status in detail, uptime per range, events and outages. */
  public void show(Context ctx) {
    LiveMonitor live = find(ctx);
    Caller caller = Requests.caller(ctx);
    java.time.Instant now = clock.instant();
    String range = RANGES.containsKey(ctx.queryParam("range")) ? ctx.queryParam("range") : "24h";
    Map<String, String> uptime = new LinkedHashMap<>();
    for (Map.Entry<String, java.time.Duration[]> r : RANGES.entrySet()) {
      if (r.getKey().equals("1h")) {
        continue;
      }
      Double p;
      try {
        p = uptimes.of(live.ref(), live.monitor(), now.minus(r.getValue()[0]), now, now).percent();
      } catch (RuntimeException e) {
        p = null; // the database is away: the page still shows the live status
      }
      uptime.put(r.getKey(), p == null ? "–" : DashboardPage.formatPercent(p));
    }
    List<io.pingbase.store.StoredEvent> recent;
    try {
      recent = events.events(live.ref(), now.minus(java.time.Duration.ofDays(90)), now.plusSeconds(1), 50);
    } catch (RuntimeException e) {
      recent = List.of();
    }
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", new Chrome(live.monitor().name(), "dashboard", caller, workspaces.mine(caller)));
    CustomRange custom = CustomRange.of(ctx.queryParam("from"), ctx.queryParam("to"), now);
    p.put("view", MonitorView.of(live, registry.isWritable(live.monitor().id()), custom.valid() ? "custom" : range,
        uptime, recent, Outage.from(recent, now)));
    p.put("custom", custom);
    templates.page(ctx, 200, "monitor.jte", p);
  }

  /** GET /monitors/{id}/series?range=24h: the chart's data, column by column (uPlot's shape), times in seconds, durations in ms. */
  public void series(Context ctx) {
    LiveMonitor live = find(ctx);
    java.time.Instant now = clock.instant();
    java.time.Instant from;
    java.time.Instant to;
    java.time.Duration bucket;
    if (ctx.queryParam("from") != null || ctx.queryParam("to") != null) {
      CustomRange custom = CustomRange.of(ctx.queryParam("from"), ctx.queryParam("to"), now);
      if (!custom.valid()) {
        throw new ApiException(400, custom.error());
      }
      from = custom.from();
      to = custom.to();
      bucket = custom.bucket();
    } else {
      java.time.Duration[] r = RANGES.getOrDefault(ctx.queryParam("range"), RANGES.get("24h"));
      from = now.minus(r[0]);
      to = now;
      bucket = r[1];
    }
    List<io.pingbase.store.SeriesPoint> points = results.series(live.ref(), from, to.plusSeconds(1), bucket);
    ObjectNode body = json.createObjectNode();
    body.put("from", from.getEpochSecond());
    body.put("to", to.getEpochSecond());
    body.put("bucket-seconds", bucket.toSeconds());
    var degraded = live.monitor().degradedAfter();
    if (degraded == null) {
      body.putNull("degraded-after-ms");
    } else {
      body.put("degraded-after-ms", degraded.toNanos() / 1e6);
    }
    String[] names = {"t", "avg", "max", "dns", "connect", "tls", "first-byte", "up", "degraded", "down"};
    Map<String, com.fasterxml.jackson.databind.node.ArrayNode> cols = new LinkedHashMap<>();
    for (String n : names) {
      cols.put(n, body.putArray(n));
    }
    for (io.pingbase.store.SeriesPoint pt : points) {
      cols.get("t").add(pt.start().getEpochSecond());
      ms(cols.get("avg"), pt.avgMicros());
      ms(cols.get("max"), pt.maxMicros());
      ms(cols.get("dns"), pt.dnsMicros());
      ms(cols.get("connect"), pt.connectMicros());
      ms(cols.get("tls"), pt.tlsMicros());
      ms(cols.get("first-byte"), pt.firstByteMicros());
      cols.get("up").add(pt.up());
      cols.get("degraded").add(pt.degraded());
      cols.get("down").add(pt.down());
    }
    ctx.header("Cache-Control", "no-store").json(body);
  }

  private static void ms(com.fasterxml.jackson.databind.node.ArrayNode col, Long micros) {
    if (micros == null) {
      col.addNull();
    } else {
      col.add(Math.round(micros / 10.0) / 100.0);
    }
  }

  /** POST /monitors/{id}/pause, /resume, /check, /delete: an action, then back to the monitor (or the dashboard). */
  public void action(Context ctx) {
    LiveMonitor live = find(ctx);
    String key = live.monitor().id();
    String id = WorkspaceKey.nameOf(key);
    String action = ctx.pathParam("action");
    switch (action) {
      case "pause" -> registry.pause(key);
      case "resume" -> registry.resume(key);
      case "check" -> registry.checkNow(key);
      case "delete" -> {
        registry.delete(key);
        Requests.auditTarget(ctx, id);
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      }
      default -> throw new ApiException(404, "no such action: " + io.pingbase.web.api.Params.quote(action));
    }
    Requests.auditTarget(ctx, id);
    ctx.redirect("/monitors/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void form(Context ctx, int status, MonitorForm form) {
    Caller caller = Requests.caller(ctx);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", new Chrome(form.editing() ? "Change " + form.value("name") : "New monitor", "dashboard", caller,
        workspaces.mine(caller)));
    p.put("form", form);
    templates.page(ctx, status, "monitor-form.jte", p);
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
