package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a file of 100,000 monitors (10 MB) needed about 650 MB of heap, although the loaded
 * config takes about 25 MB: SnakeYAML's composed node graph (two position marks and a list per
 * node) was alive next to our own tree while it was built. The tree is now built straight from
 * parser events.
 *
 * <p>Pinned with a fifth of that file in a separate JVM with a small heap, running the real
 * {@code validate} command: the old loader needed more than 96 MB for it, the current one about
 * 25 MB; 64 MB leaves room for JVMs that size things differently.
 */
class LargeFileHeapTest {
  private static final int MONITORS = 20_000;

  @Test
  @Timeout(60)
  void twentyThousandMonitorsValidateIn64MegabytesOfHeap(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pingbase.yml");
    write(file, MONITORS);
    Path log = dir.resolve("validate.log");
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+UseSerialGC", // one GC thread: the same heap sizing on any machine
        "-cp", System.getProperty("java.class.path"),
        "io.pingbase.app.Main", "validate", file.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean exited = process.waitFor(50, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(exited).as("validate finished; output:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
    assertThat(output).contains(file + ": OK, 20000 monitors");
  }

  /** The shape of the benchmark file: six keys per monitor, hosts and ports repeating. */
  static void write(Path file, int monitors) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("monitors:\n");
      for (int i = 0; i < monitors; i++) {
        out.write("  - name: bench-" + i + "\n    type: tcp\n    host: 127.0.0." + (1 + i % 16)
            + "\n    port: " + (41000 + (i / 16) % 8) + "\n    interval: 60s\n    timeout: 5s\n");
      }
    }
  }
}
