package io.pingbase.check.tcp.protocol;

import static io.pingbase.check.tcp.protocol.ProtocolCheckTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.SystemResolver;
import io.pingbase.testing.Services;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh probe against a real OpenSSH sshd that the test starts on a loopback port with a host
 * key made for it (Debian package openssh-server, installed by .ci/run).
 */
class SshProbeTest {
  static Process sshd;
  static int port;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ProtocolCheckTest.resolver = new SystemResolver(2);
    Path binary = Path.of("/usr/sbin/sshd");
    if (!Files.isExecutable(binary) || !Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))) {
      String message = "sshd is not installed (apt-get install openssh-server)";
      if (Services.required()) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    // sshd refuses to start without its privilege separation directory, which a service manager
    // would make; create it when we may (as root, like CI).
    Path privsep = Path.of("/run/sshd");
    if (!Files.isDirectory(privsep)) {
      try {
        Files.createDirectories(privsep);
      } catch (IOException e) {
        Assumptions.abort("sshd needs " + privsep + ", which this user cannot create");
      }
    }
    Path key = dir.resolve("host_ed25519");
    run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    sshd = new ProcessBuilder(binary.toString(), "-D", "-e", "-p", String.valueOf(port),
        "-o", "ListenAddress=127.0.0.1", "-h", key.toString(), "-f", "/dev/null")
        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!listening(port)) {
      if (!sshd.isAlive() || System.nanoTime() > until) {
        throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
      }
      Thread.sleep(20);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (sshd != null) {
      sshd.destroy();
      sshd.waitFor(5, TimeUnit.SECONDS);
    }
    ProtocolCheckTest.resolver.close();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  @Test
  void sshdAnnouncesItsVersion() {
    CheckResult r = check("ssh", port, Duration.ofSeconds(3));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat((String) r.details().get("banner")).startsWith("SSH-2.0-OpenSSH_");
    assertThat((String) r.details().get("version")).startsWith("OpenSSH_");
  }

  @Test
  void otherProtocolsAtTheSshPortAreProtocol() {
    CheckResult redis = check("redis", port, Duration.ofSeconds(3));
    assertThat(redis.reason()).as(redis.toString()).isEqualTo(FailureReason.PROTOCOL);
    assertThat(redis.message()).startsWith("expected +PONG, got \"SSH-2.0-OpenSSH_");
    CheckResult nats = check("nats", port, Duration.ofSeconds(3));
    assertThat(nats.reason()).isEqualTo(FailureReason.PROTOCOL);
    assertThat(nats.message()).startsWith("expected the NATS INFO line, got \"SSH-2.0-");
  }

  @Test
  void sendExpectMatchesTheBanner() {
    ProtocolSpec spec = new ProtocolSpec("send-expect", false,
        java.util.List.of(new ProtocolSpec.Step(null, null, "^SSH-2\\.0-OpenSSH_[0-9.]+", false)));
    CheckResult r = check(spec, port, Duration.ofSeconds(3));
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat((String) r.details().get("banner")).startsWith("SSH-2.0-OpenSSH_");
  }

  @Test
  void anSsh1ServerIsProtocol() throws Exception {
    try (ScriptedServer old = new ScriptedServer(c -> ProtocolCheckTest.greet(c, "SSH-1.5-OldServer\r\n"))) {
      CheckResult r = check("ssh", old.port(), Duration.ofSeconds(2));
      assertThat(r.reason()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(r.message()).isEqualTo("expected the SSH-2.0- banner, got an SSH 1 server: \"SSH-1.5-OldServer\"");
    }
  }

  @Test
  void aServerAnsweringOurIdentificationWithSomethingElseIsProtocol() {
    Services.REDIS.require(); // answers "SSH-2.0-PingBase_check" with -ERR unknown command, then waits
    CheckResult r = check("ssh", Services.REDIS.port(), Duration.ofMillis(500));
    assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.PROTOCOL);
    assertThat(r.message()).startsWith("expected the SSH-2.0- banner, got \"-ERR").endsWith("and then no banner");
  }
}
