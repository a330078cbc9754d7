package io.pingbase.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pingbase.testing.HttpReceiver;
import io.pingbase.web.LoopbackListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server is killed (SIGKILL: nothing flushed, no shutdown hook) after a monitor went down but
 * before its alert got through; the restarted server delivers that alert, once.
 */
class AlertCrashTest {
  @TempDir
  Path dir;

  @Test
  void anAlertNotYetDeliveredWhenTheServerIsKilledIsDeliveredOnceAfterTheRestart() throws Exception {
    try (HttpReceiver hook = new HttpReceiver()) {
      hook.answer(503, "receiver down");
      Path file = dir.resolve("pingbase.yml");
      Files.writeString(file, """
          storage: { type: sqlite, path: %s }
          channels:
            - { name: ops, type: webhook, url: "%s" }
          monitors:
            - name: Service
              type: tcp
              host: 127.0.0.1
              port: %d
              interval: 1s
              timeout: 500ms
              confirmation: { rechecks: 0 }
              alerts: { channels: [ops] }
          """.formatted(dir.resolve("pingbase.db"), hook.url("/hook"), LoopbackListener.closedPort()));

      try (ServerProcess first = ServerProcess.start(file)) {
        io.pingbase.testing.Http http = new io.pingbase.testing.Http(first.awaitPort());
        // The DOWN was recorded and a first attempt failed and was recorded: the alert is in the
        // outbox, waiting for its retry.
        await().atMost(Duration.ofSeconds(30)).until(() -> hook.requests().size() >= 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/notifications").json()
            .at("/notifications/0/deliveries/0/attempts").asInt() >= 1);
        first.kill();
      }
      int failedAttempts = hook.requests().size();
      String eventId = hook.requests().get(0).header("X-PingBase-Event-Id");
      hook.answer(200, "ok");

      try (ServerProcess second = ServerProcess.start(file)) {
        second.awaitPort();
        await().atMost(Duration.ofSeconds(30)).until(() -> hook.requests().size() == failedAttempts + 1);
        Thread.sleep(3_000); // more checks, router and sender rounds: nothing else may arrive
        assertThat(hook.requests()).hasSize(failedAttempts + 1);
        assertThat(hook.requests()).extracting(r -> r.header("X-PingBase-Event-Id")).containsOnly(eventId);
        assertThat(hook.requests().getLast().bodyText()).contains("\"kind\":\"down\"");
      }
    }
  }
}
