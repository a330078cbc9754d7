package io.pingbase.alert.channel.opsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpChannelContract;
import io.pingbase.alert.channel.MapFields;
import io.pingbase.monitor.MonitorState;
import io.pingbase.testing.HttpReceiver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsgenieChannelTest extends HttpChannelContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "eb243592-faa2-4ba2-a551q-1afdf565c889";

  @Override
  protected OpsgenieSettings settings() {
    return new OpsgenieSettings(KEY, receiver.url(""), List.of(new OpsgenieSettings.Responder("team", "ops"),
        new OpsgenieSettings.Responder("user", "jane@example.com")), null, null);
  }

  @Override
  protected Channel channel() {
    return new OpsgenieChannel(settings(), http);
  }

  @Override
  protected List<String> secrets() {
    return List.of(KEY);
  }

  @Test
  void aDownCreatesAnAlertAliasedByTheIncident() throws Exception {
    assertThat(channel().type()).isEqualTo("opsgenie");
    receiver.answer(202, "{\"result\":\"Request will be processed\",\"took\":0.302,\"requestId\":\"43a2\"}");
    assertThat(channel().send(notification(Notification.Kind.DOWN))).isEqualTo(new Delivery.Delivered("HTTP 202"));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v2/alerts");
    assertThat(r.query()).isNull();
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Authorization")).isEqualTo("GenieKey " + KEY);
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"message":"DOWN: Postgres primary (REFUSED)","alias":"inc-7",
         "description":"connection refused by 10.0.0.5:5432\\nTarget: tcp://db:5432\\nState: UP → DOWN\\nReason: REFUSED\\nResponse time: 0.412 ms\\nAt: 2026-11-25 02:00:00 UTC",
         "responders":[{"type":"team","name":"ops"},{"type":"user","username":"jane@example.com"}],
         "tags":["pingbase","down","REFUSED"],"entity":"tcp://db:5432","source":"PingBase","priority":"P1",
         "details":{"Monitor":"Postgres primary","Monitor id":"db","Target":"tcp://db:5432","State":"UP → DOWN",
           "Reason":"REFUSED","Response time":"0.412 ms","At":"2026-11-25 02:00:00 UTC","Event id":"ev-down"}}
        """));
  }

  @Test
  void aRecoveryClosesTheAlertByAlias() throws Exception {
    receiver.answer(202, "{\"result\":\"Request will be processed\"}");
    channel().send(notification(Notification.Kind.RECOVERED));
    HttpReceiver.Request r = receiver.single();
    assertThat(r.path()).isEqualTo("/v2/alerts/inc-7/close");
    assertThat(r.query()).isEqualTo("identifierType=alias");
    assertThat(r.header("Authorization")).isEqualTo("GenieKey " + KEY);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("source").asText()).isEqualTo("PingBase");
    assertThat(body.get("note").asText()).startsWith("RECOVERED: Postgres primary\n").contains("Down for: 5m 3s");
    assertThat(body.size()).isEqualTo(2);
  }

  @Test
  void anAliasIsOnePathSegment() {
    Notification odd = new Notification("ev", "db/2026 11+x", Notification.Kind.RECOVERED, "db", "Db", null,
        MonitorState.DOWN, MonitorState.UP, null, null, -1, Instant.EPOCH, null);
    channel().send(odd);
    assertThat(receiver.single().path()).isEqualTo("/v2/alerts/db%2F2026%2011%2Bx/close");
  }

  @Test
  void prioritiesFollowTheKindAndATestHasItsOwnAlias() throws Exception {
    for (Notification.Kind kind : List.of(Notification.Kind.DOWN, Notification.Kind.DEGRADED,
        Notification.Kind.REMINDER, Notification.Kind.TEST)) {
      channel().send(notification(kind));
    }
    List<JsonNode> bodies = receiver.requests().stream().map(OpsgenieChannelTest::read).toList();
    assertThat(bodies.stream().map(b -> b.get("priority").asText()).toList()).containsExactly("P1", "P3", "P1", "P5");
    assertThat(bodies.stream().map(b -> b.get("alias").asText()).toList())
        .containsExactly("inc-7", "inc-8", "inc-7", "ev-test");

    OpsgenieSettings p2 = new OpsgenieSettings(KEY, receiver.url("/"), List.of(), "P2", null);
    new OpsgenieChannel(p2, http).send(notification(Notification.Kind.DOWN));
    new OpsgenieChannel(p2, http).send(notification(Notification.Kind.TEST));
    List<HttpReceiver.Request> all = receiver.requests();
    assertThat(read(all.get(4)).get("priority").asText()).isEqualTo("P2");
    assertThat(read(all.get(4)).has("responders")).isFalse();
    assertThat(read(all.get(5)).get("priority").asText()).isEqualTo("P5");
    assertThat(all.get(5).path()).isEqualTo("/v2/alerts");
  }

  @Test
  void theMessageIsCutAtOpsgeniesLimit() {
    String name = "x".repeat(200);
    channel().send(new Notification("ev", "inc", Notification.Kind.DEGRADED, "db", name, null, MonitorState.UP,
        MonitorState.DEGRADED, null, null, -1, Instant.EPOCH, null));
    assertThat(read(receiver.single()).get("message").asText()).hasSize(130).endsWith("…");
  }

  @Test
  void settingsAreReadAndValidated() {
    OpsgenieSettings s = OpsgenieSettings.read(new MapFields(Map.of("api-key", "k", "api-url",
        "https://api.eu.opsgenie.com", "responders", List.of("team:ops", "schedule: Ops rota"), "priority", "p2")));
    assertThat(s.responders()).containsExactly(new OpsgenieSettings.Responder("team", "ops"),
        new OpsgenieSettings.Responder("schedule", "Ops rota"));
    assertThat(s.priority()).isEqualTo("P2");
    assertThat(OpsgenieSettings.read(new MapFields(Map.of("api-key", "k"))).apiUrl().toString())
        .isEqualTo("https://api.opsgenie.com");
    assertThatThrownBy(() -> OpsgenieSettings.read(new MapFields(Map.of()))).hasMessage("api-key is required");
    assertThatThrownBy(() -> OpsgenieSettings.read(new MapFields(Map.of("api-key", "k", "responders", "ops"))))
        .hasMessageStartingWith("responders: 'ops' must be type:name");
    assertThatThrownBy(() -> OpsgenieSettings.read(new MapFields(Map.of("api-key", "k", "responders", "group:x"))))
        .hasMessageStartingWith("responders: type must be");
    assertThatThrownBy(() -> OpsgenieSettings.read(new MapFields(Map.of("api-key", "k", "priority", "P9"))))
        .hasMessageStartingWith("priority must be P1");
  }

  private static JsonNode read(HttpReceiver.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
