package io.pingbase.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pingbase.testing.Http;
import io.pingbase.testing.LoopbackListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pingbase server} as its own process, as an operator runs it: SIGHUP reloads the config
 * file, SIGTERM stops the server cleanly (pending results are written before it exits).
 */
class ServerProcessTest {
  @TempDir
  Path dir;

  @Test
  void sighupReloadsTheFileAndSigtermStopsCleanly() throws Exception {
    try (LoopbackListener a = new LoopbackListener(); LoopbackListener b = new LoopbackListener()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, config(a.port(), null));
      ServerProcess process = ServerProcess.start(file);
      Process server = process.process;
      List<String> output = process.output;
      try {
        Http http = new Http(process.awaitPort());
        // Generous: the server answers once start-up (warm-up of every check type) is done, which
        // takes seconds on a loaded 2-core machine.
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/monitors/first").status() == 200);

        // The file watcher may notice the edit too; the log line proves the signal path ran.
        Files.writeString(file, config(a.port(), b.port()));
        process.signal("HUP");
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/monitors/second").status() == 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.stream().anyMatch(l -> l.contains("SIGHUP: reloading")));
        assertThat(server.isAlive()).as("SIGHUP does not stop the server").isTrue();

        process.signal("TERM");
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stops within 20 s").isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> output.stream().anyMatch(l -> l.contains("Result writer closed")));
        assertThat(output).noneMatch(l -> l.contains("ERROR"));
      } finally {
        server.destroyForcibly();
      }
    }
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
