package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.config.ConfigError;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigNode;
import io.pingbase.config.MaintenanceReader;
import io.pingbase.config.MaintenanceWriter;
import io.pingbase.maintenance.MaintenanceCalendar;
import io.pingbase.maintenance.MaintenanceException;
import io.pingbase.maintenance.MaintenanceRegistry;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.WorkspaceKey;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Maintenance windows: list, get, create, replace, delete. Windows from the file are listed with
 * {@code "source": "file"} and cannot be changed here. Each window in an answer says whether it is
 * {@code active} now and when it {@code next} starts, by the server's clock.
 */
public final class MaintenanceApi {
  /** Added beside the definition in answers; ignored on input so an answer can be sent back. */
  static final Set<String> READ_ONLY_KEYS = Set.of("source", "active", "next");

  private final MaintenanceRegistry registry;
  private final Supplier<ZoneId> defaultZone;
  private final Function<String, MaintenanceReader.References> references;
  private final InstantSource clock;
  private final ObjectMapper json;

  /**
   * @param defaultZone the zone of windows that name none ({@code alerting.time-zone}), read per request
   * @param references  the monitors (ids within the workspace) and groups a window of a workspace
   *                    may name now, read per request
   */
  public MaintenanceApi(MaintenanceRegistry registry, Supplier<ZoneId> defaultZone,
      Function<String, MaintenanceReader.References> references, InstantSource clock, ObjectMapper json) {
    this.registry = registry;
    this.defaultZone = defaultZone;
    this.references = references;
    this.clock = clock;
    this.json = json;
  }

  /** GET /api/v1/maintenance */
  public void list(Context ctx) {
    MaintenanceCalendar calendar = registry.calendar();
    Instant now = clock.instant();
    ObjectNode body = json.createObjectNode();
    List<MaintenanceWindow> windows = list(Requests.workspace(ctx));
    body.put("count", windows.size());
    ArrayNode items = body.putArray("windows");
    windows.forEach(w -> items.add(view(calendar, w, now)));
    ctx.json(body);
  }

  public void get(Context ctx) {
    String name = key(ctx);
    MaintenanceCalendar calendar = registry.calendar();
    MaintenanceWindow w = calendar.window(name).orElseThrow(() -> new MaintenanceException.NotFound(name));
    ctx.json(view(calendar, w, clock.instant()));
  }

  public void create(Context ctx) {
    MaintenanceWindow w = create(Requests.workspace(ctx), JsonBody.read(ctx, json, "the maintenance window"));
    String name = WorkspaceKey.nameOf(w.name());
    Requests.auditTarget(ctx, name);
    ctx.status(201).header("Location", "/api/v1/maintenance/" + name).json(view(registry.calendar(), w,
        clock.instant()));
  }

  public void update(Context ctx) {
    String key = key(ctx);
    // A file window cannot be changed whatever the body says: say so before validating it.
    registry.requireWritable(key);
    MaintenanceWindow w = update(Requests.workspace(ctx), WorkspaceKey.nameOf(key),
        JsonBody.read(ctx, json, "the maintenance window"));
    ctx.json(view(registry.calendar(), w, clock.instant()));
  }

  public void delete(Context ctx) {
    String key = key(ctx);
    delete(Requests.workspace(ctx), WorkspaceKey.nameOf(key));
    ctx.status(204);
  }

  // ---- the rules, shared by the API's handlers and the web UI's pages

  /** The windows of {@code workspace}, from the file and the API, by their keys. */
  public List<MaintenanceWindow> list(String workspace) {
    return registry.calendar().windows().stream().filter(w -> WorkspaceKey.inWorkspace(w.name(), workspace)).toList();
  }

  /** Whether window {@code key} is open now. */
  public boolean isOpen(String key) {
    return registry.calendar().isOpen(key, clock.instant());
  }

  /** Creates the window {@code doc} describes in {@code workspace}: 400 naming the fields, 409 for a taken name. */
  public MaintenanceWindow create(String workspace, JsonNode doc) {
    MaintenanceWindow local = read(doc, null, workspace);
    return registry.create(local.toKeys(workspace));
  }

  /** Replaces window {@code name} of {@code workspace}; 409 for a window of the config file. */
  public MaintenanceWindow update(String workspace, String name, JsonNode doc) {
    String key = WorkspaceKey.of(workspace, name);
    registry.requireWritable(key);
    return registry.update(read(doc, name, workspace).toKeys(workspace));
  }

  /** Deletes window {@code name} of {@code workspace}; 404 for none, 409 for a window of the config file. */
  public void delete(String workspace, String name) {
    if (!MaintenanceWindow.isValidName(name)) {
      throw new MaintenanceException.NotFound(name);
    }
    registry.delete(WorkspaceKey.of(workspace, name));
  }

  private MaintenanceWindow read(JsonNode body, String pathName, String workspace) {
    if (!(body instanceof ObjectNode object)) {
      throw ApiException.badRequest("the maintenance window must be a JSON object");
    }
    ObjectNode copy = object.deepCopy();
    copy.remove(READ_ONLY_KEYS);
    if (pathName != null) {
      JsonNode name = copy.get("name");
      if (name == null || name.isNull()) {
        copy.put("name", pathName);
      } else if (!name.isTextual() || !name.asText().equals(pathName)) {
        throw ApiException.invalid(List.of(new ApiException.FieldError("name",
            "must match the name in the URL ('" + pathName + "'); names cannot be changed, was " + name)));
      }
    }
    try {
      return MaintenanceReader.read(ConfigNode.fromJson(copy), defaultZone.get(), MonitorSource.API,
          references.apply(workspace));
    } catch (ConfigException e) {
      throw ApiException.invalid(e.errors().stream()
          .map((ConfigError err) -> new ApiException.FieldError(err.path().isEmpty() ? "(body)" : err.path(),
              err.message()))
          .toList());
    }
  }

  private ObjectNode view(MaintenanceCalendar calendar, MaintenanceWindow w, Instant now) {
    ObjectNode n = json.valueToTree(MaintenanceWriter.toMap(w.toNames()));
    n.put("source", w.source().wire());
    n.put("active", calendar.isOpen(w.name(), now));
    Instant next = calendar.nextStart(w.name(), now).orElse(null);
    Views.putInstant(n, "next", next == null ? null : next.truncatedTo(ChronoUnit.MILLIS));
    return n;
  }

  /** The key of the window the path names, in the caller's workspace. */
  private static String key(Context ctx) {
    String name = ctx.pathParam("name");
    if (!MaintenanceWindow.isValidName(name)) {
      throw new ApiException(404, "no maintenance window named " + Params.quote(name) + " (names are 1-"
          + MaintenanceWindow.MAX_NAME_LENGTH + " characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit)");
    }
    return WorkspaceKey.of(Requests.workspace(ctx), name);
  }
}
