package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.config.AlertingReader;
import io.pingbase.config.MonitorReader;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.engine.MonitorRegistry;
import io.pingbase.engine.RegistryException;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorState;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Monitor definitions and their live status: list, get, create, update, delete, pause, resume, check now. */
public final class MonitorApi {
  private final MonitorRegistry registry;
  private final MonitorCodec codec;
  private final ObjectMapper json;
  private final Views views;
  private final java.util.function.Supplier<java.util.Set<String>> channels;

  public MonitorApi(MonitorRegistry registry, MonitorCodec codec, ObjectMapper json) {
    this(registry, codec, json, null);
  }

  /** @param channels the names of the configured channels, which a monitor's alerts may use; null: no check */
  public MonitorApi(MonitorRegistry registry, MonitorCodec codec, ObjectMapper json,
      java.util.function.Supplier<java.util.Set<String>> channels) {
    this.channels = channels;
    this.registry = registry;
    this.codec = codec;
    this.json = json;
    this.views = new Views(json, codec);
  }

  /** GET /api/v1/monitors?group=&status=&type=&q= */
  public void list(Context ctx) {
    List<LiveMonitor> matching = filter(ctx);
    ObjectNode body = json.createObjectNode();
    body.put("count", matching.size());
    ArrayNode items = body.putArray("monitors");
    matching.forEach(m -> items.add(view(ctx, m)));
    ctx.json(body);
  }

  /** GET /api/v1/status: every monitor's current status in compact form, with a summary. */
  public void status(Context ctx) {
    List<LiveMonitor> matching = filter(ctx);
    Map<MonitorState, Integer> counts = new EnumMap<>(MonitorState.class);
    for (MonitorState s : MonitorState.values()) {
      counts.put(s, 0);
    }
    ObjectNode body = json.createObjectNode();
    ArrayNode items = json.createArrayNode();
    for (LiveMonitor m : matching) {
      counts.merge(m.status().state(), 1, Integer::sum);
      items.add(views.statusLine(m));
    }
    ObjectNode summary = body.putObject("summary");
    summary.put("total", matching.size());
    counts.forEach((state, n) -> summary.put(state.name().toLowerCase(Locale.ROOT), n));
    body.set("monitors", items);
    ctx.json(body);
  }

  public void get(Context ctx) {
    ctx.json(view(ctx, find(ctx)));
  }

  public void create(Context ctx) {
    Monitor monitor = checkChannels(codec.read(body(ctx), null));
    LiveMonitor created = registry.create(monitor);
    ctx.status(201).header("Location", "/api/v1/monitors/" + created.monitor().id()).json(view(ctx, created));
  }

  public void update(Context ctx) {
    String id = find(ctx).monitor().id();
    // A file monitor cannot be changed whatever the body says: say so before validating it.
    registry.requireWritable(id);
    Monitor monitor = checkChannels(codec.read(body(ctx), id));
    ctx.json(view(ctx, registry.update(monitor)));
  }

  public void delete(Context ctx) {
    registry.delete(Params.monitorId(ctx));
    ctx.status(204);
  }

  public void pause(Context ctx) {
    ctx.json(view(ctx, registry.pause(Params.monitorId(ctx))));
  }

  public void resume(Context ctx) {
    ctx.json(view(ctx, registry.resume(Params.monitorId(ctx))));
  }

  /** POST /api/v1/monitors/{id}/check: runs the check now; the result shows up in the monitor's results. */
  public void checkNow(Context ctx) {
    LiveMonitor m = find(ctx);
    if (m.status().state() == MonitorState.PAUSED) {
      throw new ApiException(409, "monitor '" + m.monitor().id() + "' is paused; resume it first");
    }
    boolean queued = registry.checkNow(m.monitor().id());
    ObjectNode body = json.createObjectNode();
    body.put("queued", queued);
    ctx.status(202).json(body);
  }

  /**
   * A monitor as the API shows it; a heartbeat also gets its read-only {@code ping-url}, built from
   * the address the client used (the Host header), which is the address its jobs can reach.
   */
  private ObjectNode view(Context ctx, LiveMonitor live) {
    ObjectNode n = views.monitor(live);
    if (live.monitor().target() instanceof io.pingbase.check.Target.Heartbeat hb && hb.token() != null) {
      n.put("ping-url", pingBase(ctx) + "/ping/" + hb.token());
    }
    return n;
  }

  /** {@code http://host:port} as the client addressed this server; empty (relative URLs) without a Host header. */
  private static String pingBase(Context ctx) {
    String host = ctx.header("Host");
    if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
      return "";
    }
    return ctx.scheme() + "://" + host;
  }

  LiveMonitor find(Context ctx) {
    String id = Params.monitorId(ctx);
    return registry.get(id).orElseThrow(() -> new RegistryException.NotFound(id));
  }

  /**
   * The filters of the list and the status overview, all optional and combined with AND: {@code group}
   * (exact, ignoring case), {@code status}, {@code type} and {@code q} (a substring of the name, id
   * or target, ignoring case). An unknown status or type is a 400, not an empty list, so a typo
   * does not look like "nothing matches".
   */
  private List<LiveMonitor> filter(Context ctx) {
    String group = Params.text(ctx, "group");
    MonitorState state = Params.enumValue(ctx, "status", MonitorState.class);
    String type = Params.text(ctx, "type");
    if (type != null && !MonitorReader.types().contains(type.toLowerCase(Locale.ROOT))) {
      throw ApiException.invalidParam("type", "must be one of " + MonitorReader.types() + ", was " + Params.quote(type));
    }
    String q = Params.text(ctx, "q");
    String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
    return registry.list().stream()
        .filter(m -> group == null || group.equalsIgnoreCase(m.monitor().group()))
        .filter(m -> state == null || m.status().state() == state)
        .filter(m -> type == null || type.equalsIgnoreCase(m.monitor().target().type()))
        .filter(m -> needle == null
            || m.monitor().name().toLowerCase(Locale.ROOT).contains(needle)
            || m.monitor().id().contains(needle)
            || m.monitor().target().display().toLowerCase(Locale.ROOT).contains(needle))
        .toList();
  }

  /** A monitor may only route its alerts to channels that exist. */
  private Monitor checkChannels(Monitor monitor) {
    if (channels == null) {
      return monitor;
    }
    List<ApiException.FieldError> errors = new java.util.ArrayList<>();
    AlertingReader.unknownChannels(monitor.alerts(), channels.get()).forEach((key, messages) ->
        messages.forEach(message -> errors.add(new ApiException.FieldError(key, message))));
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return monitor;
  }

  private JsonNode body(Context ctx) {
    return JsonBody.read(ctx, json, "the monitor");
  }
}
