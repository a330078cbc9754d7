package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.account.AccountException;
import io.pingbase.account.PlanLimits;
import io.pingbase.config.AlertingReader;
import io.pingbase.config.Durations;
import io.pingbase.config.MonitorSecrets;
import io.pingbase.config.MonitorReader;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.engine.MonitorRegistry;
import io.pingbase.engine.RegistryException;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.net.NetworkPolicy;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Monitor definitions and their live status: list, get, create, update, delete, pause, resume, check now. */
public final class MonitorApi {
  private final MonitorRegistry registry;
  private final MonitorCodec codec;
  private final ObjectMapper json;
  private final Views views;
  private final java.util.function.Supplier<java.util.Set<String>> channels;
  private final Function<String, PlanLimits> limits;
  private final NetworkPolicy network;

  public MonitorApi(MonitorRegistry registry, MonitorCodec codec, ObjectMapper json) {
    this(registry, codec, json, null, w -> PlanLimits.UNLIMITED, NetworkPolicy.SELF_HOSTED);
  }

  /**
   * @param channels the keys of the configured channels (every workspace's), which a monitor's
   *                 alerts may use within its workspace; null: no check
   * @param limits   the plan limits of a workspace, read per request
   * @param network  where checks may connect: a target it refuses without a lookup is refused here
   */
  public MonitorApi(MonitorRegistry registry, MonitorCodec codec, ObjectMapper json,
      java.util.function.Supplier<java.util.Set<String>> channels, Function<String, PlanLimits> limits,
      NetworkPolicy network) {
    this.channels = channels;
    this.limits = limits;
    this.network = network;
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
    LiveMonitor created = create(Requests.workspace(ctx), body(ctx));
    String id = WorkspaceKey.nameOf(created.monitor().id());
    Requests.auditTarget(ctx, id);
    ctx.status(201).header("Location", "/api/v1/monitors/" + id).json(view(ctx, created));
  }

  /**
   * Creates a monitor from its document in {@code workspace}, with every check the API makes
   * (validation, channels, network policy, plan limits); shared with the web UI's form.
   *
   * @throws ApiException with the invalid fields
   * @throws AccountException LIMIT when the plan does not allow it
   */
  public LiveMonitor create(String workspace, JsonNode body) {
    Monitor monitor = validate(workspace, body, null);
    PlanLimits plan = limits.apply(workspace);
    if (plan.monitors() != null) {
      long count = registry.list().stream().filter(l -> WorkspaceKey.inWorkspace(l.monitor().id(), workspace)).count();
      if (count >= plan.monitors()) {
        throw AccountException.limit("monitors", "this workspace's plan allows " + plan.monitors() + " monitor"
            + (plan.monitors() == 1 ? "" : "s") + " and it has " + count + "; delete one or ask for a larger plan");
      }
    }
    checkInterval(monitor, plan);
    return registry.create(monitor.toKeys(workspace));
  }

  public void update(Context ctx) {
    ctx.json(view(ctx, update(Requests.workspace(ctx), find(ctx).monitor().id(), body(ctx))));
  }

  /** Changes monitor {@code key} to {@code body}, with every check {@link #create} makes; credentials left out are kept. */
  public LiveMonitor update(String workspace, String key, JsonNode body) {
    Monitor stored = registry.get(key).orElseThrow(() -> new RegistryException.NotFound(key)).monitor();
    // A file monitor cannot be changed whatever the body says: say so before validating it.
    registry.requireWritable(key);
    if (body instanceof ObjectNode object) {
      // Credentials are never shown, so a monitor read and sent back lacks them: keep the stored ones.
      MonitorSecrets.keepUnsent(object, codec.write(stored.toNames()));
    }
    Monitor monitor = validate(workspace, body, WorkspaceKey.nameOf(key));
    checkInterval(monitor, limits.apply(workspace));
    return registry.update(monitor.toKeys(workspace));
  }

  /**
   * The monitor {@code body} describes, as its workspace names it, after every check a monitor
   * must pass to be created (fields, channels, network policy); for trying one before saving.
   *
   * @param pathId the id of the monitor being changed; null for a new one
   */
  public Monitor validate(String workspace, JsonNode body, String pathId) {
    return checkTarget(checkChannels(codec.read(body, pathId), workspace));
  }

  /**
   * The plan's shortest interval; a monitor over it keeps running, but is not created or changed.
   * Not for heartbeats: their interval is how often a ping's lateness is judged, and nothing is dialled.
   */
  private static void checkInterval(Monitor m, PlanLimits plan) {
    if (plan.minInterval() != null && !(m.target() instanceof io.pingbase.check.Target.Heartbeat)
        && m.interval().compareTo(plan.minInterval()) < 0) {
      throw AccountException.limit("min-interval", "interval " + Durations.format(m.interval())
          + " is below this workspace's plan minimum of " + Durations.format(plan.minInterval()));
    }
  }

  public void delete(Context ctx) {
    registry.delete(key(ctx));
    ctx.status(204);
  }

  public void pause(Context ctx) {
    ctx.json(view(ctx, registry.pause(key(ctx))));
  }

  public void resume(Context ctx) {
    ctx.json(view(ctx, registry.resume(key(ctx))));
  }

  /** The key of the monitor the path names, in the caller's workspace. */
  private static String key(Context ctx) {
    return WorkspaceKey.of(Requests.workspace(ctx), Params.monitorId(ctx));
  }

  /** POST /api/v1/monitors/{id}/check: runs the check now; the result shows up in the monitor's results. */
  public void checkNow(Context ctx) {
    LiveMonitor m = find(ctx);
    if (m.status().state() == MonitorState.PAUSED) {
      throw new ApiException(409, "monitor '" + WorkspaceKey.nameOf(m.monitor().id()) + "' is paused; resume it first");
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
      n.put("ping-url", Requests.baseUrl(ctx) + "/ping/" + hb.token());
    }
    return n;
  }

  LiveMonitor find(Context ctx) {
    String key = key(ctx);
    return registry.get(key).orElseThrow(() -> new RegistryException.NotFound(key));
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
    MonitorFilter filter = new MonitorFilter(Requests.workspace(ctx), group, state, type, Params.text(ctx, "q"));
    return registry.list().stream().filter(filter::matches).toList();
  }


  /**
   * A target the network policy refuses without a lookup (an IP literal, localhost) is a 400 now,
   * not a monitor that is BLOCKED forever; names are judged when they are dialled.
   */
  private Monitor checkTarget(Monitor m) {
    String field = switch (m.target()) {
      case io.pingbase.check.Target.Tcp t -> "host";
      case io.pingbase.check.Target.Tls t -> "host";
      case io.pingbase.check.Target.Http t -> "url";
      case io.pingbase.check.Target.Dns t -> t.server() == null ? null : "server";
      case io.pingbase.check.Target.Heartbeat t -> null;
    };
    String refusal = field == null ? null : network.refusalWithoutLookup(m.target().host());
    if (refusal != null) {
      throw ApiException.invalidParam(field, refusal);
    }
    String caFile = switch (m.target()) {
      case io.pingbase.check.Target.Tls t -> t.caFile();
      case io.pingbase.check.Target.Http t -> t.caFile();
      default -> null;
    };
    if (caFile != null && network.restricts()) {
      // A file on the server: a member could learn which files exist and parse as certificates.
      throw ApiException.invalidParam("ca-file", "names a file on the server, which the API does not accept"
          + " with network.targets: multi-tenant; the operator can set it in the config file");
    }
    return m;
  }

  /** A monitor may only route its alerts to channels that exist in its workspace. */
  private Monitor checkChannels(Monitor monitor, String workspace) {
    if (channels == null) {
      return monitor;
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (String key : channels.get()) {
      if (WorkspaceKey.inWorkspace(key, workspace)) {
        names.add(WorkspaceKey.nameOf(key));
      }
    }
    List<ApiException.FieldError> errors = new java.util.ArrayList<>();
    AlertingReader.unknownChannels(monitor.alerts(), names).forEach((key, messages) ->
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
