package io.pingbase.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.testing.LoopbackListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of monitors starting at once, a third of them failing: the server comes up and
 * answers. Guards the start-up order (checks start last, after the check path is warmed up, see
 * {@code check/WarmUp}) that fixed a hang seen once in the 10,000-monitor benchmark: a herd of
 * check virtual threads loading the same class pinned every carrier thread. That hang is a race
 * this test cannot produce on demand; it runs the server in a child JVM with a single carrier
 * thread, the setting in which the race is likeliest.
 */
class StartupHerdTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  @Test
  void thousandsOfMonitorsStartingAtOnceDoNotHangTheServer() throws Exception {
    try (LoopbackListener up = new LoopbackListener()) {
      int closed;
      try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        closed = s.getLocalPort();
      }
      StringBuilder yaml = new StringBuilder("storage: { type: sqlite, path: " + dir.resolve("db") + " }\nmonitors:\n");
      for (int i = 0; i < 3000; i++) {
        yaml.append("  - { name: m").append(i).append(", type: tcp, host: 127.0.0.1, port: ")
            .append(i % 3 == 0 ? closed : up.port()).append(", interval: 1s, timeout: 500ms }\n");
      }
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, yaml);
      Path log = dir.resolve("server.log");
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Djdk.virtualThreadScheduler.parallelism=1",
          "-cp", System.getProperty("java.class.path"),
          "-Djdk.net.hosts.file=" + Path.of("src/test/resources/hosts").toAbsolutePath(),
          "io.pingbase.app.Main", "server", "--config", file.toString(), "--port", "0")
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("PINGBASE_OWNER_EMAIL", io.pingbase.testing.TestAccounts.EMAIL);
      builder.environment().put("PINGBASE_OWNER_TOKEN", io.pingbase.testing.TestAccounts.TOKEN);
      Process server = builder.start();
      try {
        int port = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int status = -1;
        while (System.nanoTime() < deadline && status != 200) {
          if (port < 0) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            port = m.find() ? Integer.parseInt(m.group(1)) : -1;
          }
          if (port > 0) {
            try {
              status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
                  .header("Authorization", io.pingbase.testing.TestAccounts.bearer())
                  .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
              // starting
            }
          }
          Thread.sleep(200);
        }
        assertThat(status).as("the server answers; log:%n%s", tail(log)).isEqualTo(200);
      } finally {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String tail(Path log) throws IOException {
    var lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
