package io.pingbase.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.config.ConfigLoader;
import io.pingbase.config.LoadedConfig;
import io.pingbase.testing.HttpReceiver;
import io.pingbase.testing.LoopbackListener;
import io.pingbase.testing.PostgresSchema;
import io.pingbase.testing.Services;
import io.pingbase.testing.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerting through the whole server: a real TCP listener that stops and starts again, the
 * engine's confirmation, the result writer's outbox entry, the router and the sender, and a real
 * webhook receiver on loopback.
 */
class AlertingServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** interval 1 s + timeout 500 ms + 2 re-checks x (500 ms + 200 ms spacing), as the issue states the bound. */
  private static final Duration DETECTION = Duration.ofMillis(1_000 + 500 + 2 * 700);
  private static final Duration SLACK = Duration.ofSeconds(2);

  @TempDir
  Path dir;

  static String config(String storage, int servicePort, java.net.URI hook) {
    return """
        server: { bind: 127.0.0.1, port: 0 }
        %s
        channels:
          - name: ops
            type: webhook
            url: %s
        monitors:
          - name: Local service
            type: tcp
            host: 127.0.0.1
            port: %d
            interval: 1s
            timeout: 500ms
            confirmation: { rechecks: 2, spacing: 200ms }
            alerts: { channels: [ops] }
        """.formatted(storage, hook, servicePort);
  }

  @Test
  void aListenerThatStopsGivesExactlyOneDownInTimeAndOneRecoveredWhenItReturns() throws Exception {
    try (LoopbackListener service = new LoopbackListener(); HttpReceiver hook = new HttpReceiver()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, config("storage: { type: sqlite, path: " + dir.resolve("p.db") + " }",
          service.port(), hook.url("/hook")));
      try (PingBase server = start(file)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state(server).equals("UP"));

        service.stop();
        long stopped = System.nanoTime();
        await().atMost(DETECTION.plus(SLACK).plusSeconds(10)).pollInterval(Duration.ofMillis(20))
            .until(() -> hook.requests().size() == 1);
        Duration toAlert = Duration.ofNanos(System.nanoTime() - stopped);
        assertThat(toAlert).as("outage to delivered alert").isLessThan(DETECTION.plus(SLACK));
        JsonNode down = json(hook.requests().get(0));
        assertThat(down.path("kind").asText()).isEqualTo("down");
        assertThat(down.path("reason").asText()).isEqualTo("REFUSED");
        assertThat(down.path("message").asText()).contains("connection refused by 127.0.0.1:" + service.port());

        service.start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
            .until(() -> hook.requests().size() == 2);
        JsonNode up = json(hook.requests().get(1));
        assertThat(up.path("kind").asText()).isEqualTo("recovered");
        assertThat(up.path("incident_key").asText()).isEqualTo(down.path("incident_key").asText());
        Thread.sleep(3_000); // several more checks, router and sender rounds: nothing repeated may arrive
        // Exactly one DOWN and one RECOVERED for this outage, and no event twice. (On a machine loaded
        // enough that a loopback connect exceeds the 500 ms timeout three times running, the
        // monitor may really go down again: that is a new incident, not a repeat.)
        assertThat(hook.requests()).extracting(r -> r.header("X-PingBase-Event-Id")).doesNotHaveDuplicates();
        assertThat(hook.requests().stream().map(AlertingServerTest::json)
            .filter(n -> n.path("incident_key").asText().equals(down.path("incident_key").asText()))
            .map(n -> n.path("kind").asText()).toList()).containsExactly("down", "recovered");
      }
    }
  }

  @Test
  void aStateChangeMadeWhileTheDatabaseIsAwayIsAlertedOnceItReturns() throws Exception {
    Services.POSTGRESQL.require();
    try (PostgresSchema schema = PostgresSchema.create();
        TcpProxy proxy = TcpProxy.start(Services.HOST, Services.POSTGRESQL.port());
        LoopbackListener service = new LoopbackListener(); HttpReceiver hook = new HttpReceiver()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, config("storage: { type: postgresql, url: \"" + schema.url(proxy.port())
          + "\", username: " + PostgresSchema.USER + ", pool-size: 2 }", service.port(), hook.url("/hook")));
      try (PingBase server = start(file)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state(server).equals("UP"));
        proxy.cut();
        service.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> state(server).equals("DOWN"));
        Thread.sleep(2_000);
        assertThat(hook.requests()).as("not recorded yet, so not sent yet").isEmpty();

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> hook.requests().size() == 1);
        assertThat(json(hook.requests().get(0)).path("kind").asText()).isEqualTo("down");
        Thread.sleep(2_000);
        assertThat(hook.requests()).hasSize(1);
      } finally {
        proxy.restore();
      }
    }
  }

  @Test
  void aLateHeartbeatIsAlertedWithItsReasonAndItsNextPingRecoversIt() throws Exception {
    try (HttpReceiver hook = new HttpReceiver()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, """
          server: { bind: 127.0.0.1, port: 0 }
          storage: { type: sqlite, path: %s }
          channels:
            - { name: ops, type: webhook, url: "%s", default: true }
          monitors:
            - { id: backup, name: Nightly backup, type: heartbeat, period: 2s, grace: 1s, interval: 1s,
                token: backup-token-0123456789abcdef }
          """.formatted(dir.resolve("p.db"), hook.url("/hook")));
      try (PingBase server = start(file)) {
        io.pingbase.testing.Http http = new io.pingbase.testing.Http(server.port());
        assertThat(http.get("/ping/backup-token-0123456789abcdef").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.requests().size() == 1);
        JsonNode late = json(hook.requests().get(0));
        assertThat(late.path("kind").asText()).isEqualTo("down");
        assertThat(late.path("reason").asText()).isEqualTo("LATE");
        assertThat(late.path("monitor").path("name").asText()).isEqualTo("Nightly backup");

        assertThat(http.get("/ping/backup-token-0123456789abcdef").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.requests().size() == 2);
        assertThat(json(hook.requests().get(1)).path("kind").asText()).isEqualTo("recovered");
      }
    }
  }

  @Test
  void aDownOfAGroupThatDependsOnADownGroupIsFoldedIntoTheRootCause() throws Exception {
    try (LoopbackListener postgres = new LoopbackListener(); LoopbackListener shop = new LoopbackListener();
        HttpReceiver hook = new HttpReceiver()) {
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, """
          server: { bind: 127.0.0.1, port: 0 }
          storage: { type: sqlite, path: %s }
          channels:
            - { name: ops, type: webhook, url: "%s", default: true }
          groups:
            - { name: Shop, depends-on: [Infrastructure] }
          defaults: { interval: 1s, timeout: 1s, confirmation: { rechecks: 1, spacing: 200ms } }
          monitors:
            - { id: postgres, name: Postgres, type: tcp, host: 127.0.0.1, port: %d, group: Infrastructure }
            - { id: checkout, name: Checkout, type: tcp, host: 127.0.0.1, port: %d, group: Shop }
          """.formatted(dir.resolve("p.db"), hook.url("/hook"), postgres.port(), shop.port()));
      try (PingBase server = start(file)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> server.registry().list().stream()
            .allMatch(l -> l.status().state().name().equals("UP")));
        postgres.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> kinds(hook, "postgres").contains("down"));
        shop.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> server.registry().get("checkout").orElseThrow()
            .status().state().name().equals("DOWN"));
        await().atMost(Duration.ofSeconds(20)).until(() -> server.alerting().outbox().log("checkout", 5).stream()
            .anyMatch(n -> n.notification().kind().name().equals("DOWN")));
        Thread.sleep(1_000); // router and sender rounds: the folded DOWN must not be sent
        assertThat(kinds(hook, "postgres")).endsWith("down");
        assertThat(kinds(hook, "checkout")).as("folded, not sent").doesNotContain("down");
        var folded = server.alerting().outbox().log("checkout", 5).get(0).deliveries().get(0);
        assertThat(folded.status().name()).isEqualTo("SUPPRESSED");
        assertThat(folded.summary()).isEqualTo("folded into the root cause: Postgres is down (group Infrastructure)");
      }
    }
  }

  static PingBase start(Path file) throws Exception {
    LoadedConfig loaded = ConfigLoader.withSystemEnvironment().loadWithHash(file);
    return PingBase.start(loaded, file, new PingBase.Overrides(null, null, null, io.pingbase.testing.TestAccounts.OWNER), InstantSource.system());
  }

  private static String state(PingBase server) {
    return server.registry().get("local-service").map(l -> l.status().state().name()).orElse("?");
  }

  static JsonNode json(HttpReceiver.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kinds of the messages about one monitor, in arrival order. */
  static List<String> kinds(HttpReceiver hook, String monitorId) {
    return hook.requests().stream().map(AlertingServerTest::json)
        .filter(n -> n.at("/monitor/id").asText().equals(monitorId)).map(n -> n.path("kind").asText()).toList();
  }

  static List<String> kinds(HttpReceiver hook) {
    return hook.requests().stream().map(r -> json(r).path("kind").asText()).toList();
  }
}
