package io.pingbase.web;

import io.javalin.http.Context;
import io.pingbase.check.heartbeat.HeartbeatHub;
import io.pingbase.check.heartbeat.Ping;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * {@code /ping/{token}[/start|/fail|/{exit-code}]}: what cron jobs call. GET, HEAD and POST all
 * count; a POST body (the job's output, say) is kept up to {@link Ping#MAX_BODY_BYTES}, the rest
 * counted and dropped, so a chatty job still checks in. A body over the server's 1 MiB limit is
 * refused with 413 and the ping does not count.
 *
 * <p>Fast by design: a map lookup and a small in-memory update; storage is written in the
 * background ({@link HeartbeatHub}). A ping that can change the monitor's state (a failure, or a
 * success while it is not plainly UP) is evaluated before the answer, so a success after DOWN is UP
 * by the time the client gets its 200.
 */
public final class PingEndpoint {
  private static final byte[] OK = "OK\n".getBytes(StandardCharsets.US_ASCII);

  private final HeartbeatHub hub;
  private final Consumer<String> evaluateNow;

  /** @param evaluateNow evaluates the monitor with this id now (the engine's) */
  public PingEndpoint(HeartbeatHub hub, Consumer<String> evaluateNow) {
    this.hub = hub;
    this.evaluateNow = evaluateNow;
  }

  /** {@code /ping/{token}}: success. */
  void success(Context ctx) {
    ping(ctx, Ping.Kind.SUCCESS, null);
  }

  /** {@code /ping/{token}/{action}}: start, fail, or an exit code 0-255. */
  void action(Context ctx) {
    String action = ctx.pathParam("action");
    switch (action) {
      case "start" -> ping(ctx, Ping.Kind.START, null);
      case "fail" -> ping(ctx, Ping.Kind.FAIL, null);
      default -> ping(ctx, Ping.Kind.EXIT, exitCode(action));
    }
  }

  private static Integer exitCode(String action) {
    if (!action.isEmpty() && action.length() <= 3 && action.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int code = Integer.parseInt(action);
      if (code <= 255) {
        return code;
      }
    }
    String shown = action.length() > 40 ? action.substring(0, 40) + "..." : action;
    throw new io.pingbase.web.api.ApiException(400, "unknown ping action '" + shown
        + "'; use /ping/{token}, /ping/{token}/start, /ping/{token}/fail or /ping/{token}/{exit-code} with 0-255");
  }

  private void ping(Context ctx, Ping.Kind kind, Integer exitCode) {
    HeartbeatHub.Beat beat = hub.find(ctx.pathParam("token"));
    if (beat == null) {
      throw new io.pingbase.web.api.ApiException(404, "no heartbeat monitor has this ping token");
    }
    Body body = readBody(ctx);
    if (hub.record(beat, kind, exitCode, body.text, body.bytes)) {
      evaluateNow.accept(beat.monitorId());
    }
    ctx.contentType("text/plain; charset=utf-8");
    if (body.bytes > Ping.MAX_BODY_BYTES) {
      ctx.header("PingBase-Body-Truncated", Long.toString(Ping.MAX_BODY_BYTES));
    }
    ctx.result(OK);
  }

  private record Body(String text, long bytes) {}

  /** Keeps the first {@link Ping#MAX_BODY_BYTES}; reads and counts the rest up to the request limit. */
  private static Body readBody(Context ctx) {
    boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!hasBody) {
      return new Body(null, 0);
    }
    if (ctx.req().getContentLengthLong() > WebServer.MAX_REQUEST_BYTES) {
      throw tooLarge();
    }
    byte[] kept = new byte[Ping.MAX_BODY_BYTES];
    int keptBytes = 0;
    long total = 0;
    byte[] skip = new byte[8192];
    try {
      InputStream in = ctx.req().getInputStream();
      while (true) {
        int n = keptBytes < kept.length
            ? in.read(kept, keptBytes, kept.length - keptBytes)
            : in.read(skip, 0, skip.length);
        if (n < 0) {
          break;
        }
        if (keptBytes < kept.length) {
          keptBytes += n;
        }
        total += n;
        if (total > WebServer.MAX_REQUEST_BYTES) {
          throw tooLarge();
        }
      }
    } catch (IOException e) { // the client went away or sent a broken chunked body
      throw new io.pingbase.web.api.ApiException(400, "could not read the ping body: " + e.getMessage());
    }
    if (total == 0) {
      return new Body(null, 0);
    }
    // PostgreSQL text cannot hold NUL; a cut multi-byte character becomes U+FFFD on decoding.
    String text = new String(kept, 0, keptBytes, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
    return new Body(text, total);
  }

  private static io.pingbase.web.api.ApiException tooLarge() {
    return new io.pingbase.web.api.ApiException(413, "ping body larger than " + WebServer.MAX_REQUEST_BYTES
        + " bytes; the ping was not counted (bodies are kept up to " + Ping.MAX_BODY_BYTES + " bytes, the rest is dropped)");
  }
}
