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
    Bodies b = Bodies.of((ObjectNode) JsonBody.read(ctx, json, "the incident"),
        Set.of("title", "impact", "status", "message"));
    String title = b.trimmed("title", true, MAX_TEXT);
    Incident.Impact impact = b.choice("impact", Incident.Impact.class, Incident.Impact.MINOR);
    Incident.Status status = b.choice("status", Incident.Status.class, Incident.Status.INVESTIGATING);
    String message = b.trimmed("message", true, MAX_LONG_TEXT);
    b.done();
    Incident i = pages.openIncident(page, title, impact, status, message);
    Requests.auditTarget(ctx, page.slug() + "#" + i.id());
    ctx.status(201).json(view(i));
  }

  public void addUpdate(Context ctx) {
    StatusPage page = page(ctx);
    long id = incidentId(ctx);
    Bodies b = Bodies.of((ObjectNode) JsonBody.read(ctx, json, "the incident update"), Set.of("status", "message"));
    Incident.Status status = b.choice("status", Incident.Status.class, null);
    String message = b.trimmed("message", true, MAX_LONG_TEXT);
    if (status == null && !b.failed("status")) {
      b.error("status", "is required: investigating, identified, monitoring or resolved");
    }
    b.done();
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
    Bodies b = Bodies.of(doc, KEYS);
    String slug = b.trimmed("slug", true, StatusPage.MAX_SLUG);
    if (slug != null && !StatusPage.isValidSlug(slug)) {
      b.error("slug", "must be lowercase letters, digits and dashes, starting with a letter or digit, at most "
          + StatusPage.MAX_SLUG + " characters; was " + Params.quote(slug));
    }
    String title = b.trimmed("title", true, MAX_TEXT);
    String description = b.trimmed("description", false, MAX_LONG_TEXT);
    StatusPage.Visibility visibility = b.choice("visibility", StatusPage.Visibility.class, StatusPage.Visibility.PUBLIC);
    String passwordHash = old == null ? null : old.passwordHash();
    if (doc.has("password")) {
      String password = b.text("password", false, Passwords.MAX_LENGTH);
      String problem = password == null ? null : Passwords.problem(password);
      if (problem != null) {
        b.error("password", problem);
      } else if (!b.failed("password")) {
        passwordHash = password == null ? null : Passwords.hash(password); // null removes it
      }
    }
    if (visibility == StatusPage.Visibility.PASSWORD && passwordHash == null && !b.failed("password")) {
      b.error("password", "a page with visibility 'password' needs a password");
    }
    if (visibility != StatusPage.Visibility.PASSWORD) {
      passwordHash = null; // a password left behind would open nothing; don't keep it
    }
    String domain = b.trimmed("domain", false, 253);
    if (domain != null) {
      domain = domain.toLowerCase(Locale.ROOT);
      if (!DOMAIN.matcher(domain).matches()) {
        b.error("domain", "must be a host name like status.example.com; was " + Params.quote(domain));
      }
    }
    boolean showTargets = b.flag("show-targets", false);
    List<StatusPage.Section> sections = sections(b, doc.get("sections"), workspace);
    String logo = b.trimmed("logo", false, MAX_LOGO);
    if (logo != null && (!LOGO.matcher(logo).matches() || !decodes(logo))) {
      b.error("logo", "must be an image as a data URL: data:image/png;base64,... (png, jpeg, gif, webp or svg+xml),"
          + " at most 128 KiB; PingBase serves it, so readers load nothing from elsewhere");
    }
    String accent = b.trimmed("accent", false, 7);
    if (accent != null && !StatusPage.isValidAccent(accent)) {
      b.error("accent", "must be a colour like #2457c5; was " + Params.quote(accent));
    }
    String footer = b.trimmed("footer", false, MAX_LONG_TEXT);
    ZoneId zone = defaultZone.get();
    String zoneText = b.trimmed("time-zone", false, 64);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        b.error("time-zone", "is not a time zone (like Europe/Berlin or UTC): " + Params.quote(zoneText));
      }
    }
    StatusPage.Theme theme = b.choice("theme", StatusPage.Theme.class, StatusPage.Theme.AUTO);
    b.done();
    return new StatusPage(old == null ? 0 : old.id(), workspace, slug, domain, title, description, visibility,
        passwordHash, showTargets, sections, logo, accent, footer, zone, theme);
  }

  /** The sections of a page document; each may name only monitors of {@code workspace}. */
  private List<StatusPage.Section> sections(Bodies b, JsonNode node, String workspace) {
    List<StatusPage.Section> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      b.error("sections", "must be a list of sections ({\"title\": ..., \"group\": ...} or {\"title\": ...,"
          + " \"monitors\": [...]})");
      return out;
    }
    if (node.size() > MAX_SECTIONS) {
      b.error("sections", "at most " + MAX_SECTIONS + " sections");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      if (!(node.get(i) instanceof ObjectNode object)) {
        b.error("sections[" + i + "]", "must be an object with a title and a group or monitors");
        continue;
      }
      int before = b.problems();
      Bodies s = b.nested("sections", i, object, Set.of("title", "group", "monitors"));
      String group = s.trimmed("group", false, MAX_TEXT);
      String title = s.trimmed("title", false, MAX_TEXT);
      List<String> monitors = new ArrayList<>();
      JsonNode m = s.node("monitors");
      if (m != null && !m.isNull()) {
        if (!m.isArray() || m.size() > 500) {
          s.error("monitors", "must be a list of at most 500 monitor ids");
        } else {
          for (JsonNode id : m) {
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 128) {
              s.error("monitors", "must hold monitor ids (strings); found " + id);
            } else if (!monitors.contains(id.asText())) {
              monitors.add(id.asText());
            }
          }
        }
      }
      if (b.problems() == before && (group == null) == monitors.isEmpty()) {
        s.error("group", "a section shows either a group or a list of monitors");
      }
      for (String id : b.problems() == before ? monitors : List.<String>of()) {
        if (!monitorExists.test(workspace, id)) {
          s.error("monitors", "no monitor " + Params.quote(id) + " in this workspace");
        }
      }
      if (b.problems() == before) {
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
