package io.pingbase.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.json.JavalinJackson;
import io.javalin.router.EndpointNotFound;
import io.pingbase.account.AccountException;
import io.pingbase.account.Audit;
import io.pingbase.account.Authenticator;
import io.pingbase.config.ServerSettings;
import io.pingbase.engine.RegistryException;
import io.pingbase.maintenance.MaintenanceException;
import io.pingbase.store.StoreException;
import io.pingbase.web.api.AlertApi;
import io.pingbase.web.api.ApiException;
import io.pingbase.web.api.HistoryApi;
import io.pingbase.web.api.MaintenanceApi;
import io.pingbase.web.api.MonitorApi;
import io.pingbase.web.api.AuthApi;
import io.pingbase.web.api.Requests;
import io.pingbase.web.api.WorkspaceApi;
import io.pingbase.web.api.StatusPageApi;
import io.pingbase.web.status.StatusPageEditor;
import io.pingbase.web.status.StatusPageHandlers;
import io.pingbase.statuspage.StatusPageException;
import io.pingbase.web.page.AccountPages;
import io.pingbase.web.page.ChannelPages;
import io.pingbase.web.page.DashboardPage;
import io.pingbase.web.page.MaintenancePages;
import io.pingbase.web.page.MonitorPages;
import io.pingbase.web.page.PageErrors;
import io.pingbase.web.page.Pages;
import io.pingbase.web.page.SignInPages;
import io.pingbase.web.page.WorkspacePages;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.Set;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the REST API under /api/v1, /healthz, /metrics and the OpenAPI document. The
 * only class that builds Javalin; every route is listed in the constructor.
 *
 * <p>Every error answer, whoever produces it (our handlers, Javalin's routing, Jetty's request
 * parsing), has one JSON shape: {@code {"status": n, "error": "...", "errors": [...]}}. Anything a
 * client can send ends in a 4xx; a 5xx means the server or its database failed.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  /** Request bodies above this are refused with 413: a monitor definition is a few hundred bytes. */
  static final long MAX_REQUEST_BYTES = 1024 * 1024;

  private final Javalin app;
  /** Errors of a browser's page requests as pages; null without pages. */
  private final PageErrors pageErrors;
  /** HEAD routes registered beside GET routes by {@link #get}: not routes of their own in {@link #routes()}. */
  private final java.util.Set<String> headMirrors = new java.util.HashSet<>();

  /**
   * The API's handlers, one object per area. {@code alerts} and {@code maintenance} may be null
   * (a server without them, in tests); everything else is required.
   */
  public record Apis(MonitorApi monitors, HistoryApi history, PingEndpoint pings, AlertApi alerts,
      MaintenanceApi maintenance, AuthApi auth, WorkspaceApi workspaces, StatusPageApi statusPages, Pages pages) {
    /** Without the web UI's pages and status pages (a server for API tests). */
    public Apis(MonitorApi monitors, HistoryApi history, PingEndpoint pings, AlertApi alerts,
        MaintenanceApi maintenance, AuthApi auth, WorkspaceApi workspaces) {
      this(monitors, history, pings, alerts, maintenance, auth, workspaces, null, null);
    }
  }

  /**
   * @param authenticator who is calling (sessions and tokens); every route but the public ones needs it
   * @param server        the server settings in force (trusted proxies), read per request
   * @param audit         where monitor, channel and maintenance changes are recorded
   */
  public WebServer(Apis apis, Authenticator authenticator, Supplier<ServerSettings> server, Audit audit,
      Health.Probe health, Supplier<String> metrics, ObjectMapper json) {
    String openApiYaml = resource("/openapi.yaml");
    Authentication authentication = new Authentication(authenticator, server);
    MonitorApi monitors = apis.monitors();
    HistoryApi history = apis.history();
    PingEndpoint pings = apis.pings();
    AlertApi alerts = apis.alerts();
    MaintenanceApi maintenance = apis.maintenance();
    AuthApi auth = apis.auth();
    WorkspaceApi workspaces = apis.workspaces();
    StatusPageApi statusPages = apis.statusPages();
    Pages pages = apis.pages();
    this.pageErrors = pages == null ? null : new PageErrors(pages.templates());
    this.app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = MAX_REQUEST_BYTES;
      config.http.defaultContentType = "application/json";
      // A known path with the wrong method is 405 with an Allow header, not "no such endpoint".
      config.http.prefer405over404 = true;
      config.router.ignoreTrailingSlashes = true;
      config.jsonMapper(new JavalinJackson(json, true));
      config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JsonErrorPages.ForServer()));
      // Before any handler runs, so every answer has them; the error pages add them again for
      // requests Jetty refuses before this point (a malformed request line or header).
      config.jetty.modifyHttpConfiguration(http -> http.addCustomizer((request, responseHeaders) -> {
        SecurityHeaders.add(responseHeaders);
        return request;
      }));
      config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorPages.ForServlets()));
      if (pages != null) {
        // The UI's own assets and the webjars it uses (htmx, uPlot): public, cached for a year
        // (own assets carry a content hash in their URL, webjars their version in their path).
        Map<String, String> cached = Map.of("Cache-Control", "public, max-age=31536000, immutable");
        config.staticFiles.add(sf -> {
          sf.hostedPath = "/assets/webjars";
          sf.directory = "/META-INF/resources/webjars";
          sf.location = Location.CLASSPATH;
          sf.headers = cached;
          sf.roles = Set.of(Access.PUBLIC);
        });
        config.staticFiles.add(sf -> {
          sf.hostedPath = "/assets";
          sf.directory = "/public";
          sf.location = Location.CLASSPATH;
          sf.headers = cached;
          sf.roles = Set.of(Access.PUBLIC);
        });
      }
      var r = config.routes;
      // Every route below names who may call it (Access); this runs first and enforces it.
      r.beforeMatched(authentication);
      if (pages != null) {
        // A status page on a domain of its own: "/" of that host is the page, for anyone it allows.
        r.before("/", ctx -> {
          if ((ctx.method() == io.javalin.http.HandlerType.GET || ctx.method() == io.javalin.http.HandlerType.HEAD)
              && pages.status().showOnDomain(ctx)) {
            ctx.skipRemainingHandlers();
          }
        });
      }

      get(r, "/healthz", ctx -> {
        Health h = health.check();
        ObjectNode body = json.createObjectNode();
        body.put("status", h.healthy() ? "ok" : "unhealthy");
        body.set("components", json.valueToTree(h.components()));
        Requests.bodyWritten(ctx); // a 503 here has the Health shape, as documented
        ctx.status(h.healthy() ? 200 : 503).json(body);
      }, Access.PUBLIC);
      get(r, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()),
          Access.OPERATOR);
      get(r, "/api/v1/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApiYaml), Access.PUBLIC);

      // Accounts: signing in, the first owner, sign-up, invitations, the caller's own account.
      r.post("/api/v1/auth/login", auth::login, Access.PUBLIC);
      r.post("/api/v1/auth/logout", auth::logout, Access.SIGNED_IN);
      r.post("/api/v1/auth/logout-everywhere", auth::logoutEverywhere, Access.SIGNED_IN);
      get(r, "/api/v1/setup", auth::setupStatus, Access.PUBLIC);
      r.post("/api/v1/setup", auth::setup, Access.PUBLIC);
      r.post("/api/v1/signup", auth::signup, Access.PUBLIC);
      r.post("/api/v1/invitations/accept", auth::acceptInvitation, Access.PUBLIC);
      get(r, "/api/v1/me", auth::me, Access.SIGNED_IN);
      r.put("/api/v1/me/password", auth::changePassword, Access.SIGNED_IN);
      r.post("/api/v1/me/totp", auth::beginTotp, Access.SIGNED_IN);
      r.post("/api/v1/me/totp/confirm", auth::confirmTotp, Access.SIGNED_IN);
      r.post("/api/v1/me/totp/disable", auth::disableTotp, Access.SIGNED_IN);
      r.put("/api/v1/me/workspace", auth::switchWorkspace, Access.SIGNED_IN);

      // Workspaces and their people.
      get(r, "/api/v1/workspaces", workspaces::list, Access.SIGNED_IN);
      r.post("/api/v1/workspaces", workspaces::create, Access.SIGNED_IN);
      get(r, "/api/v1/workspace", workspaces::current, Access.VIEWER);
      r.put("/api/v1/workspace", workspaces::rename, Access.ADMIN);
      r.delete("/api/v1/workspace", workspaces::delete, Access.OWNER);
      get(r, "/api/v1/members", workspaces::members, Access.VIEWER);
      r.put("/api/v1/members/{user}", workspaces::setRole, Access.ADMIN);
      r.delete("/api/v1/members/{user}", workspaces::removeMember, Access.VIEWER); // anyone may leave
      get(r, "/api/v1/invitations", workspaces::invitations, Access.ADMIN);
      r.post("/api/v1/invitations", workspaces::invite, Access.ADMIN);
      r.delete("/api/v1/invitations/{id}", workspaces::revokeInvitation, Access.ADMIN);
      get(r, "/api/v1/tokens", workspaces::tokens, Access.VIEWER);
      r.post("/api/v1/tokens", workspaces::createToken, Access.VIEWER); // workspace tokens: admins (checked inside)
      r.delete("/api/v1/tokens/{id}", workspaces::revokeToken, Access.VIEWER); // one's own; admins any
      get(r, "/api/v1/audit", workspaces::audit, Access.ADMIN);

      // Monitors and their history.
      get(r, "/api/v1/status", monitors::status, Access.VIEWER);
      get(r, "/api/v1/monitors", monitors::list, Access.VIEWER);
      r.post("/api/v1/monitors", audited(audit, "monitor.create", monitors::create), Access.EDITOR);
      get(r, "/api/v1/monitors/{id}", monitors::get, Access.VIEWER);
      r.put("/api/v1/monitors/{id}", audited(audit, "monitor.update", monitors::update), Access.EDITOR);
      r.delete("/api/v1/monitors/{id}", audited(audit, "monitor.delete", monitors::delete), Access.EDITOR);
      r.post("/api/v1/monitors/{id}/pause", audited(audit, "monitor.pause", monitors::pause), Access.EDITOR);
      r.post("/api/v1/monitors/{id}/resume", audited(audit, "monitor.resume", monitors::resume), Access.EDITOR);
      r.post("/api/v1/monitors/{id}/check", monitors::checkNow, Access.EDITOR);
      get(r, "/api/v1/monitors/{id}/results", history::results, Access.VIEWER);
      get(r, "/api/v1/monitors/{id}/stats", history::stats, Access.VIEWER);
      get(r, "/api/v1/monitors/{id}/events", history::events, Access.VIEWER);
      get(r, "/api/v1/events", history::events, Access.VIEWER);
      if (maintenance != null) {
        get(r, "/api/v1/maintenance", maintenance::list, Access.VIEWER);
        r.post("/api/v1/maintenance", audited(audit, "maintenance.create", maintenance::create), Access.EDITOR);
        get(r, "/api/v1/maintenance/{name}", maintenance::get, Access.VIEWER);
        r.put("/api/v1/maintenance/{name}", audited(audit, "maintenance.update", maintenance::update), Access.EDITOR);
        r.delete("/api/v1/maintenance/{name}", audited(audit, "maintenance.delete", maintenance::delete),
            Access.EDITOR);
      }
      if (alerts != null) {
        get(r, "/api/v1/channels", alerts::list, Access.VIEWER);
        r.post("/api/v1/channels", audited(audit, "channel.create", alerts::create), Access.EDITOR);
        get(r, "/api/v1/channels/{name}", alerts::get, Access.VIEWER);
        r.put("/api/v1/channels/{name}", audited(audit, "channel.update", alerts::update), Access.EDITOR);
        r.delete("/api/v1/channels/{name}", audited(audit, "channel.delete", alerts::delete), Access.EDITOR);
        r.post("/api/v1/channels/{name}/test", audited(audit, "channel.test", alerts::test), Access.EDITOR);
        get(r, "/api/v1/notifications", alerts::notifications, Access.VIEWER);
        get(r, "/api/v1/notifications/{id}", alerts::notification, Access.VIEWER);
      }

      if (statusPages != null) {
        get(r, "/api/v1/status-pages", statusPages::list, Access.VIEWER);
        r.post("/api/v1/status-pages", audited(audit, "status-page.create", statusPages::create), Access.EDITOR);
        get(r, "/api/v1/status-pages/{slug}", statusPages::get, Access.VIEWER);
        r.put("/api/v1/status-pages/{slug}", audited(audit, "status-page.update", statusPages::update), Access.EDITOR);
        r.delete("/api/v1/status-pages/{slug}", audited(audit, "status-page.delete", statusPages::delete),
            Access.EDITOR);
        get(r, "/api/v1/status-pages/{slug}/incidents", statusPages::incidents, Access.VIEWER);
        r.post("/api/v1/status-pages/{slug}/incidents", audited(audit, "incident.create", statusPages::openIncident),
            Access.EDITOR);
        r.post("/api/v1/status-pages/{slug}/incidents/{id}/updates", audited(audit, "incident.update",
            statusPages::addUpdate), Access.EDITOR);
        r.delete("/api/v1/status-pages/{slug}/incidents/{id}", audited(audit, "incident.delete",
            statusPages::deleteIncident), Access.EDITOR);
      }

      if (pages != null) {
        // Status pages for their readers: public by route; each page's visibility is checked by its handler.
        StatusPageHandlers status = pages.status();
        get(r, "/status/{slug}", status::show, Access.PUBLIC);
        get(r, "/status/{slug}/status.json", status::json, Access.PUBLIC);
        get(r, "/status/{slug}/feed.atom", status::feed, Access.PUBLIC);
        get(r, "/status/{slug}/logo", status::logo, Access.PUBLIC);
        get(r, "/status/{slug}/style.css", status::style, Access.PUBLIC);
        r.post("/status/{slug}/unlock", status::unlock, Access.PUBLIC);
        get(r, "/status/{slug}/badges/monitors/{id}/{kind}", status::badge, Access.PUBLIC);
        get(r, "/status/{slug}/badges/groups/{group}/{kind}", status::badge, Access.PUBLIC);
        // The status page editor.
        StatusPageEditor editor = pages.statusEditor();
        get(r, "/status-pages", editor::list, Access.VIEWER);
        get(r, "/status-pages/new", editor::newForm, Access.EDITOR);
        r.post("/status-pages", audited(audit, "status-page.create", editor::create), Access.EDITOR);
        get(r, "/status-pages/{slug}", editor::edit, Access.EDITOR);
        r.post("/status-pages/{slug}", audited(audit, "status-page.update", editor::update), Access.EDITOR);
        r.post("/status-pages/{slug}/delete", audited(audit, "status-page.delete", editor::delete), Access.EDITOR);
        r.post("/status-pages/{slug}/incidents", audited(audit, "incident.create", editor::openIncident),
            Access.EDITOR);
        r.post("/status-pages/{slug}/incidents/{id}/updates", audited(audit, "incident.update", editor::addUpdate),
            Access.EDITOR);

        // The web UI: pages for people, server-rendered, with htmx and server-sent events.
        SignInPages signIn = pages.signIn();
        get(r, "/login", signIn::loginForm, Access.PUBLIC);
        r.post("/login", signIn::login, Access.PUBLIC);
        get(r, "/setup", signIn::setupForm, Access.PUBLIC);
        r.post("/setup", signIn::setup, Access.PUBLIC);
        get(r, "/invite", signIn::inviteForm, Access.PUBLIC);
        r.post("/invite", signIn::invite, Access.PUBLIC);
        r.post("/logout", signIn::logout, Access.SIGNED_IN);
        r.post("/workspace", signIn::switchWorkspace, Access.SIGNED_IN);
        DashboardPage dashboard = pages.dashboard();
        get(r, "/", dashboard::show, Access.VIEWER);
        r.sse("/live", dashboard::live, Access.VIEWER);
        // sse() registers no HEAD twin; without one Javalin's implicit HEAD would have no Access rule.
        r.head("/live", ctx -> ctx.contentType("text/event-stream"), Access.VIEWER);
        MonitorPages monitorPages = pages.monitors();
        get(r, "/monitors/new", monitorPages::newForm, Access.EDITOR);
        r.post("/monitors", audited(audit, "monitor.create", monitorPages::create), Access.EDITOR);
        r.post("/monitors/test", monitorPages::test, Access.EDITOR);
        get(r, "/monitors/{id}", monitorPages::show, Access.VIEWER);
        get(r, "/monitors/{id}/series", monitorPages::series, Access.VIEWER);
        get(r, "/monitors/{id}/edit", monitorPages::editForm, Access.EDITOR);
        r.post("/monitors/{id}", audited(audit, "monitor.update", monitorPages::update), Access.EDITOR);
        r.post("/monitors/{id}/{action}", audited(audit, "monitor.action", monitorPages::action), Access.EDITOR);

        // Settings and administration: the same rules as the API's routes (docs/UI.md).
        ChannelPages channelPages = pages.channels();
        get(r, "/channels", channelPages::list, Access.VIEWER);
        get(r, "/channels/new", channelPages::newForm, Access.EDITOR);
        r.post("/channels", audited(audit, "channel.create", channelPages::create), Access.EDITOR);
        get(r, "/channels/{name}/edit", channelPages::editForm, Access.EDITOR);
        r.post("/channels/{name}", audited(audit, "channel.update", channelPages::update), Access.EDITOR);
        r.post("/channels/{name}/delete", audited(audit, "channel.delete", channelPages::delete), Access.EDITOR);
        r.post("/channels/{name}/test", audited(audit, "channel.test", channelPages::test), Access.EDITOR);
        MaintenancePages maintenancePages = pages.maintenance();
        get(r, "/maintenance", maintenancePages::list, Access.VIEWER);
        r.post("/maintenance", audited(audit, "maintenance.create", maintenancePages::create), Access.EDITOR);
        r.post("/maintenance/{name}/delete", audited(audit, "maintenance.delete", maintenancePages::delete),
            Access.EDITOR);
        // Members, Tokens and Workspaces write their own audit entries.
        WorkspacePages workspacePages = pages.workspace();
        get(r, "/settings/workspace", workspacePages::show, Access.ADMIN);
        r.post("/settings/workspace/name", workspacePages::rename, Access.ADMIN);
        r.post("/settings/workspace/members/{user}/role", workspacePages::setRole, Access.ADMIN);
        r.post("/settings/workspace/members/{user}/remove", workspacePages::removeMember, Access.ADMIN);
        r.post("/settings/workspace/invitations", workspacePages::invite, Access.ADMIN);
        r.post("/settings/workspace/invitations/{id}/revoke", workspacePages::revokeInvitation, Access.ADMIN);
        r.post("/settings/workspace/tokens", workspacePages::createToken, Access.ADMIN);
        r.post("/settings/workspace/tokens/{id}/revoke", workspacePages::revokeToken, Access.ADMIN);
        AccountPages accountPages = pages.account();
        get(r, "/settings/account", accountPages::show, Access.SIGNED_IN);
        r.post("/settings/account/password", accountPages::changePassword, Access.SIGNED_IN);
        r.post("/settings/account/totp", accountPages::beginTotp, Access.SIGNED_IN);
        r.post("/settings/account/totp/confirm", accountPages::confirmTotp, Access.SIGNED_IN);
        r.post("/settings/account/totp/disable", accountPages::disableTotp, Access.SIGNED_IN);
        r.post("/settings/account/tokens", accountPages::createToken, Access.SIGNED_IN);
        r.post("/settings/account/tokens/{id}/revoke", accountPages::revokeToken, Access.SIGNED_IN);
        r.post("/settings/account/sign-out-everywhere", accountPages::signOutEverywhere, Access.SIGNED_IN);
      }

      // Heartbeat pings: GET, HEAD and POST all count (curl, wget, or a POST with the job's output).
      // Public by design: the token in the URL is the credential.
      for (String path : List.of("/ping/{token}", "/ping/{token}/{action}")) {
        io.javalin.http.Handler handler = path.endsWith("{action}") ? pings::action : pings::success;
        r.get(path, handler, Access.PUBLIC);
        r.head(path, handler, Access.PUBLIC);
        r.post(path, handler, Access.PUBLIC);
      }

      r.exception(AccountException.class, (e, ctx) -> accountError(ctx, json, e));
      r.exception(ApiException.class, (e, ctx) -> error(ctx, json, e.status(), e.getMessage(), e));
      r.exception(RegistryException.NotFound.class, (e, ctx) -> error(ctx, json, 404, e.getMessage(), null));
      r.exception(RegistryException.Conflict.class, (e, ctx) -> error(ctx, json, 409, e.getMessage(), null));
      r.exception(RegistryException.ReadOnly.class, (e, ctx) -> error(ctx, json, 409, e.getMessage(), null));
      r.exception(StatusPageException.class, (e, ctx) -> error(ctx, json, e.status(), e.getMessage(), null));
      r.exception(MaintenanceException.NotFound.class, (e, ctx) -> error(ctx, json, 404, e.getMessage(), null));
      r.exception(MaintenanceException.Conflict.class, (e, ctx) -> error(ctx, json, 409, e.getMessage(), null));
      r.exception(MaintenanceException.ReadOnly.class, (e, ctx) -> error(ctx, json, 409, e.getMessage(), null));
      r.exception(HttpResponseException.class, (e, ctx) -> javalinError(ctx, json, e));
      r.exception(StoreException.class, (e, ctx) -> {
        if (e.rejected()) { // the database refused our own data: a bug, not an outage
          internalError(ctx, json, e);
        } else {
          log.warn("{} {}: database unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
          error(ctx, json, 503, "the database is unavailable; try again later", null);
        }
      });
      r.exception(Exception.class, (e, ctx) -> {
        ClientFaults.Fault fault = ClientFaults.of(e);
        if (fault != null) {
          error(ctx, json, fault.status(), fault.message(), null);
        } else {
          internalError(ctx, json, e);
        }
      });
      // The catch-all: a status Javalin set without an exception we mapped (an exception handler
      // that failed, a 500 from an Error) still gets the JSON shape.
      r.after(ctx -> {
        drainUnreadBody(ctx);
        int status = ctx.statusCode();
        if (status >= 400 && !Requests.isBodyWritten(ctx)) {
          HttpStatus known = HttpStatus.forStatus(status);
          error(ctx, json, status, known == HttpStatus.UNKNOWN ? "HTTP " + status : known.getMessage(), null);
        }
      });
    });
  }

  /**
   * A GET route, and the same handler for HEAD with the same access rule. Javalin answers HEAD
   * for a GET route by itself, but without the route's metadata, so the access rule would be
   * missing; registered explicitly, HEAD is checked like GET.
   */
  private void get(io.javalin.config.RoutesConfig r, String path, io.javalin.http.Handler handler, Access access) {
    r.get(path, handler, access);
    r.head(path, handler, access);
    headMirrors.add("HEAD " + path);
  }

  /**
   * {@code handler}, and when it succeeded, a line in the caller's audit log: the action, what it
   * changed (what the handler named with {@link Requests#auditTarget}, else the path's id or name),
   * and the request.
   */
  private static io.javalin.http.Handler audited(Audit audit, String action, io.javalin.http.Handler handler) {
    return ctx -> {
      handler.handle(ctx);
      if (ctx.statusCode() < 400) { // 2xx, or a page's redirect after it succeeded
        String target = Requests.auditTarget(ctx);
        if (target == null) {
          target = ctx.pathParamMap().getOrDefault("id", ctx.pathParamMap().get("name"));
        }
        audit.record(Requests.caller(ctx), action, target, ctx.method().name() + " " + ctx.path());
      }
    };
  }

  /** An account refusal: its kind decides the status; a throttle says when to come back. */
  private void accountError(Context ctx, ObjectMapper json, AccountException e) {
    switch (e.kind()) {
      case INVALID -> error(ctx, json, 400, "invalid request: 1 error",
          ApiException.invalidParam(e.field(), e.getMessage()));
      case UNAUTHENTICATED -> {
        ctx.header("WWW-Authenticate", "Bearer realm=\"PingBase\"");
        error(ctx, json, 401, e.getMessage(), e.field() == null ? null
            : new ApiException(401, e.getMessage(), List.of(new ApiException.FieldError(e.field(), e.getMessage()))));
      }
      case FORBIDDEN -> error(ctx, json, 403, e.getMessage(), null);
      case NOT_FOUND -> error(ctx, json, 404, e.getMessage(), null);
      case CONFLICT -> error(ctx, json, 409, e.getMessage(), null);
      case LIMIT -> {
        error(ctx, json, 403, e.getMessage(), null);
        ObjectNode body = json.createObjectNode();
        body.put("status", 403);
        body.put("error", e.getMessage());
        body.put("limit", e.field());
        ctx.json(body);
      }
      case THROTTLED -> {
        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        error(ctx, json, 429, e.getMessage(), null);
      }
    }
  }

  /** Javalin's own refusals: no such route, wrong method, body too large. */
  private void javalinError(Context ctx, ObjectMapper json, HttpResponseException e) {
    switch (e) {
      case EndpointNotFound notFound ->
          error(ctx, json, 404, "no such endpoint: " + ctx.method().name() + " " + ctx.path(), null);
      case MethodNotAllowedResponse notAllowed -> {
        String allowed = notAllowed.getDetails().getOrDefault("availableMethods", "");
        ctx.header("Allow", allowed);
        error(ctx, json, 405, "method " + ctx.method().name() + " not allowed on " + ctx.path()
            + "; allowed: " + allowed, null);
      }
      default -> {
        if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
          error(ctx, json, 413, "request body larger than " + MAX_REQUEST_BYTES + " bytes", null);
        } else {
          error(ctx, json, e.getStatus(), e.getMessage(), null);
        }
      }
    }
  }

  /**
   * Reads and discards what is left of a request body no handler read (a 404, a 405, a GET with a
   * body, the rest after a 413), up to {@link #MAX_REQUEST_BYTES} more. Left unread, Jetty drops
   * the connection once the answer is written; the client is typically still sending, its kernel
   * gets a reset, and it may lose the answer or its next request on that connection. A body
   * larger still is not worth reading: the answer then announces the close.
   */
  private static void drainUnreadBody(Context ctx) {
    boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!hasBody) {
      return;
    }
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] buffer = new byte[8192];
      long left = MAX_REQUEST_BYTES;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return; // all read: the connection can serve the next request
        }
        left -= n;
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away or the stream is unusable: close
    }
    ctx.header("Connection", "close");
  }

  private void internalError(Context ctx, ObjectMapper json, Exception e) {
    log.error("{} {} failed", ctx.method(), ctx.path(), e);
    error(ctx, json, 500, "internal error; see the server log", null);
  }

  private void error(Context ctx, ObjectMapper json, int status, String message, ApiException e) {
    if (pageErrors != null && pageErrors.handles(ctx)) { // a browser asked for a page: a page answers
      Requests.bodyWritten(ctx);
      pageErrors.render(ctx, status, message);
      return;
    }
    Requests.bodyWritten(ctx);
    ObjectNode body = json.createObjectNode();
    body.put("status", status);
    body.put("error", message);
    if (e != null && !e.errors().isEmpty()) {
      ArrayNode errors = body.putArray("errors");
      for (ApiException.FieldError f : e.errors()) {
        ObjectNode n = errors.addObject();
        n.put("field", f.field());
        n.put("message", f.message());
      }
    }
    ctx.status(status).json(body);
  }

  public WebServer start(String host, int port) {
    app.start(host, port);
    log.info("listening on http://{}:{}", host.contains(":") ? "[" + host + "]" : host, app.port());
    return this;
  }

  public int port() {
    return app.port();
  }

  /** "METHOD /path" of every registered route, in registration order; for the OpenAPI document's test. */
  List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(p -> p.endpoint.method.isHttpMethod()) // not the before/after filters
        .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
        .filter(route -> !headMirrors.contains(route))
        .toList();
  }

  @Override
  public void close() {
    app.stop();
  }

  private static String resource(String name) {
    try (InputStream in = WebServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
