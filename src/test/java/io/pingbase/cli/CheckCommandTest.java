package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.testing.FullBacklogListener;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code pingbase check}, run in-process against real listeners on loopback. */
class CheckCommandTest {
  private static final String MS = "\\d+\\.\\d{3}ms";

  private static ServerSocket listener() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = listener()) {
      return s.getLocalPort();
    }
  }

  @Test
  void aListeningPortIsUpWithConnectTimeAndAddress() throws IOException {
    try (ServerSocket server = listener()) {
      int port = server.getLocalPort();
      Cli.Run run = Cli.run("check", "tcp://127.0.0.1:" + port, "--timeout", "2s");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.lines()).singleElement().asString().matches(
          Pattern.quote("tcp://127.0.0.1:" + port) + " UP dns=- connect=" + MS
              + " address=" + Pattern.quote("127.0.0.1:" + port));
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void aHostNameShowsTheDnsTime() throws IOException {
    try (ServerSocket server = listener()) {
      int port = server.getLocalPort();
      Cli.Run run = Cli.run("check", "localhost:" + port);
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).matches("tcp://localhost:" + port + " UP dns=" + MS + " connect=" + MS
          + " address=127\\.0\\.0\\.1:" + port + "\n");
    }
  }

  @Test
  void aClosedPortIsRefused() throws IOException {
    int port = closedPort();
    Cli.Run run = Cli.run("check", "tcp://127.0.0.1:" + port);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).matches("tcp://127\\.0\\.0\\.1:" + port + " DOWN reason=REFUSED dns=- connect=" + MS
        + " address=127\\.0\\.0\\.1:" + port + " message=\"connection refused by 127\\.0\\.0\\.1:" + port + "\"\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aFullAcceptQueueTimesOutAtTheGivenTimeout() throws IOException {
    try (FullBacklogListener blackhole = new FullBacklogListener()) {
      long start = System.nanoTime();
      Cli.Run run = Cli.run("check", "tcp://127.0.0.1:" + blackhole.port(), "--timeout", "300ms");
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).matches("tcp://127\\.0\\.0\\.1:" + blackhole.port()
          + " DOWN reason=TIMEOUT dns=- connect=3\\d\\d\\.\\d{3}ms address=\\S+ message=\"no answer from \\S+ within 300 ms\"\n");
      assertThat(tookMillis).isBetween(290L, 2_000L);
    }
  }

  @Test
  void aNameThatDoesNotResolveIsADnsFailure() {
    // Resolved through src/test/resources/hosts only (surefire's jdk.net.hosts.file): no DNS traffic.
    Cli.Run run = Cli.run("check", "tcp://no-such-host.invalid:5432", "--timeout", "2s");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).matches("tcp://no-such-host\\.invalid:5432 DOWN reason=DNS_FAILURE dns=" + MS
        + " connect=- address=- message=\"name does not resolve: no-such-host\\.invalid\"\n");
  }

  @Test
  void ipv6LoopbackInBrackets() throws IOException {
    ServerSocket server;
    try {
      server = new ServerSocket(0, 50, InetAddress.getByName("::1"));
    } catch (IOException e) {
      Assumptions.abort("IPv6 loopback not available here: " + e);
      return;
    }
    try (server) {
      int port = server.getLocalPort();
      Cli.Run run = Cli.run("check", "tcp://[::1]:" + port);
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).matches("tcp://\\[::1]:" + port + " UP dns=- connect=" + MS
          + " address=\\[::1]:" + port + "\n");
    }
  }

  @Test
  void countPrintsOneLinePerAttemptAndASummary() throws IOException {
    try (ServerSocket server = listener()) {
      int port = server.getLocalPort();
      Cli.Run run = Cli.run("check", "tcp://127.0.0.1:" + port, "--count", "3", "--interval", "100ms");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.lines()).hasSize(4);
      assertThat(run.lines().subList(0, 3)).allMatch(l -> l.startsWith("tcp://127.0.0.1:" + port + " UP "));
      assertThat(run.lines().get(3))
          .matches("3 attempts: 3 up, 0 down; connect min/avg/max \\d+\\.\\d{3}/\\d+\\.\\d{3}/\\d+\\.\\d{3} ms");
    }
  }

  @Test
  void oneAttemptDownOfThreeExitsOne() throws IOException {
    ServerSocket server = listener();
    int port = server.getLocalPort();
    // Close the listener as soon as the first line is out: attempts 2 and 3 find nothing there.
    StringWriter out = new StringWriter() {
      @Override
      public void flush() {
        super.flush();
        closeQuietly(server);
      }
    };
    Cli.Run run = Cli.run(out, "check", "tcp://127.0.0.1:" + port, "-c", "3", "-i", "100ms");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.lines()).hasSize(4);
    assertThat(run.lines().get(0)).startsWith("tcp://127.0.0.1:" + port + " UP ");
    assertThat(run.lines().get(1)).startsWith("tcp://127.0.0.1:" + port + " DOWN reason=REFUSED ");
    assertThat(run.lines().get(2)).startsWith("tcp://127.0.0.1:" + port + " DOWN reason=REFUSED ");
    assertThat(run.lines().get(3)).matches("3 attempts: 1 up, 2 down; connect min/avg/max (\\d+\\.\\d{3}/){2}\\d+\\.\\d{3} ms");
  }

  @Test
  void noAttemptUpLeavesOutTheConnectStatistics() throws IOException {
    int port = closedPort();
    Cli.Run run = Cli.run("check", "tcp://127.0.0.1:" + port, "--count", "2", "--interval", "100ms");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines()).last().isEqualTo("2 attempts: 0 up, 2 down");
  }

  @Test
  void interruptingASeriesPrintsTheSummaryAndExits130() throws Exception {
    try (ServerSocket server = listener()) {
      CountDownLatch firstLine = new CountDownLatch(1);
      StringWriter out = new StringWriter() {
        @Override
        public void flush() {
          super.flush();
          firstLine.countDown();
        }
      };
      AtomicReference<Cli.Run> result = new AtomicReference<>();
      Thread t = Thread.ofPlatform().start(() ->
          result.set(Cli.run(out, "check", "tcp://127.0.0.1:" + server.getLocalPort(), "-c", "1000", "-i", "10s")));
      assertThat(firstLine.await(10, TimeUnit.SECONDS)).isTrue();
      t.interrupt(); // what Ctrl-C's hook does to a series, minus the JVM exit
      t.join(10_000);
      assertThat(t.isAlive()).as("stopped").isFalse();
      Cli.Run run = result.get();
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(130);
      assertThat(run.lines()).hasSize(2);
      assertThat(run.lines().get(1)).matches("1 of 1000 attempts \\(interrupted\\): 1 up, 0 down; connect .*");
    }
  }

  @Test
  void jsonPrintsOneObjectPerAttemptAndASummary() throws Exception {
    int closed = closedPort();
    try (ServerSocket server = listener()) {
      int port = server.getLocalPort();
      ObjectMapper json = new ObjectMapper();

      Cli.Run up = Cli.run("check", "tcp://127.0.0.1:" + port, "--json", "--count", "2", "--interval", "100ms");
      assertThat(up.exitCode()).as(up.toString()).isZero();
      assertThat(up.lines()).hasSize(3);
      JsonNode first = json.readTree(up.lines().get(0));
      assertThat(fieldNames(first)).containsExactly("type", "target", "attempt", "status", "warning", "reason",
          "message", "address", "response-us", "phases-us", "details");
      assertThat(first.get("details").isObject()).isTrue();
      assertThat(first.get("phases-us").get("tls").isNull()).isTrue();
      assertThat(first.get("type").asText()).isEqualTo("attempt");
      assertThat(first.get("target").asText()).isEqualTo("tcp://127.0.0.1:" + port);
      assertThat(first.get("attempt").asInt()).isEqualTo(1);
      assertThat(first.get("status").asText()).isEqualTo("UP");
      assertThat(first.get("reason").isNull()).isTrue();
      assertThat(first.get("address").asText()).isEqualTo("127.0.0.1:" + port);
      assertThat(first.get("phases-us").get("dns").isNull()).isTrue();
      assertThat(first.get("phases-us").get("connect").asLong()).isEqualTo(first.get("response-us").asLong()).isPositive();
      assertThat(json.readTree(up.lines().get(1)).get("attempt").asInt()).isEqualTo(2);
      JsonNode summary = json.readTree(up.lines().get(2));
      assertThat(summary.get("type").asText()).isEqualTo("summary");
      assertThat(summary.get("attempts").asInt()).isEqualTo(2);
      assertThat(summary.get("up").asInt()).isEqualTo(2);
      assertThat(summary.get("down").asInt()).isZero();
      assertThat(summary.get("interrupted").asBoolean()).isFalse();
      assertThat(summary.get("connect-us").get("min").asLong()).isPositive();

      Cli.Run down = Cli.run("check", "tcp://127.0.0.1:" + closed, "--json");
      assertThat(down.exitCode()).isEqualTo(1);
      assertThat(down.lines()).hasSize(1);
      JsonNode d = json.readTree(down.out());
      assertThat(d.get("status").asText()).isEqualTo("DOWN");
      assertThat(d.get("reason").asText()).isEqualTo("REFUSED");
      assertThat(d.get("message").asText()).isEqualTo("connection refused by 127.0.0.1:" + closed);
    }
  }

  @Test
  void messagesAreQuotedSoTheLineStaysParseable() {
    var target = new io.pingbase.check.Target.Tcp("db", 5432);
    var r = io.pingbase.check.CheckResult.down(io.pingbase.check.FailureReason.ERROR, "odd \"text\"\nhere\\",
        1500, io.pingbase.check.Phases.tcp(1200, 300), null);
    assertThat(CheckReport.line(target, r)).isEqualTo(
        "tcp://db:5432 DOWN reason=ERROR dns=1.200ms connect=0.300ms address=- message=\"odd \\\"text\\\"\\nhere\\\\\"");
  }

  @Test
  void helpListsOptionsAndExitCodes() {
    Cli.Run run = Cli.run("check", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: pingbase check", "--timeout=DURATION", "--count=N", "--interval=DURATION",
        "--json", "Exit codes:", "130");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing a listener does not fail in a way that matters here
    }
  }
}
