package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.alert.Alerting;
import io.pingbase.alert.ChannelSpec;
import io.pingbase.alert.Notification;
import io.pingbase.alert.Outbox;
import io.pingbase.alert.channel.Wording;
import io.pingbase.config.AlertingReader;
import io.pingbase.config.ConfigError;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigNode;
import io.pingbase.engine.MonitorRegistry;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.store.ChannelStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alert channels (list, get, create, update, delete, send a test) and the delivery log. Channel
 * secrets are never returned: a channel is shown with its secret keys left out and listed in
 * {@code secrets-set}, and an update that leaves a secret key out keeps the stored value.
 */
public final class AlertApi {
  /** Runtime fields the API adds; ignored on input so a channel read can be sent back. */
  private static final List<String> READ_ONLY_KEYS = List.of("source", "secrets-set");
  private static final int MAX_LOG = 500;

  private final Alerting alerting;
  private final ChannelStore store;
  private final MonitorRegistry registry;
  private final ObjectMapper json;

  public AlertApi(Alerting alerting, ChannelStore store, MonitorRegistry registry, ObjectMapper json) {
    this.alerting = alerting;
    this.store = store;
    this.registry = registry;
    this.json = json;
  }

  /** GET /api/v1/channels */
  public void list(Context ctx) {
    ObjectNode body = json.createObjectNode();
    List<ChannelSpec> channels = list(Requests.workspace(ctx));
    body.put("count", channels.size());
    ArrayNode items = body.putArray("channels");
    channels.forEach(c -> items.add(view(c)));
    ctx.json(body);
  }

  /** GET /api/v1/channels/{name} */
  public void get(Context ctx) {
    ctx.json(view(find(Requests.workspace(ctx), ctx.pathParam("name"))));
  }

  /** POST /api/v1/channels */
  public void create(Context ctx) {
    ChannelSpec spec = create(Requests.workspace(ctx), JsonBody.read(ctx, json, "the channel"));
    String name = WorkspaceKey.nameOf(spec.name());
    Requests.auditTarget(ctx, name);
    ctx.status(201).header("Location", "/api/v1/channels/" + name).json(view(spec));
  }

  /** PUT /api/v1/channels/{name}: secret keys left out keep their stored values; a secret sent as null is removed. */
  public void update(Context ctx) {
    ctx.json(view(update(Requests.workspace(ctx), ctx.pathParam("name"), JsonBody.read(ctx, json, "the channel"))));
  }

  /** DELETE /api/v1/channels/{name}: refused while monitors or groups route to it. */
  public void delete(Context ctx) {
    delete(Requests.workspace(ctx), ctx.pathParam("name"));
    ctx.status(204);
  }

  /** POST /api/v1/channels/{name}/test: sends a test notification now and says what happened. */
  public void test(Context ctx) {
    String name = ctx.pathParam("name");
    Alerting.TestResult result = test(Requests.workspace(ctx), name);
    ObjectNode body = json.createObjectNode();
    body.put("channel", name);
    body.put("event-id", result.eventId());
    body.put("status", result.status().wire());
    body.put("summary", result.delivery().summary());
    body.put("duration-ms", result.millis());
    ctx.json(body);
  }

  // ---- the rules, shared by the API's handlers and the web UI's pages

  /** The channels of {@code workspace}, from the file and the API. */
  public List<ChannelSpec> list(String workspace) {
    return alerting.settings().channels().stream().filter(c -> WorkspaceKey.inWorkspace(c.name(), workspace)).toList();
  }

  /** The channel {@code name} of {@code workspace}; 404 when there is none. */
  public ChannelSpec find(String workspace, String name) {
    if (!ChannelSpec.isValidName(name)) {
      throw notFound(name);
    }
    String key = WorkspaceKey.of(workspace, name);
    return alerting.settings().channel(key).orElseThrow(() -> notFound(name));
  }

  /** Where a channel is defined: "file" (read-only here) or "api". */
  public String source(ChannelSpec channel) {
    return alerting.source(channel.name());
  }

  /** Creates the channel {@code doc} describes in {@code workspace}: 400 naming the fields, 409 for a taken name. */
  public ChannelSpec create(String workspace, JsonNode doc) {
    ObjectNode body = object(doc);
    ChannelSpec local = read(body);
    ChannelSpec spec = local.withName(WorkspaceKey.of(workspace, local.name()));
    if (alerting.source(spec.name()) != null) {
      throw new ApiException(409, "a channel named '" + local.name() + "' exists" + fileNote(spec.name()));
    }
    save(spec, body);
    return spec;
  }

  /**
   * Replaces channel {@code name} with {@code doc}. A secret key left out keeps its stored value
   * (clients never get secrets back, so they cannot resend them); one sent as null is removed.
   */
  public ChannelSpec update(String workspace, String name, JsonNode doc) {
    ChannelSpec current = find(workspace, name);
    requireApi(current.name());
    ObjectNode body = object(doc);
    JsonNode given = body.get("name");
    String local = WorkspaceKey.nameOf(current.name());
    if (given == null || given.isNull()) {
      body.put("name", local);
    } else if (!given.isTextual() || !given.asText().equals(local)) {
      throw ApiException.invalid(List.of(new ApiException.FieldError("name",
          "must match the name in the URL ('" + local + "'); names cannot be changed, was " + given)));
    }
    JsonNode stored = storedSpec(current.name());
    JsonNode type = body.get("type");
    boolean sameType = stored != null && type != null && type.asText().equals(stored.path("type").asText());
    for (String secret : current.kind().secrets()) {
      JsonNode sent = body.get(secret);
      if (sent == null && sameType && stored.has(secret)) {
        body.set(secret, stored.get(secret));
      } else if (sent != null && sent.isNull()) {
        body.remove(secret);
      }
    }
    ChannelSpec spec = read(body).withName(current.name());
    save(spec, body);
    return spec;
  }

  /** Deletes channel {@code name}: 409 while monitors or groups route to it, or when the file defines it. */
  public void delete(String workspace, String name) {
    ChannelSpec current = find(workspace, name);
    requireApi(current.name());
    List<String> users = new ArrayList<>();
    registry.list().forEach(m -> {
      if (m.monitor().alerts().channels().contains(current.name())
          || m.monitor().alerts().escalateTo().contains(current.name())) {
        users.add("monitor '" + WorkspaceKey.nameOf(m.monitor().id()) + "'");
      }
    });
    alerting.settings().groups().forEach(g -> {
      if (g.alerts().channels().contains(current.name()) || g.alerts().escalateTo().contains(current.name())) {
        users.add("group '" + g.name() + "'");
      }
    });
    if (!users.isEmpty()) {
      throw new ApiException(409, "channel '" + WorkspaceKey.nameOf(current.name()) + "' is used by " + String.join(", ",
          users.subList(0, Math.min(users.size(), 10))) + (users.size() > 10 ? " and " + (users.size() - 10)
          + " more" : "") + "; remove it from their alerts first");
    }
    store.delete(current.name());
    alerting.removeApiChannel(current.name());
  }

  /** Sends a test notification through channel {@code name} now; what the receiver answered. */
  public Alerting.TestResult test(String workspace, String name) {
    ChannelSpec channel = find(workspace, name);
    return alerting.sendTest(channel.name()).orElseThrow(() -> notFound(channel.name()));
  }

  private static ObjectNode object(JsonNode doc) {
    if (!(doc instanceof ObjectNode o)) {
      throw ApiException.badRequest("the channel must be a JSON object");
    }
    return o.deepCopy();
  }

  /** GET /api/v1/notifications?monitor=&limit=: the delivery log, newest first. */
  public void notifications(Context ctx) {
    String workspace = Requests.workspace(ctx);
    String monitor = Params.text(ctx, "monitor");
    int limit = Params.integer(ctx, "limit", 50, 1, MAX_LOG);
    List<Outbox.NotificationLog> log = alerting.outbox().log(workspace,
        monitor == null || monitor.indexOf(WorkspaceKey.SEPARATOR) >= 0 ? monitor : WorkspaceKey.of(workspace, monitor),
        limit);
    ObjectNode body = json.createObjectNode();
    body.put("count", log.size());
    ArrayNode items = body.putArray("notifications");
    log.forEach(n -> items.add(view(n)));
    ctx.json(body);
  }

  /** GET /api/v1/notifications/{id} */
  public void notification(Context ctx) {
    String raw = ctx.pathParam("id");
    long id;
    try {
      id = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new ApiException(404, "no notification with id " + Params.quote(raw));
    }
    String workspace = Requests.workspace(ctx);
    ctx.json(view(alerting.outbox().notification(id)
        .filter(n -> WorkspaceKey.inWorkspace(n.notification().monitorId(), workspace))
        .orElseThrow(() -> new ApiException(404, "no notification with id " + id))));
  }

  private ChannelSpec read(ObjectNode body) {
    READ_ONLY_KEYS.forEach(body::remove);
    try {
      return AlertingReader.readChannel(ConfigNode.fromJson(body), alerting.settings().zone());
    } catch (ConfigException e) {
      throw ApiException.invalid(e.errors().stream()
          .map((ConfigError err) -> new ApiException.FieldError(err.path().isEmpty() ? "(body)" : err.path(),
              err.message()))
          .toList());
    }
  }

  private void save(ChannelSpec spec, ObjectNode body) {
    store.save(spec.name(), body.toString());
    alerting.putApiChannel(spec);
  }

  private JsonNode storedSpec(String name) {
    for (ChannelStore.StoredChannel c : store.list()) {
      if (c.name().equals(name)) {
        try {
          return json.readTree(c.spec());
        } catch (java.io.IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static ApiException notFound(String name) {
    return new ApiException(404, "no channel named " + Params.quote(WorkspaceKey.nameOf(name)));
  }

  private void requireApi(String name) {
    if ("file".equals(alerting.source(name))) {
      throw new ApiException(409, "channel '" + WorkspaceKey.nameOf(name)
          + "' is defined in the config file; change it there");
    }
  }

  private String fileNote(String name) {
    return "file".equals(alerting.source(name)) ? " in the config file" : "";
  }

  private ObjectNode view(ChannelSpec c) {
    ObjectNode n = json.createObjectNode();
    n.put("name", WorkspaceKey.nameOf(c.name()));
    n.put("type", c.kind().type());
    n.put("source", alerting.source(c.name()));
    ArrayNode on = n.putArray("on");
    c.on().stream().sorted().forEach(k -> on.add(k.wire()));
    n.put("default", c.isDefault());
    ArrayNode secrets = json.createArrayNode();
    for (Map.Entry<String, Object> e : c.written().entrySet()) {
      if (c.kind().secrets().contains(e.getKey())) {
        secrets.add(e.getKey());
      } else {
        n.set(e.getKey(), json.valueToTree(e.getValue()));
      }
    }
    n.set("secrets-set", secrets);
    return n;
  }

  private ObjectNode view(Outbox.NotificationLog log) {
    Notification x = log.notification();
    ObjectNode n = json.createObjectNode();
    n.put("id", log.id());
    n.put("event-id", x.eventId());
    n.put("incident-key", x.incidentKey());
    n.put("kind", x.kind().wire());
    n.put("title", x.title());
    ObjectNode m = n.putObject("monitor");
    m.put("id", WorkspaceKey.nameOf(x.monitorId()));
    m.put("name", x.monitorName());
    m.put("target", x.target());
    n.put("from", x.from() == null ? null : x.from().name().toLowerCase(Locale.ROOT));
    n.put("to", x.to().name().toLowerCase(Locale.ROOT));
    n.put("reason", x.reason() == null ? null : x.reason().name());
    n.put("message", x.message());
    n.put("response-time-ms", Wording.responseMillis(x));
    n.put("at", x.at().toString());
    if (x.downFor() != null) {
      n.put("down-for-seconds", x.downFor().toSeconds());
    }
    n.put("created", log.created().toString());
    ArrayNode ds = n.putArray("deliveries");
    for (Outbox.DeliveryLog d : log.deliveries()) {
      ObjectNode o = ds.addObject();
      o.put("channel", WorkspaceKey.nameOf(d.channel()));
      o.put("status", d.status().wire());
      o.put("attempts", d.attempts());
      o.put("next-attempt", d.next() == null ? null : d.next().toString());
      o.put("summary", d.summary());
      o.put("done", d.done() == null ? null : d.done().toString());
      ArrayNode as = o.putArray("log");
      for (Outbox.Attempt a : d.log()) {
        ObjectNode ao = as.addObject();
        ao.put("at", a.at().toString());
        ao.put("outcome", a.outcome());
        ao.put("summary", a.summary());
        ao.put("duration-ms", a.durationMillis());
      }
    }
    return n;
  }
}
