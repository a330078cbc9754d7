package io.pingbase.web.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.pingbase.account.AccountException;
import io.pingbase.account.Caller;
import io.pingbase.account.Workspaces;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.engine.MonitorRegistry;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.statuspage.Incident;
import io.pingbase.statuspage.StatusPage;
import io.pingbase.statuspage.StatusPageException;
import io.pingbase.statuspage.StatusPages;
import io.pingbase.web.api.ApiException;
import io.pingbase.web.api.Requests;
import io.pingbase.web.api.StatusPageApi;
import io.pingbase.web.page.Chrome;
import io.pingbase.web.page.Forms;
import io.pingbase.web.page.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The status page editor: the workspace's pages, a form for a page (through {@link StatusPageApi},
 * so the API's checks apply), and its incidents (open one, post an update). Viewers see the list;
 * editors change.
 */
public final class StatusPageEditor {
  static final int MAX_LOGO_BYTES = 128 * 1024;
  private static final Set<String> LOGO_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
      "image/svg+xml");

  private final Templates templates;
  private final StatusPages pages;
  private final StatusPageApi api;
  private final MonitorRegistry registry;
  private final Workspaces workspaces;
  private final ObjectMapper json;
  private final InstantSource clock;

  public StatusPageEditor(Templates templates, StatusPages pages, StatusPageApi api, MonitorRegistry registry,
      Workspaces workspaces, ObjectMapper json, InstantSource clock) {
    this.templates = templates;
    this.pages = pages;
    this.api = api;
    this.registry = registry;
    this.workspaces = workspaces;
    this.json = json;
    this.clock = clock;
  }

  /** GET /status-pages */
  public void list(Context ctx) {
    Caller caller = Requests.caller(ctx);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", chrome(caller, "Status pages"));
    p.put("pages", pages.list(caller.workspaceId()));
    templates.page(ctx, 200, "status-pages.jte", p);
  }

  /** GET /status-pages/new */
  public void newForm(Context ctx) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("visibility", "public");
    values.put("theme", "auto");
    values.put("monitors-title", "Services");
    form(ctx, 200, new StatusPageForm(null, values, Map.of(), groups(ctx, Set.of()), monitors(ctx, List.of()), false,
        false, false), null);
  }

  /** POST /status-pages */
  public void create(Context ctx) {
    Forms.requireSameSite(ctx);
    Map<String, String> values = fields(ctx);
    try {
      StatusPage page = api.create(Requests.workspace(ctx), document(ctx, values, null));
      Requests.auditTarget(ctx, page.slug());
      ctx.redirect("/status-pages/" + page.slug(), io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ApiException | AccountException | StatusPageException e) {
      form(ctx, Forms.status(e), new StatusPageForm(null, values, Forms.errors(e), groups(ctx, Set.copyOf(ctx.formParams("group"))),
          monitors(ctx, ctx.formParams("monitor")), false, false, false), null);
    }
  }

  /** GET /status-pages/{slug}: the form of the page, and its incidents. */
  public void edit(Context ctx) {
    StatusPage page = pages.find(Requests.workspace(ctx), ctx.pathParam("slug"));
    form(ctx, 200, formOf(ctx, page), page);
  }

  /** POST /status-pages/{slug} */
  public void update(Context ctx) {
    Forms.requireSameSite(ctx);
    StatusPage old = pages.find(Requests.workspace(ctx), ctx.pathParam("slug"));
    Map<String, String> values = fields(ctx);
    try {
      StatusPage page = api.update(Requests.workspace(ctx), old.slug(), document(ctx, values, old));
      Requests.auditTarget(ctx, page.slug());
      ctx.redirect("/status-pages/" + page.slug(), io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ApiException | AccountException | StatusPageException e) {
      form(ctx, Forms.status(e), new StatusPageForm(old.slug(), values, Forms.errors(e), groups(ctx,
          Set.copyOf(ctx.formParams("group"))), monitors(ctx, ctx.formParams("monitor")), old.passwordHash() != null,
          old.logo() != null, kept(old)), old);
    }
  }

  /** POST /status-pages/{slug}/delete */
  public void delete(Context ctx) {
    Forms.requireSameSite(ctx);
    String slug = ctx.pathParam("slug");
    pages.delete(Requests.workspace(ctx), slug);
    Requests.auditTarget(ctx, slug);
    ctx.redirect("/status-pages", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** POST /status-pages/{slug}/incidents: opens an incident. */
  public void openIncident(Context ctx) {
    Forms.requireSameSite(ctx);
    StatusPage page = pages.find(Requests.workspace(ctx), ctx.pathParam("slug"));
    String title = Forms.field(ctx, "title");
    String message = Forms.field(ctx, "message");
    Map<String, String> errors = new LinkedHashMap<>();
    if (title == null || title.isEmpty() || title.length() > 200) {
      errors.put("incident-title", "a title of 1 to 200 characters");
    }
    if (message == null || message.isEmpty() || message.length() > 5000) {
      errors.put("incident-message", "a message of 1 to 5,000 characters: what readers should know");
    }
    Incident.Impact impact = choice(Incident.Impact.class, Forms.field(ctx, "impact"), Incident.Impact.MINOR);
    Incident.Status status = choice(Incident.Status.class, Forms.field(ctx, "status"), Incident.Status.INVESTIGATING);
    if (!errors.isEmpty()) {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("incident-title", title == null ? "" : title);
      values.put("incident-message", message == null ? "" : message);
      StatusPageForm f = formOf(ctx, page);
      form(ctx, 400, new StatusPageForm(f.slug(), merge(f.values(), values), errors, f.groups(), f.monitors(),
          f.passwordSet(), f.hasLogo(), f.kept()), page);
      return;
    }
    Incident i = pages.openIncident(page, title, impact, status, message);
    Requests.auditTarget(ctx, page.slug() + "#" + i.id());
    ctx.redirect("/status-pages/" + page.slug() + "#incident-" + i.id(), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** POST /status-pages/{slug}/incidents/{id}/updates */
  public void addUpdate(Context ctx) {
    Forms.requireSameSite(ctx);
    StatusPage page = pages.find(Requests.workspace(ctx), ctx.pathParam("slug"));
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ApiException(404, "no incident " + ctx.pathParam("id"));
    }
    String message = Forms.field(ctx, "message");
    Incident.Status status = choice(Incident.Status.class, Forms.field(ctx, "status"), null);
    if (message == null || message.isEmpty() || message.length() > 5000 || status == null) {
      throw new ApiException(400, "an update needs a status and a message of 1 to 5,000 characters");
    }
    pages.addUpdate(page, id, status, message);
    Requests.auditTarget(ctx, page.slug() + "#" + id);
    ctx.redirect("/status-pages/" + page.slug() + "#incident-" + id, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- the form and the API document

  private void form(Context ctx, int status, StatusPageForm form, StatusPage page) {
    Caller caller = Requests.caller(ctx);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", chrome(caller, form.editing() ? "Status page " + form.slug() : "New status page"));
    p.put("form", form);
    p.put("incidents", page == null ? List.of() : pages.incidents(page, clock.instant().minus(Duration.ofDays(30))));
    p.put("f", new StatusFormat(page == null ? java.time.ZoneOffset.UTC : page.zone()));
    templates.page(ctx, status, "status-page-form.jte", p);
  }

  private StatusPageForm formOf(Context ctx, StatusPage page) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("slug", page.slug());
    values.put("title", page.title());
    put(values, "description", page.description());
    values.put("visibility", page.visibility().wire());
    put(values, "domain", page.domain());
    values.put("show-targets", page.showTargets() ? "on" : "");
    put(values, "accent", page.accent());
    put(values, "footer", page.footer());
    values.put("time-zone", page.zone().getId());
    values.put("theme", page.theme().wire());
    Set<String> groups = new TreeSet<>();
    List<String> monitors = new ArrayList<>();
    values.put("monitors-title", "Services");
    for (StatusPage.Section s : page.sections()) {
      if (s.group() != null) {
        groups.add(s.group());
      } else {
        monitors.addAll(s.monitors());
        values.put("monitors-title", s.title());
      }
    }
    return new StatusPageForm(page.slug(), values, Map.of(), groups(ctx, groups), monitors(ctx, monitors),
        page.passwordHash() != null, page.logo() != null, kept(page));
  }

  /** Whether the page's sections say more than the form can show: several monitor sections. */
  private static boolean kept(StatusPage page) {
    return page.sections().stream().filter(s -> s.group() == null).count() > 1;
  }

  /** The form as the API's document; {@code old}'s layout is kept when the form cannot show it. */
  private ObjectNode document(Context ctx, Map<String, String> v, StatusPage old) {
    ObjectNode doc = json.createObjectNode();
    for (String key : List.of("slug", "title", "description", "visibility", "domain", "accent", "footer", "time-zone",
        "theme")) {
      String value = v.get(key);
      if (value != null && !value.isEmpty()) {
        doc.put(key, value);
      }
    }
    doc.put("show-targets", "on".equals(v.get("show-targets")));
    String password = Forms.raw(ctx, "password");
    if (password != null && !password.isEmpty()) {
      doc.put("password", password);
    }
    if (old != null && kept(old)) {
      doc.set("sections", json.valueToTree(old.sections().stream().map(StatusPage.Section::toMap).toList()));
    } else {
      ArrayNode sections = doc.putArray("sections");
      Map<String, String> titles = new HashMap<>();
      if (old != null) {
        old.sections().stream().filter(s -> s.group() != null).forEach(s -> titles.put(s.group(), s.title()));
      }
      for (String g : ctx.formParams("group")) {
        sections.addObject().put("title", titles.getOrDefault(g, g)).put("group", g);
      }
      List<String> chosen = ctx.formParams("monitor");
      if (!chosen.isEmpty()) {
        ObjectNode s = sections.addObject();
        String title = v.get("monitors-title");
        s.put("title", title == null || title.isBlank() ? "Services" : title);
        ArrayNode ids = s.putArray("monitors");
        chosen.forEach(ids::add);
      }
    }
    logo(ctx, doc, old);
    return doc;
  }

  /** An uploaded logo becomes the page's data URL; "remove" drops it; otherwise the stored one stays. */
  private static void logo(Context ctx, ObjectNode doc, StatusPage old) {
    UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("logo") : null;
    if (file != null && file.size() > 0) {
      String type = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
      if (file.size() > MAX_LOGO_BYTES || !LOGO_TYPES.contains(type)) {
        throw ApiException.invalid(List.of(new ApiException.FieldError("logo", "must be a PNG, JPEG, GIF, WebP or SVG"
            + " image of at most 128 KiB; was " + (type.isEmpty() ? "a file" : type) + " of " + file.size()
            + " bytes")));
      }
      try (InputStream in = file.content()) {
        doc.put("logo", "data:" + type + ";base64," + Base64.getEncoder().encodeToString(in.readAllBytes()));
      } catch (IOException e) {
        throw ApiException.badRequest("the logo could not be read: " + e.getMessage());
      }
    } else if (old != null && old.logo() != null && !"on".equals(ctx.formParam("remove-logo"))) {
      doc.put("logo", old.logo());
    }
  }

  private static Map<String, String> fields(Context ctx) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String f : StatusPageForm.FIELDS) {
      if (!f.equals("password") && !f.equals("logo")) {
        String v = ctx.formParam(f);
        values.put(f, v == null ? "" : v.strip());
      }
    }
    return values;
  }

  private List<StatusPageForm.Choice> groups(Context ctx, Set<String> chosen) {
    TreeSet<String> all = new TreeSet<>(chosen);
    inWorkspace(ctx).stream().map(l -> l.monitor().group()).filter(g -> g != null).forEach(all::add);
    return all.stream().map(g -> new StatusPageForm.Choice(g, g, chosen.contains(g))).toList();
  }

  private List<StatusPageForm.Choice> monitors(Context ctx, List<String> chosen) {
    List<StatusPageForm.Choice> out = new ArrayList<>();
    for (LiveMonitor l : inWorkspace(ctx)) {
      String id = WorkspaceKey.nameOf(l.monitor().id());
      out.add(new StatusPageForm.Choice(id, StatusViews.display(l) + (l.monitor().group() == null ? ""
          : " (" + l.monitor().group() + ")"), chosen.contains(id)));
    }
    return out;
  }

  private List<LiveMonitor> inWorkspace(Context ctx) {
    String workspace = Requests.workspace(ctx);
    return registry.list().stream().filter(l -> WorkspaceKey.inWorkspace(l.monitor().id(), workspace))
        .sorted(Comparator.comparing(l -> StatusViews.display(l).toLowerCase(Locale.ROOT))).toList();
  }

  private Chrome chrome(Caller caller, String title) {
    return new Chrome(title, "status-pages", caller, workspaces.mine(caller));
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String value, E fallback) {
    if (value == null) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    return fallback;
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null) {
      values.put(key, value);
    }
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> out = new LinkedHashMap<>(a);
    out.putAll(b);
    return out;
  }
}
