package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.testing.HttpReceiver;
import io.pingbase.web.LoopbackListener;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels and the delivery log through the real server's REST API. */
class AlertApiTest {
  private static final String SECRET = "s3cr3t-hmac-key-that-must-never-leak";

  @TempDir
  Path dir;

  private TestServer start(HttpReceiver hook, String monitors) {
    return TestServer.start(dir, """
        channels:
          - name: ops
            type: webhook
            url: %s
            secret: %s
            on: [down, recovered]
        """.formatted(hook.url("/ops"), SECRET) + monitors, InstantSource.system());
  }

  @Test
  void channelsAreListedWithTheirSourceAndWithoutTheirSecrets() throws Exception {
    try (HttpReceiver hook = new HttpReceiver(); TestServer server = start(hook, "")) {
      Response list = server.get("/api/v1/channels");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).doesNotContain(SECRET);
      JsonNode ops = list.json().at("/channels/0");
      assertThat(ops.path("name").asText()).isEqualTo("ops");
      assertThat(ops.path("type").asText()).isEqualTo("webhook");
      assertThat(ops.path("source").asText()).isEqualTo("file");
      assertThat(ops.path("url").asText()).isEqualTo(hook.url("/ops").toString());
      assertThat(ops.has("secret")).isFalse();
      assertThat(ops.path("secrets-set").toString()).isEqualTo("[\"secret\"]");
      assertThat(ops.path("on").toString()).isEqualTo("[\"down\",\"recovered\"]");
      assertThat(server.get("/api/v1/channels/ops").json()).isEqualTo(ops);
      assertThat(server.get("/api/v1/channels/nope").status()).isEqualTo(404);
    }
  }

  @Test
  void anApiChannelIsCreatedKeptAcrossRestartsUpdatedWithoutResendingItsSecretAndDeleted() throws Exception {
    try (HttpReceiver hook = new HttpReceiver(); HttpReceiver slack = new HttpReceiver()) {
      TestServer server = start(hook, "");
      try {
        Response created = server.post("/api/v1/channels", """
            { "name": "team-slack", "type": "slack", "webhook-url": "%s" }""".formatted(slack.url("/services/T/B/X")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/channels/team-slack");
        assertThat(created.body()).doesNotContain("/services/T/B/X");
        assertThat(created.json().path("source").asText()).isEqualTo("api");
        assertThat(created.json().path("secrets-set").toString()).isEqualTo("[\"webhook-url\"]");

        server = server.restart();
        Response update = server.put("/api/v1/channels/team-slack", """
            { "type": "slack", "timeout": "3s", "on": ["down"] }""");
        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        assertThat(update.json().path("timeout").asText()).isEqualTo("3s");

        Response test = server.post("/api/v1/channels/team-slack/test", "");
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.json().path("status").asText()).isEqualTo("delivered");
        assertThat(slack.single().path()).as("the secret URL was kept").isEqualTo("/services/T/B/X");

        assertThat(server.post("/api/v1/monitors", """
            { "name": "Uses it", "type": "tcp", "host": "127.0.0.1", "port": 1, "alerts": { "channels": ["team-slack"] } }
            """).status()).isEqualTo(201);
        Response refused = server.delete("/api/v1/channels/team-slack");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").asText()).contains("monitor 'uses-it'");
        assertThat(server.delete("/api/v1/monitors/uses-it").status()).isEqualTo(204);
        assertThat(server.delete("/api/v1/channels/team-slack").status()).isEqualTo(204);
        assertThat(server.get("/api/v1/channels/team-slack").status()).isEqualTo(404);
        server = server.restart();
        assertThat(server.get("/api/v1/channels/team-slack").status()).isEqualTo(404);
      } finally {
        server.close();
      }
    }
  }

  @Test
  void badChannelsAreRefusedWithTheFieldAndFileChannelsAreReadOnly() throws Exception {
    try (HttpReceiver hook = new HttpReceiver(); TestServer server = start(hook, "")) {
      Response typo = server.post("/api/v1/channels", "{ \"name\": \"x\", \"type\": \"slak\" }");
      assertThat(typo.status()).isEqualTo(400);
      assertThat(typo.json().at("/errors/0/field").asText()).isEqualTo("type");
      assertThat(typo.json().at("/errors/0/message").asText()).contains("did you mean \"slack\"");

      Response missing = server.post("/api/v1/channels", "{ \"name\": \"x\", \"type\": \"webhook\" }");
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.json().at("/errors/0/message").asText()).isEqualTo("url is required");

      Response badUrl = server.post("/api/v1/channels",
          "{ \"name\": \"x\", \"type\": \"webhook\", \"url\": \"ftp://example/hook?token=abc\" }");
      assertThat(badUrl.status()).isEqualTo(400);
      assertThat(badUrl.json().at("/errors/0/field").asText()).isEqualTo("url");
      assertThat(badUrl.body()).as("URLs may hold tokens: not echoed").doesNotContain("token=abc");

      Response clash = server.post("/api/v1/channels",
          "{ \"name\": \"ops\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:1/\" }");
      assertThat(clash.status()).isEqualTo(409);
      assertThat(server.put("/api/v1/channels/ops", "{ \"type\": \"webhook\", \"url\": \"http://127.0.0.1:1/\" }")
          .status()).isEqualTo(409);
      assertThat(server.delete("/api/v1/channels/ops").status()).isEqualTo(409);

      Response monitor = server.post("/api/v1/monitors", """
          { "name": "M", "type": "tcp", "host": "127.0.0.1", "port": 1, "alerts": { "channels": ["opz"] } }""");
      assertThat(monitor.status()).isEqualTo(400);
      assertThat(monitor.json().at("/errors/0/field").asText()).isEqualTo("alerts.channels");
      assertThat(monitor.json().at("/errors/0/message").asText()).contains("did you mean \"ops\"");
    }
  }

  /** An update keeps a secret it leaves out, and removes one it sends as null (a webhook then goes unsigned). */
  @Test
  void anUpdateKeepsASecretLeftOutAndRemovesOneSentAsNull() throws Exception {
    try (HttpReceiver hook = new HttpReceiver(); TestServer server = start(hook, "")) {
      String url = hook.url("/signed").toString();
      assertThat(server.post("/api/v1/channels", """
          { "name": "signed", "type": "webhook", "url": "%s", "secret": "%s" }""".formatted(url, SECRET)).status())
          .isEqualTo(201);
      Response kept = server.put("/api/v1/channels/signed", """
          { "type": "webhook", "url": "%s", "timeout": "3s" }""".formatted(url));
      assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
      assertThat(kept.json().path("secrets-set").toString()).isEqualTo("[\"secret\"]");
      assertThat(server.post("/api/v1/channels/signed/test", "").json().path("status").asText()).isEqualTo("delivered");
      assertThat(hook.single().header("X-PingBase-Signature")).as("the kept secret still signs").startsWith("sha256=");

      Response removed = server.put("/api/v1/channels/signed", """
          { "type": "webhook", "url": "%s", "secret": null }""".formatted(url));
      assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
      assertThat(removed.json().path("secrets-set").toString()).isEqualTo("[]");
      assertThat(server.get("/api/v1/channels/signed").json().path("secrets-set").toString()).isEqualTo("[]");
      assertThat(server.post("/api/v1/channels/signed/test", "").json().path("status").asText()).isEqualTo("delivered");
      assertThat(hook.requests().getLast().header("X-PingBase-Signature")).as("no secret: unsigned").isNull();
    }
  }

  @Test
  void aTestNotificationSaysWhatTheReceiverAnswered() throws Exception {
    try (HttpReceiver hook = new HttpReceiver(); TestServer server = start(hook, "")) {
      Response ok = server.post("/api/v1/channels/ops/test", "");
      assertThat(ok.json().path("status").asText()).isEqualTo("delivered");
      assertThat(ok.json().path("summary").asText()).isEqualTo("HTTP 200");
      assertThat(hook.single().bodyText()).contains("\"kind\":\"test\"");
      assertThat(hook.single().header("X-PingBase-Signature")).startsWith("sha256=");

      hook.answer(500, "boom");
      Response failed = server.post("/api/v1/channels/ops/test", "");
      assertThat(failed.json().path("status").asText()).isEqualTo("failed");
      assertThat(failed.json().path("summary").asText()).isEqualTo("HTTP 500: boom");
      assertThat(server.post("/api/v1/channels/nope/test", "").status()).isEqualTo(404);

      JsonNode log = server.get("/api/v1/notifications").json();
      assertThat(log.path("count").asInt()).isEqualTo(2);
      assertThat(log.at("/notifications/0/deliveries/0/status").asText()).isEqualTo("failed");
      assertThat(log.at("/notifications/1/deliveries/0/status").asText()).isEqualTo("delivered");
    }
  }

  @Test
  void theDeliveryLogShowsEachNotificationWithItsAttempts() throws Exception {
    try (HttpReceiver hook = new HttpReceiver()) {
      int closed = LoopbackListener.closedPort();
      try (TestServer server = start(hook, """
          monitors:
            - { id: db, name: DB, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, alerts: { channels: [ops] } }
          """.formatted(closed))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.requests().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(
            server.get("/api/v1/notifications?monitor=db").json().at("/notifications/0/deliveries/0/status").asText()));
        JsonNode n = server.get("/api/v1/notifications?monitor=db&limit=1").json().at("/notifications/0");
        assertThat(n.path("kind").asText()).isEqualTo("down");
        assertThat(n.path("reason").asText()).isEqualTo("REFUSED");
        assertThat(n.at("/monitor/id").asText()).isEqualTo("db");
        assertThat(n.at("/deliveries/0/channel").asText()).isEqualTo("ops");
        assertThat(n.at("/deliveries/0/attempts").asInt()).isEqualTo(1);
        assertThat(n.at("/deliveries/0/log/0/outcome").asText()).isEqualTo("delivered");
        assertThat(n.at("/deliveries/0/log/0/summary").asText()).isEqualTo("HTTP 200");
        assertThat(server.get("/api/v1/notifications/" + n.path("id").asLong()).json()).isEqualTo(n);
        assertThat(server.get("/api/v1/notifications/999999").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/notifications/abc").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/notifications?limit=0").status()).isEqualTo(400);
      }
    }
  }
}
