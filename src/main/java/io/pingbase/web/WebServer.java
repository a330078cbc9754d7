package io.pingbase.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.pingbase.engine.RegistryException;
import io.pingbase.web.api.ApiException;
import io.pingbase.web.api.HistoryApi;
import io.pingbase.web.api.MonitorApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the REST API under /api/v1, /healthz, /metrics and the OpenAPI document. The
 * only class that builds Javalin; every route is listed in {@link #routes}.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  /** Request bodies above this are refused with 413: a monitor definition is a few hundred bytes. */
  static final long MAX_REQUEST_BYTES = 1024 * 1024;
  /** Marks a response whose error body we wrote, so the status-code handlers leave it alone. */
  private static final String ERROR_WRITTEN = "pingbase.error-written";

  private final Javalin app;

  public WebServer(MonitorApi monitors, HistoryApi history, Health.Probe health, Supplier<String> metrics,
      ObjectMapper json) {
    String openApiYaml = resource("/openapi.yaml");
    this.app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = MAX_REQUEST_BYTES;
      config.http.defaultContentType = "application/json";
      config.router.ignoreTrailingSlashes = true;
      config.jsonMapper(new JavalinJackson(json, true));
      var r = config.routes;

      r.get("/healthz", ctx -> {
        Health h = health.check();
        ObjectNode body = json.createObjectNode();
        body.put("status", h.healthy() ? "ok" : "unhealthy");
        body.set("components", json.valueToTree(h.components()));
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

      r.exception(ApiException.class, (e, ctx) -> error(ctx, json, e.status(), e.getMessage(), e));
      r.exception(RegistryException.NotFound.class, (e, ctx) -> error(ctx, json, 404, e.getMessage(), null));
      r.exception(RegistryException.Conflict.class, (e, ctx) -> error(ctx, json, 409, e.getMessage(), null));
      r.exception(RegistryException.ReadOnly.class, (e, ctx) -> error(ctx, json, 409, e.getMessage(), null));
      r.exception(Exception.class, (e, ctx) -> {
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, json, 500, "internal error; see the server log", null);
      });
      r.error(404, ctx -> {
        if (ctx.attribute(ERROR_WRITTEN) == null) { // no route matched: not one of our own 404s
          error(ctx, json, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), null);
        }
      });
      r.error(405, ctx -> error(ctx, json, 405, "method " + ctx.method() + " not allowed on " + ctx.path(), null));
      r.error(413, ctx -> error(ctx, json, 413, "request body larger than " + MAX_REQUEST_BYTES + " bytes", null));
    });
  }

  private static void error(Context ctx, ObjectMapper json, int status, String message, ApiException e) {
    ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
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
    ctx.status(HttpStatus.forStatus(status)).json(body);
  }

  public WebServer start(String host, int port) {
    app.start(host, port);
    log.info("listening on http://{}:{}", host.contains(":") ? "[" + host + "]" : host, app.port());
    return this;
  }

  public int port() {
    return app.port();
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
