package io.pingbase.alert.channel.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import io.pingbase.testing.HttpReceiver;
import io.pingbase.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagerDutyChannelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
  private final HttpPost http = HttpPost.create(new SettableClock(Instant.parse("2026-11-25T02:00:00Z")));
  private HttpReceiver receiver;
  private PagerDutyChannel channel;

  @BeforeEach
  void start() throws Exception {
    // What PagerDuty answers to an accepted event.
    receiver = new HttpReceiver().answer(202,
        "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"inc-7\"}");
    channel = new PagerDutyChannel(new PagerDutySettings(KEY, receiver.url("/v2/enqueue"), Duration.ofSeconds(5)),
        http);
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  private static Notification of(Notification.Kind kind, MonitorState from, MonitorState to, FailureReason reason,
      String message) {
    return new Notification("ev-" + kind.wire(), "inc-7", kind, "db", "Postgres primary", "tcp://db:5432", from, to,
        reason, message, 412, Instant.parse("2026-11-25T02:00:00Z"), null);
  }

  @Test
  void downTriggersACriticalAlertKeyedByTheIncident() throws Exception {
    assertThat(channel.type()).isEqualTo("pagerduty");
    Delivery d = channel.send(of(Notification.Kind.DOWN, MonitorState.UP, MonitorState.DOWN, FailureReason.TIMEOUT,
        "no answer within 5 s"));
    assertThat(d).isEqualTo(new Delivery.Delivered("HTTP 202"));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v2/enqueue");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"routing_key":"R0UT1NGKEY0123456789abcdefABCDEF","event_action":"trigger","dedup_key":"inc-7",
         "payload":{"summary":"DOWN: Postgres primary (TIMEOUT) — no answer within 5 s",
           "source":"tcp://db:5432","severity":"critical","timestamp":"2026-11-25T02:00:00Z",
           "component":"Postgres primary","class":"TIMEOUT",
           "custom_details":{"monitor_id":"db","monitor_name":"Postgres primary","target":"tcp://db:5432",
             "from":"UP","to":"DOWN","reason":"TIMEOUT","message":"no answer within 5 s",
             "response_time_ms":0.412,"event_id":"ev-down"}},
         "client":"PingBase"}
        """));
  }

  @Test
  void degradedIsAWarningAndRecoveryResolvesTheSameKey() throws Exception {
    channel.send(of(Notification.Kind.DEGRADED, MonitorState.UP, MonitorState.DEGRADED, null, "1250 ms > 1000 ms"));
    channel.send(of(Notification.Kind.RECOVERED, MonitorState.DEGRADED, MonitorState.UP, null, null));
    JsonNode trigger = JSON.readTree(receiver.requests().get(0).body());
    JsonNode resolve = JSON.readTree(receiver.requests().get(1).body());
    assertThat(trigger.at("/event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.at("/payload/severity").asText()).isEqualTo("warning");
    assertThat(trigger.at("/payload/class").isMissingNode()).isTrue();
    assertThat(resolve).isEqualTo(JSON.readTree("""
        {"routing_key":"R0UT1NGKEY0123456789abcdefABCDEF","event_action":"resolve","dedup_key":"inc-7"}"""));
  }

  @Test
  void requiredFieldsOfATriggerAreAlwaysThere() throws Exception {
    // No target, reason or message: summary, source and severity are still present.
    Notification bare = new Notification("ev-t", "inc-t", Notification.Kind.TEST, "db", "DB", null, null,
        MonitorState.UP, null, null, -1, Instant.parse("2026-11-25T02:00:00Z"), null);
    channel.send(bare);
    JsonNode p = JSON.readTree(receiver.single().body()).get("payload");
    assertThat(p.get("summary").asText()).isEqualTo("Test notification from PingBase");
    assertThat(p.get("source").asText()).isEqualTo("db");
    assertThat(p.get("severity").asText()).isEqualTo("info");
    assertThat(p.at("/custom_details/response_time_ms").isNull()).isTrue();
  }

  @Test
  void pagerDutyErrorsAreClassified() {
    receiver.answer(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}");
    assertThat(channel.send(of(Notification.Kind.DOWN, MonitorState.UP, MonitorState.DOWN, null, null)))
        .isInstanceOf(Delivery.Rejected.class).extracting(Delivery::summary).asString().startsWith("HTTP 400: {");
    receiver.answer(429, "");
    assertThat(channel.send(of(Notification.Kind.DOWN, MonitorState.UP, MonitorState.DOWN, null, null)))
        .isEqualTo(new Delivery.Retry("HTTP 429", null));
  }

  @Test
  void settings() {
    // The default endpoint is only read here, never contacted by a test.
    PagerDutySettings s = PagerDutySettings.of(KEY);
    assertThat(s.eventsUrl()).hasToString("https://events.pagerduty.com/v2/enqueue");
    assertThat(s.toString()).doesNotContain(KEY);
    assertThatThrownBy(() -> PagerDutySettings.of(" ")).hasMessage("routing-key must not be blank");
  }
}
