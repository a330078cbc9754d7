package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
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

  public MonitorApi(MonitorRegistry registry, MonitorCodec codec, ObjectMapper json) {
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
    matching.forEach(m -> items.add(views.monitor(m)));
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
    ctx.json(views.monitor(find(ctx)));
  }

  public void create(Context ctx) {
    Monitor monitor = codec.read(body(ctx), null);
    LiveMonitor created = registry.create(monitor);
    ctx.status(201).header("Location", "/api/v1/monitors/" + created.monitor().id()).json(views.monitor(created));
  }

  public void update(Context ctx) {
    String id = ctx.pathParam("id");
    find(ctx);
    Monitor monitor = codec.read(body(ctx), id);
    ctx.json(views.monitor(registry.update(monitor)));
  }

  public void delete(Context ctx) {
    registry.delete(ctx.pathParam("id"));
    ctx.status(204);
  }

  public void pause(Context ctx) {
    ctx.json(views.monitor(registry.pause(ctx.pathParam("id"))));
  }

  public void resume(Context ctx) {
    ctx.json(views.monitor(registry.resume(ctx.pathParam("id"))));
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

  LiveMonitor find(Context ctx) {
    String id = ctx.pathParam("id");
    return registry.get(id).orElseThrow(() -> new RegistryException.NotFound(id));
  }

  private List<LiveMonitor> filter(Context ctx) {
    String group = ctx.queryParam("group");
    MonitorState state = Params.enumValue(ctx, "status", MonitorState.class);
    String type = ctx.queryParam("type");
    String q = ctx.queryParam("q");
    String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
    return registry.list().stream()
        .filter(m -> group == null || group.equals(m.monitor().group()))
        .filter(m -> state == null || m.status().state() == state)
        .filter(m -> type == null || type.equalsIgnoreCase(m.monitor().target().type()))
        .filter(m -> needle == null
            || m.monitor().name().toLowerCase(Locale.ROOT).contains(needle)
            || m.monitor().id().contains(needle)
            || m.monitor().target().display().toLowerCase(Locale.ROOT).contains(needle))
        .toList();
  }

  private JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.badRequest("request body is empty; send the monitor as a JSON object");
    }
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("request body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    }
  }
}
