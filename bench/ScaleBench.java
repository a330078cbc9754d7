import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PingBase scale benchmark. Single-file Java program (run with the JDK >= 21 that ./pingbase finds):
 *
 * <pre>
 *   bench/run.sh scale 10000 180      # N monitors at a 60 s interval for 180 s of measurement
 *   bench/run.sh saturate 10000 120   # N monitors at a 1 s interval: how many checks/s PingBase sustains
 *   bench/run.sh baseline 60          # raw non-blocking connects: what the machine can do
 * </pre>
 *
 * Everything runs on loopback only: a listener farm on 127.0.0.1-127.0.0.16 (several ports each, so
 * ephemeral ports and TIME_WAIT never run out), a PingBase server in its own JVM with a 512 MiB
 * heap, and this process sampling /metrics and /proc.
 */
public final class ScaleBench {
  static final int ADDRESSES = 16;
  static final int PORTS_PER_ADDRESS = 8;
  static final int BASE_PORT = 41000;
  /** The farm's HTTP listeners: the same addresses, ports from here. */
  static final int HTTP_BASE_PORT = 42000;
  /** The farm's one answer to every HTTP request: what a small JSON health endpoint sends. */
  static final byte[] HTTP_ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n"
      + "Connection: close\r\n\r\n{\"status\":\"UP\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** Whether this run's monitors are type http (against the farm's HTTP listeners) instead of tcp. */
  static boolean httpMonitors;
  static final PrintStream out = System.out;

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "farm" -> farm(Long.MAX_VALUE);
      case "baseline" -> baseline(args.length > 1 ? Integer.parseInt(args[1]) : 60);
      case "scale" -> server(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 180, 60, args);
      case "saturate" -> server(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 120, 1, args);
      case "scale-http" -> { httpMonitors = true; server(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 180, 60, args); }
      case "saturate-http" -> { httpMonitors = true; server(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 120, 1, args); }
      default -> usage();
    }
  }

  static void usage() {
    System.err.println("usage: ScaleBench farm | baseline SECONDS | scale N SECONDS | saturate N SECONDS"
        + " | scale-http N SECONDS | saturate-http N SECONDS");
    System.exit(2);
  }

  // ---------------------------------------------------------------- listener farm

  /** Accepts and closes connections on ADDRESSES x PORTS_PER_ADDRESS loopback sockets until told to stop. */
  static void farm(long seconds) throws IOException {
    Selector selector = Selector.open();
    for (int a = 1; a <= ADDRESSES; a++) {
      for (int p = 0; p < PORTS_PER_ADDRESS; p++) {
        listen(selector, "127.0.0." + a, BASE_PORT + p, null);
        listen(selector, "127.0.0." + a, HTTP_BASE_PORT + p, "http");
      }
    }
    out.println("farm ready: " + ADDRESSES * PORTS_PER_ADDRESS + " listeners, as many HTTP listeners");
    out.flush();
    long end = seconds == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() - end < 0) {
      selector.select(1000);
      Iterator<SelectionKey> it = selector.selectedKeys().iterator();
      while (it.hasNext()) {
        SelectionKey key = it.next();
        it.remove();
        if (key.channel() instanceof SocketChannel client) { // an HTTP request arriving
          serveHttp(key, client);
          continue;
        }
        SocketChannel c;
        while ((c = ((ServerSocketChannel) key.channel()).accept()) != null) {
          if ("http".equals(key.attachment())) {
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ, java.nio.ByteBuffer.allocate(4096));
          } else {
            c.close();
          }
        }
      }
    }
  }

  /**
   * Reads until the end of the request head, answers with {@link #HTTP_ANSWER} and closes (one
   * request per connection, as PingBase sends). The answer is small enough for one write.
   */
  static void serveHttp(SelectionKey key, SocketChannel client) throws IOException {
    java.nio.ByteBuffer buf = (java.nio.ByteBuffer) key.attachment();
    try {
      int n = client.read(buf);
      boolean complete = false;
      for (int i = 3; i < buf.position(); i++) {
        if (buf.get(i - 3) == '\r' && buf.get(i - 2) == '\n' && buf.get(i - 1) == '\r' && buf.get(i) == '\n') {
          complete = true;
          break;
        }
      }
      if (complete) {
        client.write(java.nio.ByteBuffer.wrap(HTTP_ANSWER));
      }
      if (complete || n < 0 || !buf.hasRemaining()) {
        client.close();
      }
    } catch (IOException e) {
      client.close();
    }
  }

  /**
   * Binds one farm listener. The farm's ports lie in the kernel's ephemeral range, so on a machine
   * busy with loopback traffic an outgoing connection may hold one for a moment: retry a while.
   */
  static void listen(Selector selector, String address, int port, Object attachment) throws IOException {
    for (int attempt = 1; ; attempt++) {
      ServerSocketChannel server = ServerSocketChannel.open();
      try {
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT, attachment);
        return;
      } catch (java.net.BindException e) {
        server.close();
        if (attempt == 40) {
          throw e;
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException ie) {
          throw new IOException(ie);
        }
      }
    }
  }

  static InetSocketAddress target(int i) {
    return new InetSocketAddress("127.0.0." + (1 + i % ADDRESSES), BASE_PORT + (i / ADDRESSES) % PORTS_PER_ADDRESS);
  }

  // ---------------------------------------------------------------- baseline

  /**
   * The machine's ceiling: non-blocking connects from one thread with 256 in flight, closed as soon as
   * the handshake completes (what a TCP check does), for SECONDS. Needs the farm running.
   */
  static void baseline(int seconds) throws IOException {
    Selector selector = Selector.open();
    int inFlight = 256;
    long connects = 0;
    long failures = 0;
    int next = 0;
    for (int i = 0; i < inFlight; i++) {
      open(selector, target(next++));
    }
    long start = System.nanoTime();
    long cpuStart = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() - end < 0) {
      selector.select(100);
      Iterator<SelectionKey> it = selector.selectedKeys().iterator();
      while (it.hasNext()) {
        SelectionKey key = it.next();
        it.remove();
        SocketChannel c = (SocketChannel) key.channel();
        try {
          c.finishConnect();
          connects++;
        } catch (IOException e) {
          failures++;
        }
        c.close();
        open(selector, target(next++));
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpu = (ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() - cpuStart) / 1e9;
    out.printf(Locale.ROOT, "baseline: %d connects in %.1f s = %.0f connects/s (%d failures), one thread, 256 in flight;"
        + " %.1f us of CPU per connect%n", connects, elapsed, connects / elapsed, failures, 1e6 * cpu / connects);
  }

  static void open(Selector selector, InetSocketAddress address) throws IOException {
    SocketChannel c = SocketChannel.open();
    c.configureBlocking(false);
    if (c.connect(address)) {
      c.close();
      c = SocketChannel.open();
      c.configureBlocking(false);
      c.connect(address);
    }
    c.register(selector, SelectionKey.OP_CONNECT);
  }

  // ---------------------------------------------------------------- PingBase run

  static void server(int monitors, int seconds, int intervalSeconds, String[] args) throws Exception {
    Path outDir = Path.of("bench/out/" + (intervalSeconds == 1 ? "saturate-" : "scale-") + (httpMonitors ? "http-" : "") + monitors);
    deleteRecursively(outDir);
    Files.createDirectories(outDir);
    Path config = outDir.resolve("pingbase.yml");
    writeConfig(config, outDir.resolve("data/pingbase.db"), monitors, intervalSeconds,
        Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT", "18080")));
    int port = Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT", "18080"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String heap = System.getenv().getOrDefault("BENCH_HEAP", "512m");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + heap, "-XX:+ExitOnOutOfMemoryError",
        "-jar", "target/pingbase.jar", "server", "--config", config.toString(), "--port", String.valueOf(port)));
    Process pingbase = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(outDir.resolve("server.log").toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      waitHealthy(http, port, pingbase);
      // Warm-up: one full interval (every monitor has had its first run) plus JIT time.
      int warmup = Math.max(intervalSeconds, 20) + 10;
      out.printf(Locale.ROOT, "%d %s monitors every %ds: warming up %d s, then measuring %d s%n",
          monitors, httpMonitors ? "http" : "tcp", intervalSeconds, warmup, seconds);
      Thread.sleep(warmup * 1000L);
      Sample first = sample(http, port, pingbase.pid(), outDir);
      List<Sample> samples = new ArrayList<>();
      samples.add(first);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() - end < 0) {
        Thread.sleep(5000);
        if (!pingbase.isAlive()) {
          throw new IllegalStateException("pingbase exited; see " + outDir.resolve("server.log"));
        }
        samples.add(sample(http, port, pingbase.pid(), outDir));
      }
      report(monitors, intervalSeconds, samples);
    } finally {
      pingbase.destroy();
      if (!pingbase.waitFor(15, TimeUnit.SECONDS)) {
        pingbase.destroyForcibly();
      }
    }
  }

  static void writeConfig(Path config, Path db, int monitors, int intervalSeconds, int port) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("server:\n  bind: 127.0.0.1\n  port: ").append(port).append('\n');
    b.append("storage:\n  type: sqlite\n  path: ").append(db).append('\n');
    b.append("checks:\n  max-concurrency: 1024\n  max-per-host: 64\n");
    b.append("monitors:\n");
    for (int i = 0; i < monitors; i++) {
      InetSocketAddress t = target(i);
      b.append("  - name: bench-").append(i).append('\n');
      if (httpMonitors) { // a GET with a JSON assertion, against the farm's HTTP listener on the same address
        b.append("    type: http\n")
            .append("    url: http://").append(t.getHostString()).append(':')
            .append(t.getPort() - BASE_PORT + HTTP_BASE_PORT).append("/health?m=").append(i).append('\n')
            .append("    expect: { json: [ { path: $.status, equals: UP } ] }\n");
      } else {
        b.append("    type: tcp\n")
            .append("    host: ").append(t.getHostString()).append('\n')
            .append("    port: ").append(t.getPort()).append('\n');
      }
      b
          .append("    interval: ").append(intervalSeconds).append("s\n")
          .append("    timeout: ").append(Math.min(5, intervalSeconds)).append("s\n");
    }
    Files.writeString(config, b);
  }

  static void waitHealthy(HttpClient http, int port, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() - deadline < 0) {
      if (!p.isAlive()) {
        throw new IllegalStateException("pingbase exited during start-up");
      }
      try {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("pingbase not healthy within 120 s");
  }

  record Sample(long nanos, double checks, double skipped, Map<String, Double> lateness,
      java.util.TreeMap<Double, Double> buckets, double heapUsed, long rssBytes, long cpuTicks, long dbBytes,
      double buffered, double dropped, double gcPauseSeconds, double gcPauseMax, double down) {}

  static final Pattern METRIC = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+([-+0-9.eEInfNa]+)");

  static Sample sample(HttpClient http, int port, long pid, Path outDir) throws Exception {
    String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    double checks = 0;
    double skipped = 0;
    double heap = 0;
    double buffered = 0;
    double dropped = 0;
    Map<String, Double> lateness = new HashMap<>();
    java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
    double gcPause = 0;
    double gcMax = 0;
    double down = 0;
    for (String line : text.split("\n")) {
      Matcher m = METRIC.matcher(line);
      if (!m.find()) {
        continue;
      }
      String name = m.group(1);
      String labels = m.group(2) == null ? "" : m.group(2);
      double v = Double.parseDouble(m.group(3));
      switch (name) {
        case "pingbase_checks_total" -> {
          checks += v;
          if (labels.contains("status=\"down\"")) {
            down += v;
          }
        }
        case "pingbase_scheduler_skipped_total" -> skipped += v;
        case "pingbase_scheduler_lateness_seconds" -> {
          Matcher q = Pattern.compile("quantile=\"([0-9.]+)\"").matcher(labels);
          if (q.find()) {
            lateness.put(q.group(1), v);
          }
        }
        case "pingbase_scheduler_lateness_seconds_max" -> lateness.put("max", v);
        case "pingbase_scheduler_lateness_seconds_bucket" -> {
          Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(labels);
          if (le.find()) {
            buckets.put(le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1)), v);
          }
        }
        case "jvm_gc_pause_seconds_sum" -> gcPause += v;
        case "jvm_gc_pause_seconds_max" -> gcMax = Math.max(gcMax, v);
        case "jvm_memory_used_bytes" -> {
          if (labels.contains("area=\"heap\"")) {
            heap += v;
          }
        }
        case "pingbase_results_buffered" -> buffered = v;
        case "pingbase_results_dropped_total" -> dropped = v;
        default -> { }
      }
    }
    String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split(" ");
    // fields 14 and 15 (1-based) are utime and stime in clock ticks; the comm field has no spaces here
    long cpu = Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
    long rss = 0;
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith("VmRSS:")) {
        rss = Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    long db;
    try (Stream<Path> files = Files.walk(outDir.resolve("data"))) {
      db = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
    return new Sample(System.nanoTime(), checks, skipped, lateness, buckets, heap, rss, cpu, db, buffered, dropped,
        gcPause, gcMax, down);
  }

  static void report(int monitors, int intervalSeconds, List<Sample> samples) {
    Sample a = samples.get(0);
    Sample z = samples.get(samples.size() - 1);
    double elapsed = (z.nanos - a.nanos) / 1e9;
    double checksPerSecond = (z.checks - a.checks) / elapsed;
    double cpuPercent = 100.0 * (z.cpuTicks - a.cpuTicks) / 100.0 / elapsed; // USER_HZ = 100
    double dbPerDay = (z.dbBytes - a.dbBytes) / elapsed * 86_400;
    double expected = (double) monitors / intervalSeconds;
    long rssMax = samples.stream().mapToLong(Sample::rssBytes).max().orElse(0);
    double heapMax = samples.stream().mapToDouble(Sample::heapUsed).max().orElse(0);
    out.println();
    out.printf(Locale.ROOT, "monitors            %d %s at %d s (expected %.1f checks/s)%n", monitors, httpMonitors ? "http" : "tcp",
        intervalSeconds, expected);
    out.printf(Locale.ROOT, "measured            %.0f s, %d samples%n", elapsed, samples.size());
    out.printf(Locale.ROOT, "checks/s            %.1f (%.1f%% of expected)%n", checksPerSecond, 100 * checksPerSecond / expected);
    out.printf(Locale.ROOT, "skipped runs        %.0f%n", z.skipped - a.skipped);
    out.printf(Locale.ROOT, "checks DOWN         %.0f%n", z.down - a.down);
    out.printf(Locale.ROOT, "lateness p50        %s (from histogram buckets over the measured window)%n",
        bucketQuantile(a.buckets, z.buckets, 0.50));
    out.printf(Locale.ROOT, "lateness p99        %s%n", bucketQuantile(a.buckets, z.buckets, 0.99));
    out.printf(Locale.ROOT, "lateness p99.9      %s%n", bucketQuantile(a.buckets, z.buckets, 0.999));
    out.printf(Locale.ROOT, "lateness max        %s (highest bucket reached in the window); %.2f ms in the last minute%n",
        bucketMax(a.buckets, z.buckets), 1000 * z.lateness.getOrDefault("max", Double.NaN));
    out.printf(Locale.ROOT, "GC pauses           %.0f ms in total over the window, longest %.1f ms%n",
        1000 * (z.gcPauseSeconds - a.gcPauseSeconds), 1000 * samples.stream().mapToDouble(Sample::gcPauseMax).max().orElse(0));
    out.printf(Locale.ROOT, "CPU                 %.1f%% of one core (2 cores = 200%%); %.1f us of CPU per check%n",
        cpuPercent, 1e6 * (z.cpuTicks - a.cpuTicks) / 100.0 / Math.max(1, z.checks - a.checks));
    out.printf(Locale.ROOT, "heap used max       %.0f MiB%n", heapMax / 1048576);
    out.printf(Locale.ROOT, "RSS max             %.0f MiB%n", rssMax / 1048576.0);
    out.printf(Locale.ROOT, "database growth     %.0f MiB/day (%.1f bytes/result)%n", dbPerDay / 1048576,
        (z.dbBytes - a.dbBytes) / Math.max(1, z.checks - a.checks));
    out.printf(Locale.ROOT, "results buffered    %.0f at end, %.0f dropped%n", z.buffered, z.dropped);
    out.println("at " + Instant.now());
  }

  /** The bucket bound below which fraction q of the runs between the two scrapes fell ("< 1 ms"). */
  static String bucketQuantile(java.util.TreeMap<Double, Double> before, java.util.TreeMap<Double, Double> after, double q) {
    double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    if (total <= 0 || after.isEmpty()) {
      return "n/a";
    }
    for (var e : after.entrySet()) {
      double count = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      if (count >= q * total) {
        return e.getKey().isInfinite() ? "> 5000 ms" : String.format(Locale.ROOT, "<= %s ms", fmt(e.getKey() * 1000));
      }
    }
    return "n/a";
  }

  static String bucketMax(java.util.TreeMap<Double, Double> before, java.util.TreeMap<Double, Double> after) {
    Double lower = 0.0;
    String answer = "n/a";
    for (var e : after.entrySet()) {
      double inBucket = (e.getValue() - before.getOrDefault(e.getKey(), 0.0));
      double below = after.entrySet().stream().filter(x -> x.getKey() < e.getKey())
          .mapToDouble(x -> x.getValue() - before.getOrDefault(x.getKey(), 0.0)).max().orElse(0);
      if (inBucket > below) {
        answer = e.getKey().isInfinite() ? "> 5000 ms"
            : String.format(Locale.ROOT, "%s-%s ms", fmt(lower * 1000), fmt(e.getKey() * 1000));
      }
      lower = e.getKey();
    }
    return answer;
  }

  static String fmt(double ms) {
    return ms == Math.rint(ms) ? String.valueOf((long) ms) : String.valueOf(ms);
  }



  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
