import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Outage-to-alert latency (issue 4). Single-file Java program, loopback only, run with the JDK >= 21
 * that ./pingbase finds:
 *
 * <pre>
 *   bench/run.sh alerts [CYCLES]      # default 30 outage cycles
 * </pre>
 *
 * Starts the real server (target/pingbase.jar, its own JVM, 512 MiB heap, SQLite) with one TCP
 * monitor (interval 1 s, timeout 500 ms, 2 re-checks 200 ms apart) against this program's own
 * listener (accept-and-close on 127.0.0.1), and one webhook channel pointing at this program's own
 * receiver (com.sun.net.httpserver on 127.0.0.1, arrival time taken with System.nanoTime). Each cycle:
 * wait a random 0-1000 ms (to sample the phase of the 1 s check interval), close the listener (t0),
 * then measure (a) detection: the first 10 ms poll of GET /api/v1/monitors/local-service that shows
 * {@code "status": "DOWN"}, and (b) delivery: the arrival of the {@code "kind": "down"} webhook;
 * then wait another random 0-1000 ms, reopen the listener on the same port (SO_REUSEADDR) and measure
 * the same for UP / {@code "recovered"}. Each cycle must produce exactly one down and one recovered
 * message with the same incident_key, and no event_id may arrive twice; anything else is counted and
 * makes the exit status 1.
 *
 * <p>Detection is the baseline: it is what the engine alone gives. Alerting overhead = delivery minus
 * detection, per cycle (outbox write, the 200 ms router/sender tick, the HTTP post).
 */
public final class AlertLatencyBench {
  static final PrintStream out = System.out;
  static final String MONITOR_ID = "local-service";
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final Duration TIMEOUT = Duration.ofMillis(500);
  static final int RECHECKS = 2;
  static final Duration SPACING = Duration.ofMillis(200);
  /** The bound: interval + timeout + confirmation (rechecks x (timeout + spacing)) + 2 s. */
  static final long BOUND_MS = INTERVAL.toMillis() + TIMEOUT.toMillis()
      + RECHECKS * (TIMEOUT.toMillis() + SPACING.toMillis()) + 2000;
  /** Longest wait for a detection or a delivery before the cycle is counted as missing it. */
  static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);
  static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  /** One webhook request as it arrived. */
  record Message(long nanos, String kind, String eventId, String incidentKey, String body) {}

  /** One direction of one cycle, in milliseconds after t0; NaN when it never came. */
  record Leg(double detectMs, double deliverMs) {
    double overheadMs() {
      return deliverMs - detectMs;
    }
  }

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    long seed = Long.parseLong(System.getenv().getOrDefault("BENCH_SEED", String.valueOf(System.nanoTime())));
    String heap = System.getenv().getOrDefault("BENCH_HEAP", "512m");
    Random random = new Random(seed);

    Path dir = Path.of("bench/out/alerts").toAbsolutePath(); // kept after the run: server.log and the webhook bodies
    deleteRecursively(dir);
    Files.createDirectories(dir);
    Listener listener = new Listener();
    List<Message> messages = new CopyOnWriteArrayList<>();
    HttpServer receiver = receiver(messages);
    Process server = null;
    int failures = 0;
    try {
      Path config = dir.resolve("pingbase.yml");
      Files.writeString(config, """
          server: { bind: 127.0.0.1, port: 0 }
          storage: { type: sqlite, path: %s }
          channels:
            - name: ops
              type: webhook
              url: http://127.0.0.1:%d/hook
          monitors:
            - name: Local service
              type: tcp
              host: 127.0.0.1
              port: %d
              interval: %dms
              timeout: %dms
              confirmation: { rechecks: %d, spacing: %dms }
              alerts: { channels: [ops] }
          """.formatted(dir.resolve("pingbase.db"), receiver.getAddress().getPort(), listener.port(),
          INTERVAL.toMillis(), TIMEOUT.toMillis(), RECHECKS, SPACING.toMillis()));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path log = dir.resolve("server.log");
      server = new ProcessBuilder(java, "-Xmx" + heap, "-Xms" + heap, "-XX:+ExitOnOutOfMemoryError",
          "-jar", "target/pingbase.jar", "server", "--config", config.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      int port = waitForPort(server, log);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      Api api = new Api(http, port);
      out.printf(Locale.ROOT, "server pid %d on port %d, listener on %d, webhook receiver on %d, seed %d, load %s%n",
          server.pid(), port, listener.port(), receiver.getAddress().getPort(), seed, loadAverage());
      out.printf(Locale.ROOT, "monitor: interval %d ms, timeout %d ms, %d re-checks %d ms apart; bound %d ms%n",
          INTERVAL.toMillis(), TIMEOUT.toMillis(), RECHECKS, SPACING.toMillis(), BOUND_MS);

      // Start-up: wait for the monitor's first UP, then a few seconds of steady checks (JIT, pools).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!"UP".equals(api.status())) {
        if (!server.isAlive() || System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("the monitor never came UP; see " + log);
        }
        Thread.sleep(100);
      }
      Thread.sleep(3000);
      int before = messages.size();
      if (before > 0) {
        out.printf("%d webhook message(s) before the first outage (not counted): %s%n", before,
            messages.stream().map(Message::kind).toList());
      }

      List<Leg> downs = new ArrayList<>();
      List<Leg> ups = new ArrayList<>();
      List<Integer> cycleStart = new ArrayList<>(); // index into messages where each cycle's window begins
      out.println("cycle  down: detect  deliver  overhead   up: detect  deliver  overhead   (ms after the listener closed / reopened)");
      for (int c = 1; c <= cycles; c++) {
        Thread.sleep(random.nextInt(1001));
        cycleStart.add(messages.size());
        listener.stop();
        Leg down = measure(api, messages, cycleStart.getLast(), "DOWN", "down");
        Thread.sleep(random.nextInt(1001));
        int mark = messages.size();
        listener.start();
        Leg up = measure(api, messages, mark, "UP", "recovered");
        downs.add(down);
        ups.add(up);
        out.printf(Locale.ROOT, "%5d  %12s %8s %9s   %10s %8s %9s%n", c, ms(down.detectMs()), ms(down.deliverMs()),
            ms(down.overheadMs()), ms(up.detectMs()), ms(up.deliverMs()), ms(up.overheadMs()));
        if (!server.isAlive()) {
          throw new IllegalStateException("pingbase exited; see " + log);
        }
      }
      // Late or repeated deliveries: give the sender a few of its ticks (and a retry's backoff) to show them.
      Thread.sleep(7000);
      out.printf(Locale.ROOT, "load at the end: %s%n", loadAverage());

      failures += check(messages, cycleStart, before);
      report("DOWN (outage -> kind=down)", downs);
      report("UP (back -> kind=recovered)", ups);
      List<String> errors = Files.readAllLines(log).stream().filter(l -> l.contains("ERROR") || l.contains("WARN")).toList();
      if (!errors.isEmpty()) {
        out.printf("server log has %d WARN/ERROR line(s), first: %s%n", errors.size(), errors.getFirst());
      }
      for (List<Leg> legs : List.of(downs, ups)) {
        failures += (int) legs.stream().filter(l -> Double.isNaN(l.detectMs()) || Double.isNaN(l.deliverMs())).count();
      }
    } finally {
      if (server != null) {
        server.destroy();
        if (!server.waitFor(15, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
      receiver.stop(0);
      listener.stop();
      Files.write(dir.resolve("webhooks.log"), messages.stream()
          .map(m -> m.nanos() + " " + m.body().replace('\n', ' ')).toList());
    }
    out.println(failures == 0 ? "OK: every cycle gave exactly one down and one recovered, same incident_key"
        : "FAILED: " + failures + " problem(s), see above");
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Polls the API every 10 ms until it shows {@code state} and waits for the webhook of {@code kind}. */
  static Leg measure(Api api, List<Message> messages, int from, String state, String kind) throws Exception {
    long t0 = System.nanoTime();
    double detect = Double.NaN;
    double deliver = Double.NaN;
    while (System.nanoTime() - t0 < GIVE_UP_NANOS && (Double.isNaN(detect) || Double.isNaN(deliver))) {
      if (Double.isNaN(detect)) {
        String s = api.status();
        if (state.equals(s)) {
          detect = (System.nanoTime() - t0) / 1e6;
        }
      }
      if (Double.isNaN(deliver)) {
        for (int i = from; i < messages.size(); i++) {
          Message m = messages.get(i);
          if (kind.equals(m.kind())) {
            deliver = (m.nanos() - t0) / 1e6;
            break;
          }
        }
      }
      Thread.sleep(10);
    }
    return new Leg(detect, deliver);
  }

  /**
   * Every message belongs to the cycle in whose window it arrived (from one cycle's outage to the
   * next one's). Each window must hold exactly one down and one recovered with the same incident_key;
   * an event_id seen twice is a duplicate. Returns the number of problems.
   */
  static int check(List<Message> messages, List<Integer> cycleStart, int before) {
    int missing = 0;
    int duplicates = 0;
    int mismatched = 0;
    int other = 0;
    for (int c = 0; c < cycleStart.size(); c++) {
      int end = c + 1 < cycleStart.size() ? cycleStart.get(c + 1) : messages.size();
      List<Message> window = messages.subList(cycleStart.get(c), end);
      List<Message> d = window.stream().filter(m -> "down".equals(m.kind())).toList();
      List<Message> r = window.stream().filter(m -> "recovered".equals(m.kind())).toList();
      other += window.size() - d.size() - r.size();
      missing += (d.isEmpty() ? 1 : 0) + (r.isEmpty() ? 1 : 0);
      duplicates += Math.max(0, d.size() - 1) + Math.max(0, r.size() - 1);
      if (d.size() == 1 && r.size() == 1 && !d.getFirst().incidentKey().equals(r.getFirst().incidentKey())) {
        mismatched++;
        out.printf("cycle %d: down incident_key %s, recovered incident_key %s%n", c + 1,
            d.getFirst().incidentKey(), r.getFirst().incidentKey());
      }
      if (d.size() != 1 || r.size() != 1 || window.size() != 2) {
        out.printf("cycle %d: %d message(s): %s%n", c + 1, window.size(),
            window.stream().map(m -> m.kind() + "/" + m.eventId()).toList());
      }
    }
    Set<String> seen = new HashSet<>();
    int repeatedIds = 0;
    for (Message m : messages) {
      if (!seen.add(m.eventId())) {
        repeatedIds++;
      }
    }
    Map<String, Long> perIncident = new HashMap<>();
    for (Message m : messages.subList(before, messages.size())) {
      perIncident.merge(m.incidentKey() + "/" + m.kind(), 1L, Long::sum);
    }
    long incidentsTwice = perIncident.values().stream().filter(n -> n > 1).count();
    out.printf(Locale.ROOT, "messages: %d in %d cycles; missing %d, duplicates %d (event_id seen twice: %d; "
            + "incident and kind seen twice: %d), incident_key mismatches %d, other kinds %d%n",
        messages.size() - before, cycleStart.size(), missing, duplicates, repeatedIds, incidentsTwice, mismatched, other);
    return missing + duplicates + repeatedIds + mismatched + other;
  }

  static void report(String title, List<Leg> legs) {
    double[] detect = legs.stream().mapToDouble(Leg::detectMs).filter(v -> !Double.isNaN(v)).sorted().toArray();
    double[] deliver = legs.stream().mapToDouble(Leg::deliverMs).filter(v -> !Double.isNaN(v)).sorted().toArray();
    double[] overhead = legs.stream().mapToDouble(Leg::overheadMs).filter(v -> !Double.isNaN(v)).sorted().toArray();
    long met = legs.stream().filter(l -> l.deliverMs() <= BOUND_MS).count();
    out.printf(Locale.ROOT, "%s, %d cycles:%n", title, legs.size());
    out.printf(Locale.ROOT, "  %-38s %8s %8s %8s %8s%n", "", "median", "p90", "max", "min");
    row("detection (API shows it; the baseline)", detect);
    row("delivery (webhook arrives)", deliver);
    row("alerting overhead (delivery - detection)", overhead);
    out.printf(Locale.ROOT, "  delivered within the bound of %d ms: %d of %d%n", BOUND_MS, met, legs.size());
  }

  static void row(String name, double[] sorted) {
    if (sorted.length == 0) {
      out.printf(Locale.ROOT, "  %-38s %8s%n", name, "none");
      return;
    }
    out.printf(Locale.ROOT, "  %-38s %8s %8s %8s %8s%n", name, ms(median(sorted)), ms(nearestRank(sorted, 0.9)),
        ms(sorted[sorted.length - 1]), ms(sorted[0]));
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The smallest value with at least q of the values at or below it. */
  static double nearestRank(double[] sorted, double q) {
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    // A delivery can come a few ms before the 10 ms API poll notices the same change: a small negative overhead.
    long rounded = Math.round(v);
    return String.valueOf(rounded);
  }

  // ---------------------------------------------------------------- the server's API

  record Api(HttpClient http, int port) {
    /** The monitor's top-level {@code status}, or null when the API does not answer. */
    String status() {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/monitors/" + MONITOR_ID))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? topLevelString(r.body(), "status") : null;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /**
   * The string value of {@code key} in the outermost object of a JSON text (the monitor answer also
   * has {@code status} inside {@code last-check} and {@code confirming}), or null.
   */
  static String topLevelString(String json, String key) {
    int depth = 0;
    for (int i = 0; i < json.length(); i++) {
      char ch = json.charAt(i);
      if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        depth--;
      } else if (ch == '"') {
        int end = endOfString(json, i);
        String s = json.substring(i + 1, end);
        i = end;
        if (depth == 1 && s.equals(key)) {
          int j = i + 1;
          while (j < json.length() && (Character.isWhitespace(json.charAt(j)) || json.charAt(j) == ':')) {
            j++;
          }
          if (j < json.length() && json.charAt(j) == '"') {
            return json.substring(j + 1, endOfString(json, j));
          }
          return null;
        }
      }
    }
    return null;
  }

  static int endOfString(String json, int quote) {
    for (int i = quote + 1; i < json.length(); i++) {
      if (json.charAt(i) == '\\') {
        i++;
      } else if (json.charAt(i) == '"') {
        return i;
      }
    }
    return json.length() - 1;
  }

  // ---------------------------------------------------------------- the webhook receiver

  static HttpServer receiver(List<Message> messages) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    s.createContext("/hook", exchange -> {
      long now = System.nanoTime();
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      messages.add(new Message(now, topLevelString(body, "kind"), topLevelString(body, "event_id"),
          topLevelString(body, "incident_key"), body));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    s.start();
    return s;
  }

  // ---------------------------------------------------------------- the monitored TCP service

  /** Accept-and-close on 127.0.0.1; stop closes the listening socket, start reopens it on the same port. */
  static final class Listener {
    private final int port;
    private volatile ServerSocket socket;

    Listener() throws IOException {
      socket = open(0);
      port = socket.getLocalPort();
      accept(socket);
    }

    int port() {
      return port;
    }

    void stop() throws IOException {
      ServerSocket s = socket;
      if (s != null) {
        s.close();
        socket = null;
      }
    }

    void start() throws IOException {
      if (socket == null) {
        socket = open(port);
        accept(socket);
      }
    }

    private static ServerSocket open(int port) throws IOException {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      return s;
    }

    private static void accept(ServerSocket s) {
      Thread.ofPlatform().daemon().name("listener-" + s.getLocalPort()).start(() -> {
        while (!s.isClosed()) {
          try (Socket c = s.accept()) {
            // accept and close
          } catch (SocketException closed) {
            return;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
    }
  }

  // ---------------------------------------------------------------- helpers

  static int waitForPort(Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() - deadline < 0) {
      if (Files.exists(log)) {
        Matcher m = LISTENING.matcher(Files.readString(log));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("pingbase exited during start-up:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("pingbase did not say where it listens within 120 s:\n" + Files.readString(log));
  }

  static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
    } catch (IOException e) {
      return "?";
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }
}
