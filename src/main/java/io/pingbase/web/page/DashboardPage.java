package io.pingbase.web.page;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.pingbase.account.Caller;
import io.pingbase.account.Workspaces;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.engine.MonitorRegistry;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.store.Uptimes;
import io.pingbase.web.api.MonitorFilter;
import io.pingbase.web.api.Requests;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard: every monitor of the workspace with its live status, heartbeat bar, sparkline,
 * uptime and failure reason; groups with the worst state of their members; filters and pages of
 * {@link #PAGE_SIZE} (so 10,000 monitors render as fast as 100). Rows and summaries change without
 * a reload: the page listens on {@code /live} (server-sent events), where the {@link LiveBoard}
 * pushes the rows of the monitors it shows once a second when they changed.
 */
public final class DashboardPage {
  public static final int PAGE_SIZE = 100;
  /** How long computed uptime figures are reused: they move slowly, and each costs queries. */
  static final Duration UPTIME_TTL = Duration.ofSeconds(60);

  /** A group as the dashboard shows it: its worst member state and how many are in each state. */
  public record GroupSummary(String name, MonitorState worst, int total, int down, int degraded) {
    public String stateName() {
      return worst.name();
    }
  }

  /** What the filters asked for, as the form shows them again. */
  public record Filters(String q, String group, String status, String type, int page) {
    String query(int pageNumber) {
      StringBuilder s = new StringBuilder();
      add(s, "q", q);
      add(s, "group", group);
      add(s, "status", status);
      add(s, "type", type);
      if (pageNumber > 1) {
        add(s, "page", Integer.toString(pageNumber));
      }
      return s.isEmpty() ? "" : "?" + s;
    }

    public String pageLink(int pageNumber) {
      String q = query(pageNumber);
      return "/" + q;
    }

    public String liveUrl() {
      return "/live" + query(page);
    }

    private static void add(StringBuilder s, String key, String value) {
      if (value != null && !value.isBlank()) {
        s.append(s.isEmpty() ? "" : "&").append(key).append('=')
            .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  private record Uptime2(String day, String month, Instant computed) {}

  private final Templates templates;
  private final MonitorRegistry registry;
  private final LiveBoard board;
  private final Uptimes uptimes;
  private final Workspaces workspaces;
  private final InstantSource clock;
  private final Map<String, Uptime2> uptimeCache = new ConcurrentHashMap<>();

  public DashboardPage(Templates templates, MonitorRegistry registry, LiveBoard board, Uptimes uptimes,
      Workspaces workspaces, InstantSource clock) {
    this.templates = templates;
    this.registry = registry;
    this.board = board;
    this.uptimes = uptimes;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /** GET / */
  public void show(Context ctx) {
    Caller caller = Requests.caller(ctx);
    Filters f = filters(ctx);
    List<LiveMonitor> all = inWorkspace(caller.workspaceId());
    List<LiveMonitor> matching = matching(all, f, caller.workspaceId());
    int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = Math.min(f.page(), pages);
    List<MonitorRow> rows = new ArrayList<>();
    for (LiveMonitor m : matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE))) {
      rows.add(row(m));
    }
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", new Chrome("Dashboard", "dashboard", caller, workspaces.mine(caller)));
    p.put("filters", new Filters(f.q(), f.group(), f.status(), f.type(), page));
    p.put("rows", rows);
    p.put("groups", groups(all));
    p.put("counts", counts(all));
    p.put("matching", matching.size());
    p.put("total", all.size());
    p.put("page", page);
    p.put("pages", pages);
    p.put("types", io.pingbase.config.MonitorReader.types().stream().sorted().toList());
    templates.page(ctx, 200, "dashboard.jte", p);
  }

  /** GET /live: server-sent events of the rows and summaries of one dashboard page. */
  public void live(SseClient client) {
    Context ctx = client.ctx();
    Caller caller = Requests.caller(ctx);
    String workspace = caller.workspaceId();
    Filters f = filters(ctx);
    List<LiveMonitor> matching = matching(inWorkspace(workspace), f, workspace);
    int from = Math.min(matching.size(), (f.page() - 1) * PAGE_SIZE);
    Set<String> visible = new HashSet<>();
    for (LiveMonitor m : matching.subList(from, Math.min(matching.size(), from + PAGE_SIZE))) {
      visible.add(m.monitor().id());
    }
    Runnable stop = board.watch(new LiveBoard.Watcher() {
      @Override
      public boolean watches(String key) {
        return WorkspaceKey.inWorkspace(key, workspace);
      }

      @Override
      public void changed(List<String> keys) {
        for (String key : keys) {
          if (visible.contains(key)) {
            registry.get(key).ifPresent(m -> client.sendEvent("m-" + WorkspaceKey.nameOf(key),
                oneLine(templates.render("monitor-row.jte", Map.of("row", row(m))))));
          }
        }
        List<LiveMonitor> all = inWorkspace(workspace);
        client.sendEvent("summary", oneLine(templates.render("dashboard-summary.jte",
            Map.of("groups", groups(all), "counts", counts(all)))));
      }
    });
    client.onClose(stop);
    client.keepAlive();
  }

  private List<LiveMonitor> inWorkspace(String workspace) {
    List<LiveMonitor> out = new ArrayList<>();
    for (LiveMonitor m : registry.list()) {
      if (WorkspaceKey.inWorkspace(m.monitor().id(), workspace)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Sorted by group (ungrouped last), then name. */
  private static List<LiveMonitor> matching(List<LiveMonitor> all, Filters f, String workspace) {
    MonitorState state = null;
    if (f.status() != null) {
      try {
        state = MonitorState.valueOf(f.status().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ignored) {
        // an unknown status from a hand-edited URL filters nothing out
      }
    }
    MonitorFilter filter = new MonitorFilter(workspace, f.group(), state, f.type(), f.q());
    return all.stream().filter(filter::matches)
        .sorted(Comparator.comparing((LiveMonitor m) -> m.monitor().group() == null)
            .thenComparing(m -> m.monitor().group() == null ? "" : m.monitor().group().toLowerCase(Locale.ROOT))
            .thenComparing(m -> m.monitor().name().toLowerCase(Locale.ROOT)))
        .toList();
  }

  private static Filters filters(Context ctx) {
    int page = 1;
    try {
      page = Math.max(1, Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1")));
    } catch (NumberFormatException ignored) {
      // the first page
    }
    return new Filters(trim(ctx.queryParam("q")), trim(ctx.queryParam("group")), trim(ctx.queryParam("status")),
        trim(ctx.queryParam("type")), page);
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.strip().length() > 200 ? s.strip().substring(0, 200) : s.strip();
  }

  MonitorRow row(LiveMonitor m) {
    Uptime2 u = uptime(m);
    return MonitorRow.of(m, board.beats(m.monitor().id(), m.ref()), u.day(), u.month());
  }

  private Uptime2 uptime(LiveMonitor m) {
    Instant now = clock.instant();
    Uptime2 cached = uptimeCache.get(m.monitor().id());
    if (cached != null && Duration.between(cached.computed(), now).compareTo(UPTIME_TTL) < 0
        && !changedSince(m, cached, now)) {
      return cached;
    }
    Uptime2 fresh;
    try {
      fresh = new Uptime2(percent(m, now.minus(Duration.ofDays(1)), now), percent(m, now.minus(Duration.ofDays(30)), now),
          now);
    } catch (RuntimeException e) { // the database is away: show the last known figures, or none
      return cached != null ? cached : new Uptime2("–", "–", now);
    }
    uptimeCache.put(m.monitor().id(), fresh);
    return fresh;
  }

  /**
   * Whether the monitor changed state around or after the figures were computed: they are then
   * computed again (every 2 s at most, until the change is a few seconds older than them, since the
   * writer stores the change a moment after the dashboard hears of it), rather than showing 100%
   * beside DOWN for a minute.
   */
  private static boolean changedSince(LiveMonitor m, Uptime2 cached, Instant now) {
    Instant since = m.status().since();
    return since != null && !since.isBefore(cached.computed().minusSeconds(5))
        && Duration.between(cached.computed(), now).compareTo(Duration.ofSeconds(2)) >= 0;
  }

  private String percent(LiveMonitor m, Instant from, Instant now) {
    Double p = uptimes.of(m.ref(), m.monitor(), from, now, now).percent();
    return p == null ? "–" : formatPercent(p);
  }

  /** 99.95%, 100%, 87.3%: two decimals near 100, where they matter. */
  static String formatPercent(double p) {
    if (p >= 100) {
      return "100%";
    }
    return (p >= 99 ? String.format(Locale.ROOT, "%.2f", Math.floor(p * 100) / 100)
        : String.format(Locale.ROOT, "%.1f", Math.floor(p * 10) / 10)) + "%";
  }

  static List<GroupSummary> groups(List<LiveMonitor> all) {
    Map<String, List<LiveMonitor>> byGroup = new LinkedHashMap<>();
    for (LiveMonitor m : all) {
      if (m.monitor().group() != null) {
        byGroup.computeIfAbsent(m.monitor().group(), g -> new ArrayList<>()).add(m);
      }
    }
    List<GroupSummary> out = new ArrayList<>();
    byGroup.forEach((name, members) -> {
      MonitorState worst = MonitorState.PAUSED;
      int down = 0;
      int degraded = 0;
      for (LiveMonitor m : members) {
        MonitorState s = m.status().state();
        down += s == MonitorState.DOWN ? 1 : 0;
        degraded += s == MonitorState.DEGRADED ? 1 : 0;
        if (severity(s) > severity(worst)) {
          worst = s;
        }
      }
      out.add(new GroupSummary(name, worst, members.size(), down, degraded));
    });
    out.sort(Comparator.comparing(g -> g.name().toLowerCase(Locale.ROOT)));
    return out;
  }

  /** How bad a state is for a group's summary: DOWN first; PAUSED counts for nothing. */
  static int severity(MonitorState s) {
    return switch (s) {
      case DOWN -> 4;
      case DEGRADED -> 3;
      case PENDING -> 2;
      case UP -> 1;
      case PAUSED -> 0;
    };
  }

  static Map<MonitorState, Integer> counts(List<LiveMonitor> all) {
    Map<MonitorState, Integer> counts = new EnumMap<>(MonitorState.class);
    for (MonitorState s : MonitorState.values()) {
      counts.put(s, 0);
    }
    all.forEach(m -> counts.merge(m.status().state(), 1, Integer::sum));
    return counts;
  }

  /** Server-sent event data is line-based: the HTML of a row goes as one line. */
  static String oneLine(String html) {
    return html.replace("\r", "").replace('\n', ' ');
  }
}
