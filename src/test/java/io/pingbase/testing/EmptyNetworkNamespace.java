package io.pingbase.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a Java main class of this build in a new, empty network namespace ({@code unshare --net}).
 *
 * <p>Why this is safe under the network rule: a fresh namespace has only a loopback interface,
 * and it is down; it has no other interface and no routes. A connect from inside fails locally
 * with ENETUNREACH ("Network is unreachable") before any packet exists, whatever the address,
 * and nothing inside can reach the machine's real network. The namespace disappears with the
 * process. Creating one needs CAP_SYS_ADMIN (root, or a user namespace): where that is not
 * permitted the calling test is skipped with a message, or fails under
 * {@code PINGBASE_REQUIRE_SERVICES=1} (see {@link Services#required()}).
 */
public final class EmptyNetworkNamespace {
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static volatile String unavailable; // null: not probed yet; "": available

  private EmptyNetworkNamespace() {}

  /** What the child printed and how it ended. */
  public record Run(int exitCode, String out, String err) {}

  /** Skips (or, under .ci/run, fails) the calling test unless {@code unshare --net} works here. */
  public static void require() {
    String reason = probe();
    if (reason.isEmpty()) {
      return;
    }
    String message = "cannot create a network namespace here (" + reason + "); needs root and util-linux's unshare"
        + " (PINGBASE_REQUIRE_SERVICES=1 turns this skip into a failure)";
    if (Services.required()) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }

  /**
   * Runs {@code mainClass} with this JVM's java binary and the test classpath in a fresh empty
   * network namespace; names resolve only through the test hosts file, as in every test.
   */
  public static Run java(String mainClass, String... args) throws IOException, InterruptedException {
    require();
    List<String> command = new ArrayList<>(List.of("unshare", "--net", javaBinary(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
        "-Djdk.net.hosts.file=" + hostsFile(), "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    return run(command, LIMIT);
  }

  /** Runs a command with a time limit, killing it (and failing) when it overruns. */
  static Run run(List<String> command, Duration limit) throws IOException, InterruptedException {
    Path out = Files.createTempFile("pingbase-netns-", ".out");
    Path err = Files.createTempFile("pingbase-netns-", ".err");
    try {
      Process p = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError(command + " did not finish within " + limit + "; stderr:\n"
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String probe() {
    String known = unavailable;
    if (known != null) {
      return known;
    }
    String reason;
    try {
      Run r = run(List.of("unshare", "--net", "true"), Duration.ofSeconds(10));
      reason = r.exitCode() == 0 ? "" : "unshare --net exited " + r.exitCode() + ": " + r.err().strip();
    } catch (IOException e) {
      reason = "unshare not found: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = "interrupted";
    }
    unavailable = reason;
    return reason;
  }

  /** The java binary of the running JVM, so the child runs the same JDK as the tests. */
  public static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The test hosts file surefire gives this JVM, so the child resolves exactly the same names. */
  public static String hostsFile() {
    String configured = System.getProperty("jdk.net.hosts.file");
    return configured != null ? configured : Path.of("src/test/resources/hosts").toAbsolutePath().toString();
  }
}
