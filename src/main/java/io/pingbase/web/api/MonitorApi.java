package io.pingbase.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Monitor definitions and their live status: list, get, create, update, delete, pause, resume, check now. */
public final class MonitorApi {
  private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate field '(.*)' for `ObjectNode`");
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
    Monitor monitor = codec.read(body(ctx), null);
    LiveMonitor created = registry.create(monitor);
    ctx.status(201).header("Location", "/api/v1/monitors/" + created.monitor().id()).json(view(ctx, created));
  }

  public void update(Context ctx) {
    String id = find(ctx).monitor().id();
    // A file monitor cannot be changed whatever the body says: say so before validating it.
    registry.requireWritable(id);
    Monitor monitor = codec.read(body(ctx), id);
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

  private JsonNode body(Context ctx) {
    return objectBody(ctx, json, "the monitor");
  }

  /** The request body as a JSON object, or a 400/415 saying why it is not one. */
  static JsonNode objectBody(Context ctx, ObjectMapper json, String subject) {
    requireJson(ctx);
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.badRequest("request body is empty; send " + subject + " as a JSON object");
    }
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("request body must be a JSON object, was " + describe(node));
      }
      return node;
    } catch (StreamConstraintsException e) {
      throw ApiException.badRequest("request body exceeds the JSON limits: at most " + Json.MAX_DEPTH
          + " levels of nesting, keys of " + Json.MAX_KEY + " characters, strings of " + Json.MAX_STRING
          + " characters, numbers of " + Json.MAX_NUMBER + " digits");
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage();
      Matcher duplicate = DUPLICATE_KEY.matcher(what);
      if (duplicate.find()) { // Jackson's wording names its own settings; say it plainly
        what = "duplicate key \"" + duplicate.group(1) + "\"";
      }
      throw ApiException.badRequest("request body is not valid JSON: " + what
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    }
  }

  /**
   * Refuses a body declared as something other than JSON (415). A form post (curl's -d without
   * a Content-Type header) would otherwise be read as JSON by accident; no header at all is taken
   * to mean JSON.
   */
  private static void requireJson(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null || type.isBlank()) {
      return;
    }
    int semicolon = type.indexOf(';');
    String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json") && !media.endsWith("+json")) {
      throw new ApiException(415, "Content-Type must be application/json, was " + Params.quote(type));
    }
  }

  private static String describe(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
