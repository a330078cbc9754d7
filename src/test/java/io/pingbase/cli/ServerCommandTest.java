package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pingbase server}: option handling and a real start in-process. Every test passes
 * {@code --config}, so the example ./pingbase.yml of the working directory is never picked up.
 */
class ServerCommandTest {
  @TempDir
  Path dir;

  @Test
  void helpWorks() {
    Cli.Run run = Cli.run("server", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: pingbase server", "--config=FILE", "--port=PORT", "--data=DIR", "Exit codes:");
  }

  @Test
  void anInvalidConfigRefusesToStartAndPrintsEveryError() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.yml"), """
        server: { port: 70000 }
        storage: { type: sqlite, path: ./data/pingbase.db, bufer: 10 }
        """);
    Cli.Run run = Cli.run("server", "--config", file.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(String.join("\n",
        "pingbase server: refusing to start, " + file + " has 2 errors:",
        file + ":1:17: server.port: must be an integer 0-65535, was \"70000\"",
        file + ":2:52: storage.bufer: unknown key; did you mean \"buffer\"?", ""));
  }

  @Test
  void aMissingConfigFileIsAUsageError() {
    Path missing = dir.resolve("missing.yml");
    Cli.Run run = Cli.run("server", "-c", missing.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("pingbase server: " + missing + ": no such file\n");
  }

  @Test
  void badPortsAreUsageErrors() {
    Cli.Run high = Cli.run("server", "--port", "70000");
    assertThat(high.exitCode()).isEqualTo(2);
    assertThat(high.err()).startsWith("pingbase server: --port must be 0-65535, was 70000\n");
    Cli.Run word = Cli.run("server", "--port", "http");
    assertThat(word.exitCode()).isEqualTo(2);
    assertThat(word.err()).startsWith("pingbase server: Invalid value for option '--port': 'http' is not an int\n");
  }

  @Test
  void dataOnlyAppliesToSqlite() throws IOException {
    Path file = Files.writeString(dir.resolve("pg.yml"), """
        storage: { type: postgresql, url: "jdbc:postgresql://127.0.0.1:5432/test", username: postgres }
        """);
    Cli.Run run = Cli.run("server", "--config", file.toString(), "--data", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(
        "pingbase server: --data applies to SQLite storage only; " + file + " sets storage.type: postgresql\n");
  }

  /**
   * The file asks for a port this test holds and a database directory elsewhere: the server can
   * only come up if --port and --data win. Interrupting the command's thread stops it cleanly.
   */
  @Test
  void portAndDataOverrideTheFile() throws Exception {
    Path fileDir = dir.resolve("from-file");
    Path dataDir = dir.resolve("from-option");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Path file = Files.writeString(dir.resolve("pingbase.yml"), """
          server: { bind: 127.0.0.1, port: %d }
          storage: { type: sqlite, path: %s }
          """.formatted(taken.getLocalPort(), fileDir.resolve("pingbase.db")));
      int port = freePort();
      AtomicReference<Cli.Run> result = new AtomicReference<>();
      Thread server = Thread.ofPlatform().name("server-under-test").start(() -> result.set(
          Cli.run("server", "--config", file.toString(), "--port", Integer.toString(port), "--data", dataDir.toString())));
      try {
        assertThat(awaitHealthy(port, server)).as("GET /healthz on the --port; " + result.get()).isEqualTo(200);
        assertThat(dataDir.resolve("pingbase.db")).exists();
        assertThat(fileDir).doesNotExist();
      } finally {
        server.interrupt();
        server.join(20_000);
      }
      assertThat(server.isAlive()).as("stopped after the interrupt").isFalse();
      assertThat(result.get().exitCode()).as(result.get().toString()).isZero();
      assertThat(listening(port)).as("port released").isFalse();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** The /healthz status once the server answers; bounded at 20 s, or sooner if the command ended. */
  private static int awaitHealthy(int port, Thread server) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && server.isAlive()) {
      if (listening(port)) {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      }
      Thread.sleep(50);
    }
    return -1;
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
