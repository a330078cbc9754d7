package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.account.Passwords;
import io.pingbase.statuspage.Incident;
import io.pingbase.statuspage.StatusPage;
import io.pingbase.statuspage.StatusPages;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/status-pages}: a workspace's status pages and the incidents written on them. A
 * page's password is write-only (kept when a PUT leaves it out, removed with {@code null}); the
 * page is addressed by its slug.
 */
public final class StatusPageApi {
  static final Set<String> KEYS = Set.of("slug", "title", "description", "visibility", "password", "domain",
      "show-targets", "sections", "logo", "accent", "footer", "time-zone", "theme");
  private static final Set<String> READ_ONLY = Set.of("url", "password-set", "id");
  static final int MAX_SECTIONS = 50;
  static final int MAX_TEXT = 200;
  static final int MAX_LONG_TEXT = 5_000;
  /** A logo's data URL: 128 KiB of image at most. */
  static final int MAX_LOGO = 128 * 1024 * 4 / 3 + 64;
  private static final Pattern LOGO = Pattern.compile("data:image/(png|jpeg|gif|webp|svg\\+xml);base64,[A-Za-z0-9+/=]+");
  private static final Pattern DOMAIN = Pattern.compile(
      "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Duration INCIDENT_HISTORY = Duration.ofDays(90);

  private final StatusPages pages;
  /** Whether the workspace (first) has a monitor of this id (second). */
  private final java.util.function.BiPredicate<String, String> monitorExists;
  private final Supplier<ZoneId> defaultZone;
  private final InstantSource clock;
  private final ObjectMapper json;

  public StatusPageApi(StatusPages pages, java.util.function.BiPredicate<String, String> monitorExists,
      Supplier<ZoneId> defaultZone, InstantSource clock, ObjectMapper json) {
    this.pages = pages;
    this.monitorExists = monitorExists;
    this.defaultZone = defaultZone;
    this.clock = clock;
    this.json = json;
  }

  // ---- pages

  public void list(Context ctx) {
    ArrayNode out = json.createArrayNode();
    pages.list(Requests.workspace(ctx)).forEach(p -> out.add(view(ctx, p)));
    ctx.json(out);
  }

  public void get(Context ctx) {
    ctx.json(view(ctx, pages.find(Requests.workspace(ctx), ctx.pathParam("slug"))));
  }

  public void create(Context ctx) {
    StatusPage page = create(Requests.workspace(ctx), JsonBody.read(ctx, json, "the status page"));
    Requests.auditTarget(ctx, page.slug());
    ctx.status(201).json(view(ctx, page));
  }

  /** Creates a page of {@code workspace} from its JSON document (the API's and the editor's). */
  public StatusPage create(String workspace, JsonNode body) {
    return pages.create(read(body, workspace, null));
  }

  public void update(Context ctx) {
    String slug = ctx.pathParam("slug");
    StatusPage page = update(Requests.workspace(ctx), slug, JsonBody.read(ctx, json, "the status page"));
    Requests.auditTarget(ctx, page.slug());
    ctx.json(view(ctx, page));
  }

  public StatusPage update(String workspace, String slug, JsonNode body) {
    StatusPage old = pages.find(workspace, slug);
    return pages.update(slug, read(body, workspace, old));
  }

  public void delete(Context ctx) {
    String slug = ctx.pathParam("slug");
    pages.delete(Requests.workspace(ctx), slug);
    Requests.auditTarget(ctx, slug);
    ctx.status(204);
  }

  // ---- incidents

  public void incidents(Context ctx) {
    StatusPage page = page(ctx);
    ArrayNode out = json.createArrayNode();
    pages.incidents(page, clock.instant().minus(INCIDENT_HISTORY)).forEach(i -> out.add(view(i)));
    ctx.json(out);
  }

  public void openIncident(Context ctx) {
    StatusPage page = page(ctx);
    JsonNode body = JsonBody.read(ctx, json, "the incident");
    List<ApiException.FieldError> errors = new ArrayList<>();
    unknownKeys(body, Set.of("title", "impact", "status", "message"), errors);
    String title = text(body, "title", MAX_TEXT, true, errors);
    Incident.Impact impact = choice(body, "impact", Incident.Impact.class, Incident.Impact.MINOR, errors);
    Incident.Status status = choice(body, "status", Incident.Status.class, Incident.Status.INVESTIGATING, errors);
    String message = text(body, "message", MAX_LONG_TEXT, true, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Incident i = pages.openIncident(page, title, impact, status, message);
    Requests.auditTarget(ctx, page.slug() + "#" + i.id());
    ctx.status(201).json(view(i));
  }

  public void addUpdate(Context ctx) {
    StatusPage page = page(ctx);
    long id = incidentId(ctx);
    JsonNode body = JsonBody.read(ctx, json, "the incident update");
    List<ApiException.FieldError> errors = new ArrayList<>();
    unknownKeys(body, Set.of("status", "message"), errors);
    Incident.Status status = choice(body, "status", Incident.Status.class, null, errors);
    String message = text(body, "message", MAX_LONG_TEXT, true, errors);
    if (status == null && errors.stream().noneMatch(e -> e.field().equals("status"))) {
      errors.add(new ApiException.FieldError("status", "is required: investigating, identified, monitoring or resolved"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Incident i = pages.addUpdate(page, id, status, message);
    Requests.auditTarget(ctx, page.slug() + "#" + id);
    ctx.json(view(i));
  }

  public void deleteIncident(Context ctx) {
    StatusPage page = page(ctx);
    long id = incidentId(ctx);
    pages.deleteIncident(page, id);
    Requests.auditTarget(ctx, page.slug() + "#" + id);
    ctx.status(204);
  }

  private StatusPage page(Context ctx) {
    return pages.find(Requests.workspace(ctx), ctx.pathParam("slug"));
  }

  private static long incidentId(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new ApiException(404, "no incident " + Params.quote(raw));
  }

  // ---- reading a page

  /** The page a document describes; {@code old} is the page it replaces (its password is kept when not sent). */
  StatusPage read(JsonNode body, String workspace, StatusPage old) {
    ObjectNode doc = ((ObjectNode) body).deepCopy();
    doc.remove(READ_ONLY);
    List<ApiException.FieldError> errors = new ArrayList<>();
    unknownKeys(doc, KEYS, errors);
    String slug = text(doc, "slug", StatusPage.MAX_SLUG, true, errors);
    if (slug != null && !StatusPage.isValidSlug(slug)) {
      errors.add(new ApiException.FieldError("slug", "must be lowercase letters, digits and dashes, starting with a"
          + " letter or digit, at most " + StatusPage.MAX_SLUG + " characters; was " + Params.quote(slug)));
    }
    String title = text(doc, "title", MAX_TEXT, true, errors);
    String description = text(doc, "description", MAX_LONG_TEXT, false, errors);
    StatusPage.Visibility visibility = choice(doc, "visibility", StatusPage.Visibility.class,
        StatusPage.Visibility.PUBLIC, errors);
    String passwordHash = old == null ? null : old.passwordHash();
    if (doc.has("password")) {
      JsonNode p = doc.get("password");
      if (p.isNull()) {
        passwordHash = null;
      } else if (!p.isTextual()) {
        errors.add(new ApiException.FieldError("password", "must be a string"));
      } else {
        String problem = Passwords.problem(p.asText());
        if (problem != null) {
          errors.add(new ApiException.FieldError("password", problem));
        } else {
          passwordHash = Passwords.hash(p.asText());
        }
      }
    }
    if (visibility == StatusPage.Visibility.PASSWORD && passwordHash == null
        && errors.stream().noneMatch(e -> e.field().equals("password"))) {
      errors.add(new ApiException.FieldError("password", "a page with visibility 'password' needs a password"));
    }
    if (visibility != StatusPage.Visibility.PASSWORD) {
      passwordHash = null; // a password left behind would open nothing; don't keep it
    }
    String domain = text(doc, "domain", 253, false, errors);
    if (domain != null) {
      domain = domain.toLowerCase(Locale.ROOT);
      if (!DOMAIN.matcher(domain).matches()) {
        errors.add(new ApiException.FieldError("domain", "must be a host name like status.example.com; was "
            + Params.quote(domain)));
      }
    }
    boolean showTargets = bool(doc, "show-targets", errors);
    List<StatusPage.Section> sections = sections(doc.get("sections"), errors);
    for (int i = 0; i < sections.size(); i++) {
      for (String id : sections.get(i).monitors()) {
        if (!monitorExists.test(workspace, id)) {
          errors.add(new ApiException.FieldError("sections[" + i + "].monitors", "no monitor " + Params.quote(id)
              + " in this workspace"));
        }
      }
    }
    String logo = text(doc, "logo", MAX_LOGO, false, errors);
    if (logo != null && (!LOGO.matcher(logo).matches() || !decodes(logo))) {
      errors.add(new ApiException.FieldError("logo", "must be an image as a data URL: data:image/png;base64,... (png,"
          + " jpeg, gif, webp or svg+xml), at most 128 KiB; PingBase serves it, so readers load nothing from elsewhere"));
    }
    String accent = text(doc, "accent", 7, false, errors);
    if (accent != null && !StatusPage.isValidAccent(accent)) {
      errors.add(new ApiException.FieldError("accent", "must be a colour like #2457c5; was " + Params.quote(accent)));
    }
    String footer = text(doc, "footer", MAX_LONG_TEXT, false, errors);
    ZoneId zone = defaultZone.get();
    String zoneText = text(doc, "time-zone", 64, false, errors);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        errors.add(new ApiException.FieldError("time-zone", "is not a time zone (like Europe/Berlin or UTC): "
            + Params.quote(zoneText)));
      }
    }
    StatusPage.Theme theme = choice(doc, "theme", StatusPage.Theme.class, StatusPage.Theme.AUTO, errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new StatusPage(old == null ? 0 : old.id(), workspace, slug, domain, title, description, visibility,
        passwordHash, showTargets, sections, logo, accent, footer, zone, theme);
  }

  private static List<StatusPage.Section> sections(JsonNode node, List<ApiException.FieldError> errors) {
    List<StatusPage.Section> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      errors.add(new ApiException.FieldError("sections", "must be a list of sections ({\"title\": ..., \"group\": ...}"
          + " or {\"title\": ..., \"monitors\": [...]})"));
      return out;
    }
    if (node.size() > MAX_SECTIONS) {
      errors.add(new ApiException.FieldError("sections", "at most " + MAX_SECTIONS + " sections"));
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = "sections[" + i + "]";
      JsonNode s = node.get(i);
      if (!s.isObject()) {
        errors.add(new ApiException.FieldError(at, "must be an object with a title and a group or monitors"));
        continue;
      }
      int before = errors.size();
      List<ApiException.FieldError> mine = new ArrayList<>();
      unknownKeys(s, Set.of("title", "group", "monitors"), mine);
      String group = text(s, "group", MAX_TEXT, false, mine);
      String title = text(s, "title", MAX_TEXT, false, mine);
      List<String> monitors = new ArrayList<>();
      JsonNode m = s.get("monitors");
      if (m != null && !m.isNull()) {
        if (!m.isArray() || m.size() > 500) {
          mine.add(new ApiException.FieldError("monitors", "must be a list of at most 500 monitor ids"));
        } else {
          for (JsonNode id : m) {
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 128) {
              mine.add(new ApiException.FieldError("monitors", "must hold monitor ids (strings); found " + id));
            } else if (!monitors.contains(id.asText())) {
              monitors.add(id.asText());
            }
          }
        }
      }
      if (mine.isEmpty() && (group == null) == monitors.isEmpty()) {
        mine.add(new ApiException.FieldError("group", "a section shows either a group or a list of monitors"));
      }
      mine.forEach(e -> errors.add(new ApiException.FieldError(at + "." + e.field(), e.message())));
      if (errors.size() == before) {
        out.add(new StatusPage.Section(title != null ? title : group != null ? group : "Services", group, monitors));
      }
    }
    return out;
  }

  private static boolean decodes(String dataUrl) {
    try {
      Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void unknownKeys(JsonNode doc, Set<String> known, List<ApiException.FieldError> errors) {
    for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        errors.add(new ApiException.FieldError(key, "unknown key; known: " + String.join(", ", new java.util.TreeSet<>(known))));
      }
    }
  }

  private static String text(JsonNode doc, String key, int max, boolean required, List<ApiException.FieldError> errors) {
    JsonNode v = doc.get(key);
    if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
      if (required) {
        errors.add(new ApiException.FieldError(key, "is required"));
      }
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new ApiException.FieldError(key, "must be a string, was " + v.getNodeType().name().toLowerCase(Locale.ROOT)));
      return null;
    }
    String s = v.asText().strip();
    if (s.length() > max) {
      errors.add(new ApiException.FieldError(key, "must be at most " + max + " characters"));
      return null;
    }
    return s;
  }

  private static boolean bool(JsonNode doc, String key, List<ApiException.FieldError> errors) {
    JsonNode v = doc.get(key);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      errors.add(new ApiException.FieldError(key, "must be true or false"));
      return false;
    }
    return v.asBoolean();
  }

  private static <E extends Enum<E>> E choice(JsonNode doc, String key, Class<E> type, E fallback,
      List<ApiException.FieldError> errors) {
    JsonNode v = doc.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    List<String> names = java.util.Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    if (v.isTextual() && names.contains(v.asText())) {
      return Enum.valueOf(type, v.asText().toUpperCase(Locale.ROOT));
    }
    errors.add(new ApiException.FieldError(key, "must be one of " + String.join(", ", names) + "; was " + v));
    return fallback;
  }

  // ---- views

  ObjectNode view(Context ctx, StatusPage p) {
    ObjectNode n = json.createObjectNode();
    n.put("slug", p.slug());
    n.put("url", Requests.baseUrl(ctx) + "/status/" + p.slug());
    n.put("title", p.title());
    n.put("description", p.description());
    n.put("visibility", p.visibility().wire());
    n.put("password-set", p.passwordHash() != null);
    n.put("domain", p.domain());
    n.put("show-targets", p.showTargets());
    ArrayNode sections = n.putArray("sections");
    p.sections().forEach(s -> sections.add(json.valueToTree(s.toMap())));
    n.put("logo", p.logo());
    n.put("accent", p.accent());
    n.put("footer", p.footer());
    n.put("time-zone", p.zone().getId());
    n.put("theme", p.theme().wire());
    return n;
  }

  ObjectNode view(Incident i) {
    ObjectNode n = json.createObjectNode();
    n.put("id", i.id());
    n.put("title", i.title());
    n.put("impact", i.impact().wire());
    n.put("status", i.status().wire());
    Views.putInstant(n, "created", i.created());
    Views.putInstant(n, "resolved", i.resolved());
    ArrayNode updates = n.putArray("updates");
    for (Incident.Update u : i.updates()) {
      ObjectNode o = updates.addObject();
      o.put("id", u.id());
      o.put("status", u.status().wire());
      o.put("message", u.message());
      Views.putInstant(o, "at", u.at());
    }
    return n;
  }
}
