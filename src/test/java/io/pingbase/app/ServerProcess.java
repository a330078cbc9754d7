package io.pingbase.app;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code pingbase server --config FILE --port 0} in a JVM of its own, with its output collected. */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  final Process process;
  final List<String> output = new CopyOnWriteArrayList<>();

  private ServerProcess(Process process) {
    this.process = process;
    Thread.ofVirtual().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          output.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
  }

  /** With the test owner in the environment, so the tests' clients ({@link io.pingbase.testing.Http}) may call it. */
  static ServerProcess start(Path config) throws IOException {
    ProcessBuilder b = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Djdk.net.hosts.file=" + Path.of("src/test/resources/hosts").toAbsolutePath(),
        "io.pingbase.app.Main", "server", "--config", config.toString(), "--port", "0")
        .redirectErrorStream(true);
    b.environment().put("PINGBASE_OWNER_EMAIL", io.pingbase.testing.TestAccounts.EMAIL);
    b.environment().put("PINGBASE_OWNER_TOKEN", io.pingbase.testing.TestAccounts.TOKEN);
    return new ServerProcess(b.start());
  }

  /** The HTTP port, once the server says it listens (start-up takes seconds on a loaded machine). */
  int awaitPort() {
    await().atMost(Duration.ofSeconds(30)).until(() -> port() > 0);
    return port();
  }

  int port() {
    for (String line : output) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return -1;
  }

  /** {@code kill -<signal>}; Process.destroy() would also close our end of its output. */
  void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
  }

  /** SIGKILL: no shutdown hook, nothing flushed — a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
