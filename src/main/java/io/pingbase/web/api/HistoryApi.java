package io.pingbase.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.account.AccountException;
import io.pingbase.account.PlanLimits;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.engine.MonitorRegistry;
import io.pingbase.engine.RegistryException;
import io.pingbase.maintenance.MaintenanceCalendar;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.monitor.Uptime;
import io.pingbase.store.EventStore;
import io.pingbase.store.Page;
import io.pingbase.store.ResponseStats;
import io.pingbase.store.ResultStore;
import io.pingbase.store.StoredEvent;
import io.pingbase.store.StoredResult;
import io.pingbase.store.Uptimes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** What happened: results, statistics (uptime and response times) and state-change events. */
public final class HistoryApi {
  /** The standard ranges reported when none is asked for. */
  static final Map<String, Duration> STANDARD_RANGES = new LinkedHashMap<>();
  static {
    STANDARD_RANGES.put("24h", Duration.ofHours(24));
    STANDARD_RANGES.put("7d", Duration.ofDays(7));
    STANDARD_RANGES.put("30d", Duration.ofDays(30));
    STANDARD_RANGES.put("90d", Duration.ofDays(90));
  }
  static final Duration MIN_RANGE = Duration.ofSeconds(1);
  /** Ten years and then some: longer than any retention worth having. */
  static final Duration MAX_RANGE = Duration.ofDays(3660);

  private final MonitorRegistry registry;
  private final ResultStore results;
  private final EventStore events;
  private final InstantSource clock;
  private final ObjectMapper json;
  private final Views views;
  private final Function<String, Duration> durations;
  private final Uptimes uptimes;
  private final Function<String, PlanLimits> limits;

  public HistoryApi(MonitorRegistry registry, ResultStore results, EventStore events, InstantSource clock,
      ObjectMapper json, MonitorCodec codec, Function<String, Duration> durations) {
    this(registry, results, events, clock, json, codec, durations, () -> MaintenanceCalendar.EMPTY,
        w -> PlanLimits.UNLIMITED);
  }

  /**
   * @param maintenance the windows in force, whose time counts as maintenance in uptime
   * @param limits      a workspace's plan limits: its {@code retention} is how far back it may read
   */
  public HistoryApi(MonitorRegistry registry, ResultStore results, EventStore events, InstantSource clock,
      ObjectMapper json, MonitorCodec codec, Function<String, Duration> durations,
      Supplier<MaintenanceCalendar> maintenance, Function<String, PlanLimits> limits) {
    this.uptimes = new Uptimes(events, maintenance);
    this.limits = limits;
    this.registry = registry;
    this.results = results;
    this.events = events;
    this.clock = clock;
    this.json = json;
    this.views = new Views(json, codec);
    this.durations = durations;
  }

  /** GET /api/v1/monitors/{id}/results?from=&to=&limit=&cursor= — newest first, keyset paged. */
  public void results(Context ctx) {
    LiveMonitor m = find(ctx);
    Instant[] range = withinRetention(ctx, Params.range(ctx, now().plusSeconds(1), Duration.ofHours(24)));
    int limit = Params.integer(ctx, "limit", 100, 1, 1000);
    String cursor = ctx.queryParam("cursor");
    Page<StoredResult> page;
    try {
      page = results.results(m.ref(), range[0], range[1], limit, cursor);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParam("cursor", "is not a cursor returned by this endpoint");
    }
    ObjectNode body = json.createObjectNode();
    body.put("monitor", WorkspaceKey.nameOf(m.monitor().id()));
    Views.putInstant(body, "from", range[0]);
    Views.putInstant(body, "to", range[1]);
    ArrayNode items = body.putArray("results");
    page.items().forEach(r -> items.add(views.result(r)));
    body.put("next", page.next());
    ctx.json(body);
  }

  /**
   * GET /api/v1/monitors/{id}/stats — uptime and response times over 24h, 7d, 30d and 90d; with
   * {@code range=12h} over the last 12 hours; with {@code from}/{@code to} over exactly that range.
   */
  public void stats(Context ctx) {
    LiveMonitor m = find(ctx);
    Instant now = now();
    ObjectNode body = json.createObjectNode();
    body.put("monitor", WorkspaceKey.nameOf(m.monitor().id()));
    ObjectNode ranges = body.putObject("ranges");
    Duration range = Params.duration(ctx, "range", durations);
    boolean explicit = ctx.queryParam("from") != null || ctx.queryParam("to") != null;
    if (range != null && explicit) {
      throw ApiException.invalidParam("range", "give either range or from/to, not both");
    }
    Duration retention = limits.apply(Requests.workspace(ctx)).retention();
    if (explicit) {
      Instant[] r = withinRetention(ctx, Params.range(ctx, now, Duration.ofHours(24)));
      ranges.set("custom", stats(m, r[0], r[1], now));
    } else if (range != null) {
      if (range.compareTo(MIN_RANGE) < 0 || range.compareTo(MAX_RANGE) > 0) {
        throw ApiException.invalidParam("range", "must be between 1s and 3660d, was " + Params.quote(ctx.queryParam("range")));
      }
      if (retention != null && range.compareTo(retention) > 0) {
        throw retentionLimit(retention);
      }
      ranges.set(ctx.queryParam("range").trim(), stats(m, now.minus(range), now, now));
    } else {
      // Ranges longer than the plan's retention are left out, not cut short: a "90d" that
      // covers 30 days would mislead.
      STANDARD_RANGES.forEach((name, span) -> {
        if (retention == null || span.compareTo(retention) <= 0) {
          ranges.set(name, stats(m, now.minus(span), now, now));
        }
      });
    }
    ctx.json(body);
  }

  private ObjectNode stats(LiveMonitor m, Instant from, Instant to, Instant now) {
    Instant end = to.isAfter(now) ? now : to;
    ObjectNode n = json.createObjectNode();
    Views.putInstant(n, "from", from);
    Views.putInstant(n, "to", to);
    Uptime.Result uptime = uptimes.of(m.ref(), m.monitor(), from, to, now);
    if (uptime.percent() == null) {
      n.putNull("uptime-percent");
    } else {
      n.put("uptime-percent", Math.round(uptime.percent() * 10_000) / 10_000.0);
    }
    n.put("monitored-seconds", uptime.monitored().toSeconds());
    n.put("downtime-seconds", uptime.down().toSeconds());
    n.put("degraded-seconds", uptime.time().get(MonitorState.DEGRADED).toSeconds());
    n.put("paused-seconds", uptime.time().get(MonitorState.PAUSED).toSeconds());
    n.put("maintenance-seconds", uptime.maintenance().toSeconds());
    ResponseStats s = end.isAfter(from) ? results.stats(m.ref(), from, end)
        : new ResponseStats(0, 0, 0, -1, -1, -1, -1, true);
    ObjectNode checks = n.putObject("checks");
    checks.put("up", s.up());
    checks.put("degraded", s.degraded());
    checks.put("down", s.down());
    checks.put("total", s.total());
    ObjectNode rt = n.putObject("response-us");
    putMicros(rt, "min", s.minMicros());
    putMicros(rt, "avg", s.avgMicros());
    putMicros(rt, "p95", s.p95Micros());
    putMicros(rt, "max", s.maxMicros());
    rt.put("exact", s.exact());
    return n;
  }

  /** GET /api/v1/monitors/{id}/events and GET /api/v1/events — state changes, newest first. */
  public void events(Context ctx) {
    Long ref = null;
    String monitorId = null;
    if (ctx.pathParamMap().containsKey("id")) {
      LiveMonitor m = find(ctx);
      ref = m.ref();
      monitorId = WorkspaceKey.nameOf(m.monitor().id());
    }
    Instant[] range = withinRetention(ctx, Params.range(ctx, now().plusSeconds(1), Duration.ofDays(30)));
    int limit = Params.integer(ctx, "limit", 100, 1, 1000);
    ObjectNode body = json.createObjectNode();
    if (monitorId != null) {
      body.put("monitor", monitorId);
    }
    Views.putInstant(body, "from", range[0]);
    Views.putInstant(body, "to", range[1]);
    ArrayNode items = body.putArray("events");
    List<StoredEvent> found = ref != null ? events.events(ref, range[0], range[1], limit)
        : events.eventsIn(Requests.workspace(ctx), range[0], range[1], limit);
    found.forEach(e -> items.add(views.event(e)));
    ctx.json(body);
  }

  /**
   * The range cut to the workspace plan's {@code retention}: a default range starts no earlier
   * than it allows; a {@code from} the client chose earlier than that is refused, naming the limit.
   */
  private Instant[] withinRetention(Context ctx, Instant[] range) {
    Duration retention = limits.apply(Requests.workspace(ctx)).retention();
    if (retention == null) {
      return range;
    }
    Instant earliest = now().minus(retention);
    if (!range[0].isBefore(earliest)) {
      return range;
    }
    if (ctx.queryParam("from") != null) {
      throw retentionLimit(retention);
    }
    return new Instant[] {range[1].isAfter(earliest) ? earliest : range[1].minusMillis(1), range[1]};
  }

  private static AccountException retentionLimit(Duration retention) {
    return AccountException.limit("retention", "this workspace's plan shows history of the last "
        + io.pingbase.config.Durations.format(retention) + " only; ask for a plan with a longer retention");
  }

  /** Now, to the millisecond: what the store keeps, so default ranges read as clean instants. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private LiveMonitor find(Context ctx) {
    String key = WorkspaceKey.of(Requests.workspace(ctx), Params.monitorId(ctx));
    return registry.get(key).orElseThrow(() -> new RegistryException.NotFound(key));
  }

  private static void putMicros(ObjectNode n, String key, long micros) {
    if (micros < 0) {
      n.putNull(key);
    } else {
      n.put(key, micros);
    }
  }
}
