import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert storm (issue 4): N monitors lose their service at the same moment. Single-file program
 * (with AlertLatencyBench.java beside it, whose listener and helpers it uses), loopback only:
 *
 * <pre>
 *   bench/run.sh storm [MONITORS] [LISTENERS]     # default 2000 monitors over 20 listeners
 * </pre>
 *
 * The real server (target/pingbase.jar, 512 MiB heap, SQLite) checks N TCP monitors (interval 2 s,
 * timeout 1 s, 1 re-check 500 ms later) spread over L accept-and-close listeners, and alerts two
 * channels pointing at this program's receiver: a webhook (where simultaneous DOWNs may become
 * digests) and a PagerDuty-type channel (never digested: one event per monitor). At t0 every
 * listener closes; the program measures when the API first shows all N DOWN (detection, the
 * baseline), when the first and the last webhook arrived, how many webhook requests covered how many
 * monitors, and when the N-th PagerDuty event arrived; then the same for the recovery. Every monitor
 * must be covered exactly once per direction on each channel; duplicates are counted.
 */
public final class AlertStormBench {
  static final PrintStream out = System.out;
  static final Pattern FOLDED_ID = Pattern.compile("\"monitor\":\\{\"id\":\"(m\\d+)\"");

  /** One request as it arrived. */
  record Hit(long nanos, String path, String body) {}

  public static void main(String[] args) throws Exception {
    int monitors = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int listenerCount = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path dir = Path.of("bench/out/storm").toAbsolutePath();
    AlertLatencyBench.deleteRecursively(dir);
    Files.createDirectories(dir);
    List<AlertLatencyBench.Listener> listeners = new ArrayList<>();
    for (int i = 0; i < listenerCount; i++) {
      listeners.add(new AlertLatencyBench.Listener());
    }
    List<Hit> hits = new CopyOnWriteArrayList<>();
    HttpServer receiver = receiver(hits);
    Process server = null;
    int failures = 0;
    try {
      StringBuilder yaml = new StringBuilder("""
          server: { bind: 127.0.0.1, port: 0 }
          storage: { type: sqlite, path: %s }
          checks: { max-per-host: 256 }
          defaults: { interval: 2s, timeout: 1s, confirmation: { rechecks: 1, spacing: 500ms } }
          channels:
            - { name: ops, type: webhook, url: "http://127.0.0.1:%d/hook", default: true }
            - { name: pd, type: pagerduty, routing-key: storm-bench-key, events-url: "http://127.0.0.1:%d/pd", default: true }
          monitors:
          """.formatted(dir.resolve("pingbase.db"), receiver.getAddress().getPort(), receiver.getAddress().getPort()));
      for (int i = 0; i < monitors; i++) {
        yaml.append("  - { id: m").append(i).append(", name: Monitor ").append(i)
            .append(", type: tcp, host: 127.0.0.1, port: ").append(listeners.get(i % listenerCount).port()).append(" }\n");
      }
      Path config = dir.resolve("pingbase.yml");
      Files.writeString(config, yaml);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path log = dir.resolve("server.log");
      server = new ProcessBuilder(java, "-Xmx512m", "-Xms512m", "-XX:+ExitOnOutOfMemoryError",
          "-jar", "target/pingbase.jar", "server", "--config", config.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      int port = AlertLatencyBench.waitForPort(server, log);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      out.printf(Locale.ROOT, "%d monitors over %d listeners, server pid %d on port %d, load %s%n", monitors,
          listenerCount, server.pid(), port, AlertLatencyBench.loadAverage());
      awaitCount(http, port, "up", monitors, 180);
      Thread.sleep(3000);
      if (!hits.isEmpty()) {
        out.printf("%d request(s) before the outage (PENDING to UP sends nothing): unexpected%n", hits.size());
        failures++;
      }

      for (String direction : List.of("down", "recovered")) {
        int from = hits.size();
        long t0 = System.nanoTime();
        for (AlertLatencyBench.Listener l : listeners) {
          if (direction.equals("down")) {
            l.stop();
          } else {
            l.start();
          }
        }
        double detected = awaitCount(http, port, direction.equals("down") ? "down" : "up", monitors, 120) - t0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (pdEvents(hits, from) < monitors && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(6000); // late or repeated deliveries show up in a few sender rounds
        failures += report(direction, hits, from, t0, detected / 1e6, monitors);
      }
      out.printf(Locale.ROOT, "load at the end: %s%n", AlertLatencyBench.loadAverage());
    } finally {
      if (server != null) {
        server.destroy();
        if (!server.waitFor(15, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
      receiver.stop(0);
      for (AlertLatencyBench.Listener l : listeners) {
        l.stop();
      }
    }
    out.println(failures == 0 ? "OK: every monitor alerted exactly once per direction on each channel"
        : "FAILED: " + failures + " problem(s), see above");
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Waits until the status summary counts {@code n} monitors in {@code state}; returns System.nanoTime then. */
  static long awaitCount(HttpClient http, int port, String state, int n, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Pattern count = Pattern.compile("\"" + state + "\":(\\d+)");
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = count.matcher(r.body());
      if (m.find() && Integer.parseInt(m.group(1)) >= n) {
        return System.nanoTime();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("not all " + n + " monitors reached " + state + " within " + seconds + " s");
  }

  static int pdEvents(List<Hit> hits, int from) {
    int n = 0;
    for (int i = from; i < hits.size(); i++) {
      n += hits.get(i).path().equals("/pd") ? 1 : 0;
    }
    return n;
  }

  /** Prints one direction's figures and returns the number of problems (a monitor missed or repeated). */
  static int report(String kind, List<Hit> hits, int from, long t0, double detectedMs, int monitors) {
    List<Hit> hooks = new ArrayList<>();
    List<Hit> pds = new ArrayList<>();
    for (int i = from; i < hits.size(); i++) {
      (hits.get(i).path().equals("/pd") ? pds : hooks).add(hits.get(i));
    }
    Set<String> covered = new HashSet<>();
    int repeated = 0;
    int digests = 0;
    for (Hit h : hooks) {
      List<String> ids = new ArrayList<>();
      if (h.body().contains("\"folded\":[")) {
        digests++;
        Matcher m = FOLDED_ID.matcher(h.body().substring(h.body().indexOf("\"folded\":[")));
        while (m.find()) {
          ids.add(m.group(1));
        }
      } else {
        Matcher m = FOLDED_ID.matcher(h.body());
        if (m.find()) {
          ids.add(m.group(1));
        }
      }
      for (String id : ids) {
        repeated += covered.add(id) ? 0 : 1;
      }
    }
    Set<String> pdKeys = new HashSet<>();
    int pdRepeated = 0;
    for (Hit p : pds) {
      String key = AlertLatencyBench.topLevelString(p.body(), "dedup_key");
      pdRepeated += pdKeys.add(key) ? 0 : 1;
    }
    double firstHook = hooks.isEmpty() ? Double.NaN : (hooks.getFirst().nanos() - t0) / 1e6;
    double lastHook = hooks.isEmpty() ? Double.NaN : (hooks.getLast().nanos() - t0) / 1e6;
    double lastPd = pds.isEmpty() ? Double.NaN : (pds.getLast().nanos() - t0) / 1e6;
    out.printf(Locale.ROOT, "%-9s  all detected %7.0f ms | webhook: %d requests (%d digests) covering %d of %d monitors, "
            + "first %7.0f ms, last %7.0f ms, %d repeated | pagerduty: %d events, %d distinct incidents, last %7.0f ms, "
            + "%d repeated%n", kind, detectedMs, hooks.size(), digests, covered.size(), monitors, firstHook, lastHook,
        repeated, pds.size(), pdKeys.size(), lastPd, pdRepeated);
    return (covered.size() == monitors ? 0 : 1) + (pdKeys.size() == monitors ? 0 : 1) + repeated + pdRepeated;
  }

  static HttpServer receiver(List<Hit> hits) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    for (String path : List.of("/hook", "/pd")) {
      s.createContext(path, exchange -> {
        long now = System.nanoTime();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        hits.add(new Hit(now, path, body));
        exchange.sendResponseHeaders(path.equals("/pd") ? 202 : 204, -1);
        exchange.close();
      });
    }
    s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    s.start();
    return s;
  }
}
