package io.pingbase.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pingbase.testing.Http;
import io.pingbase.testing.LoopbackListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pingbase server} as its own process, as an operator runs it: SIGHUP reloads the config
 * file, SIGTERM stops the server cleanly (pending results are written before it exits).
 */
class ServerProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  @Test
  void sighupReloadsTheFileAndSigtermStopsCleanly() throws Exception {
    try (LoopbackListener a = new LoopbackListener(); LoopbackListener b = new LoopbackListener()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, config(a.port(), null));
      Process server = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-Djdk.net.hosts.file=" + Path.of("src/test/resources/hosts").toAbsolutePath(),
          "io.pingbase.app.Main", "server", "--config", file.toString(), "--port", "0")
          .redirectErrorStream(true).start();
      List<String> output = new CopyOnWriteArrayList<>();
      Thread.ofVirtual().start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            output.add(line);
          }
        } catch (IOException ignored) {
          // the process ended
        }
      });
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> port(output) > 0);
        Http http = new Http(port(output));
        // Generous: the server answers once start-up (warm-up of every check type) is done, which
        // takes seconds on a loaded 2-core machine.
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/monitors/first").status() == 200);

        // The file watcher may notice the edit too; the log line proves the signal path ran.
        Files.writeString(file, config(a.port(), b.port()));
        new ProcessBuilder("kill", "-HUP", String.valueOf(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/monitors/second").status() == 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.stream().anyMatch(l -> l.contains("SIGHUP: reloading")));
        assertThat(server.isAlive()).as("SIGHUP does not stop the server").isTrue();

        // kill -TERM rather than Process.destroy(), which also closes our end of its output.
        new ProcessBuilder("kill", "-TERM", String.valueOf(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stops within 20 s").isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> output.stream().anyMatch(l -> l.contains("Result writer closed")));
        assertThat(output).noneMatch(l -> l.contains("ERROR"));
      } finally {
        server.destroyForcibly();
      }
    }
  }

  private static int port(List<String> output) {
    for (String line : output) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return -1;
  }

  private String config(int first, Integer second) {
    String yaml = """
        storage: { type: sqlite, path: %s }
        monitors:
          - { name: First, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 500ms }
        """.formatted(dir.resolve("pingbase.db"), first);
    if (second != null) {
      yaml += "  - { name: Second, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 500ms }\n"
          .formatted(second);
    }
    return yaml;
  }
}
