package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pingbase check --network} and {@code --config}: the server's network rule from the command line. */
class CheckNetworkCommandTest {
  @TempDir
  Path dir;

  private static ServerSocket listener() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void multiTenantRefusesLoopbackAsBlocked() throws IOException {
    try (ServerSocket server = listener()) {
      int port = server.getLocalPort();
      Cli.Run run = Cli.run("check", "tcp://127.0.0.1:" + port, "--network", "multi-tenant");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).startsWith("tcp://127.0.0.1:" + port + " DOWN reason=BLOCKED ")
          .contains("message=\"127.0.0.1 is a loopback address (127.0.0.0/8); not allowed by network.targets:"
              + " multi-tenant");
      assertThat(Cli.run("check", "tcp://127.0.0.1:" + port, "--network", "self-hosted").exitCode()).isZero();
    }
  }

  @Test
  void theConfigFilesNetworkSectionApplies() throws IOException {
    try (ServerSocket server = listener()) {
      int port = server.getLocalPort();
      Path tenant = Files.writeString(dir.resolve("tenant.yml"), "network: { targets: multi-tenant }\n");
      Path allowing = Files.writeString(dir.resolve("allowing.yml"),
          "network: { targets: multi-tenant, allow: [127.0.0.1/32] }\n");
      assertThat(Cli.run("check", "tcp://127.0.0.1:" + port, "--config", tenant.toString()).out())
          .contains(" DOWN reason=BLOCKED ");
      Cli.Run allowed = Cli.run("check", "tcp://127.0.0.1:" + port, "--config", allowing.toString());
      assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
      // --network overrides the file's targets, keeping its allow list
      Cli.Run overridden = Cli.run("check", "tcp://127.0.0.1:" + port, "--config", tenant.toString(),
          "--network", "self-hosted");
      assertThat(overridden.exitCode()).as(overridden.toString()).isZero();
    }
  }

  @Test
  void aBadValueOrConfigIsAUsageError() throws IOException {
    Cli.Run bad = Cli.run("check", "tcp://127.0.0.1:1", "--network", "hosted");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--network must be self-hosted or multi-tenant, was hosted");
    Path broken = Files.writeString(dir.resolve("broken.yml"), "network: { targets: nope }\n");
    Cli.Run invalid = Cli.run("check", "tcp://127.0.0.1:1", "--config", broken.toString());
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.err()).contains("network.targets: unknown value \"nope\"");
    assertThat(invalid.out()).isEmpty();
  }
}
