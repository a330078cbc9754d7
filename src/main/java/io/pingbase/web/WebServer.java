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
import io.pingbase.engine.RegistryException;
import io.pingbase.maintenance.MaintenanceException;
import io.pingbase.store.StoreException;
import io.pingbase.web.api.AlertApi;
import io.pingbase.web.api.ApiException;
import io.pingbase.web.api.HistoryApi;
import io.pingbase.web.api.MaintenanceApi;
import io.pingbase.web.api.MonitorApi;
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
  /** Marks a response whose body we wrote, so the error catch-all leaves it alone. */
  private static final String BODY_WRITTEN = "pingbase.body-written";

  private final Javalin app;

  public WebServer(MonitorApi monitors, HistoryApi history, Health.Probe health, Supplier<String> metrics,
      ObjectMapper json) {
    this(monitors, history, new PingEndpoint(new io.pingbase.check.heartbeat.HeartbeatHub(java.time.InstantSource.system()),
        id -> {}), health, metrics, json);
  }

  /** @param pings the heartbeat ping URLs ({@code /ping/...}) */
  public WebServer(MonitorApi monitors, HistoryApi history, PingEndpoint pings, Health.Probe health,
      Supplier<String> metrics, ObjectMapper json) {
    this(monitors, history, pings, null, null, health, metrics, json);
  }

  /** @param alerts channels and the delivery log; null for a server without alerting */
  public WebServer(MonitorApi monitors, HistoryApi history, PingEndpoint pings, AlertApi alerts,
      Health.Probe health, Supplier<String> metrics, ObjectMapper json) {
    this(monitors, history, pings, alerts, null, health, metrics, json);
  }

  /**
   * @param alerts      channels and the delivery log; null for a server without alerting
   * @param maintenance the maintenance windows; null for none
   */
  public WebServer(MonitorApi monitors, HistoryApi history, PingEndpoint pings, AlertApi alerts,
      MaintenanceApi maintenance,
      Health.Probe health, Supplier<String> metrics, ObjectMapper json) {
    String openApiYaml = resource("/openapi.yaml");
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
      config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages.ForServer()));
      // Before any handler runs, so every answer has them; the error pages add them again for
      // requests Jetty refuses before this point (a malformed request line or header).
      config.jetty.modifyHttpConfiguration(http -> http.addCustomizer((request, responseHeaders) -> {
        SecurityHeaders.add(responseHeaders);
        return request;
      }));
      config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorPages.ForServlets()));
      var r = config.routes;

      r.get("/healthz", ctx -> {
        Health h = health.check();
        ObjectNode body = json.createObjectNode();
        body.put("status", h.healthy() ? "ok" : "unhealthy");
        body.set("components", json.valueToTree(h.components()));
        ctx.attribute(BODY_WRITTEN, Boolean.TRUE); // a 503 here has the Health shape, as documented
        ctx.status(h.healthy() ? 200 : 503).json(body);
      });
      r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()));
      r.get("/api/v1/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApiYaml));

      r.get("/api/v1/status", monitors::status);
      r.get("/api/v1/monitors", monitors::list);
      r.post("/api/v1/monitors", monitors::create);
      r.get("/api/v1/monitors/{id}", monitors::get);
      r.put("/api/v1/monitors/{id}", monitors::update);
      r.delete("/api/v1/monitors/{id}", monitors::delete);
      r.post("/api/v1/monitors/{id}/pause", monitors::pause);
      r.post("/api/v1/monitors/{id}/resume", monitors::resume);
      r.post("/api/v1/monitors/{id}/check", monitors::checkNow);
      r.get("/api/v1/monitors/{id}/results", history::results);
      r.get("/api/v1/monitors/{id}/stats", history::stats);
      r.get("/api/v1/monitors/{id}/events", history::events);
      r.get("/api/v1/events", history::events);
      if (maintenance != null) {
        r.get("/api/v1/maintenance", maintenance::list);
        r.post("/api/v1/maintenance", maintenance::create);
        r.get("/api/v1/maintenance/{name}", maintenance::get);
        r.put("/api/v1/maintenance/{name}", maintenance::update);
        r.delete("/api/v1/maintenance/{name}", maintenance::delete);
      }
      if (alerts != null) {
        r.get("/api/v1/channels", alerts::list);
        r.post("/api/v1/channels", alerts::create);
        r.get("/api/v1/channels/{name}", alerts::get);
        r.put("/api/v1/channels/{name}", alerts::update);
        r.delete("/api/v1/channels/{name}", alerts::delete);
        r.post("/api/v1/channels/{name}/test", alerts::test);
        r.get("/api/v1/notifications", alerts::notifications);
        r.get("/api/v1/notifications/{id}", alerts::notification);
      }

      // Heartbeat pings: GET, HEAD and POST all count (curl, wget, or a POST with the job's output).
      for (String path : List.of("/ping/{token}", "/ping/{token}/{action}")) {
        io.javalin.http.Handler handler = path.endsWith("{action}") ? pings::action : pings::success;
        r.get(path, handler);
        r.head(path, handler);
        r.post(path, handler);
      }

      r.exception(ApiException.class, (e, ctx) -> error(ctx, json, e.status(), e.getMessage(), e));
      r.exception(RegistryException.NotFound.class, (e, ctx) -> error(ctx, json, 404, e.getMessage(), null));
      r.exception(RegistryException.Conflict.class, (e, ctx) -> error(ctx, json, 409, e.getMessage(), null));
      r.exception(RegistryException.ReadOnly.class, (e, ctx) -> error(ctx, json, 409, e.getMessage(), null));
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
        if (status >= 400 && ctx.attribute(BODY_WRITTEN) == null) {
          HttpStatus known = HttpStatus.forStatus(status);
          error(ctx, json, status, known == HttpStatus.UNKNOWN ? "HTTP " + status : known.getMessage(), null);
        }
      });
    });
  }

  /** Javalin's own refusals: no such route, wrong method, body too large. */
  private static void javalinError(Context ctx, ObjectMapper json, HttpResponseException e) {
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

  private static void internalError(Context ctx, ObjectMapper json, Exception e) {
    log.error("{} {} failed", ctx.method(), ctx.path(), e);
    error(ctx, json, 500, "internal error; see the server log", null);
  }

  private static void error(Context ctx, ObjectMapper json, int status, String message, ApiException e) {
    ctx.attribute(BODY_WRITTEN, Boolean.TRUE);
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
