package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.testing.Services;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** {@code pingbase check redis://...}: the protocol's answer in the same one-line format. */
class CheckProtocolCommandTest {
  private static final String MS = "\\d+\\.\\d{3}ms";

  @Test
  void redisIsUpWithTheExchangePhasesAndWhatItAnnounced() {
    Services.REDIS.require();
    Cli.Run run = Cli.run("check", "redis://127.0.0.1", "--timeout", "3s");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).matches("redis://127\\.0\\.0\\.1:6379 UP dns=- connect=" + MS + " first-byte=" + MS
        + " transfer=" + MS + " response=" + MS + " address=127\\.0\\.0\\.1:6379 reply=\\S+( \\S+=\\S+)*\n");
  }

  @Test
  void theWrongProtocolIsDownWithWhatCameBack() {
    Services.POSTGRESQL.require();
    Cli.Run run = Cli.run("check", "redis://127.0.0.1:5432", "--timeout", "3s");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).matches("redis://127\\.0\\.0\\.1:5432 DOWN reason=PROTOCOL dns=- connect=" + MS
        + "( first-byte=" + MS + " transfer=" + MS + ")? response=" + MS
        + " address=127\\.0\\.0\\.1:5432 message=\"expected \\+PONG, .*\"\n");
  }

  @Test
  void aSilentServerTimesOutNamingTheStepAndJsonSaysTheSame() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = Thread.ofVirtual().start(() -> {
        try (Socket held = silent.accept()) {
          Thread.sleep(3000);
        } catch (IOException | InterruptedException ignored) {
          // test over
        }
      });
      int port = silent.getLocalPort();
      Cli.Run run = Cli.run("check", "ssh://127.0.0.1:" + port, "--timeout", "300ms", "--json");
      acceptor.interrupt();
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      JsonNode attempt = new ObjectMapper().readTree(run.lines().get(0));
      assertThat(attempt.get("target").asText()).isEqualTo("ssh://127.0.0.1:" + port);
      assertThat(attempt.get("reason").asText()).isEqualTo("TIMEOUT");
      assertThat(attempt.get("message").asText())
          .isEqualTo("no answer within 300 ms while waiting for the SSH-2.0- banner (ssh)");
      assertThat(attempt.get("response-us").asLong()).isGreaterThanOrEqualTo(290_000);
    }
  }

  @Test
  void aBadSchemeOptionIsAUsageError() {
    Cli.Run run = Cli.run("check", "redis://cache?starttls=true");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unsupported query '?starttls=true'");
  }
}
