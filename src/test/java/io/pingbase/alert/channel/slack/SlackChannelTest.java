package io.pingbase.alert.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import io.pingbase.testing.HttpReceiver;
import io.pingbase.testing.SettableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackChannelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpPost http = HttpPost.create(new SettableClock(Instant.parse("2026-11-25T02:00:00Z")));
  private HttpReceiver receiver;
  private SlackChannel channel;

  @BeforeEach
  void start() throws Exception {
    receiver = new HttpReceiver();
    channel = new SlackChannel(SlackSettings.of(receiver.url("/services/T000/B000/XXXX")), http);
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  private static Notification of(Notification.Kind kind, MonitorState from, MonitorState to, FailureReason reason,
      String message, Duration downFor) {
    return new Notification("ev-1", "inc-1", kind, "db", "Postgres primary", "tcp://db:5432", from, to, reason,
        message, 412, Instant.parse("2026-11-25T02:00:00Z"), downFor);
  }

  @Test
  void aDownPostIsRedWithHeaderFactsMessageAndContext() throws Exception {
    assertThat(channel.type()).isEqualTo("slack");
    Delivery d = channel.send(of(Notification.Kind.DOWN, MonitorState.UP, MonitorState.DOWN, FailureReason.REFUSED,
        "connection refused by <10.0.0.5:5432> & co", null));
    assertThat(d).isEqualTo(new Delivery.Delivered("HTTP 200"));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/services/T000/B000/XXXX");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"text":"DOWN: Postgres primary (REFUSED)",
         "attachments":[{"color":"#E01E5A","blocks":[
           {"type":"header","text":{"type":"plain_text","text":"DOWN: Postgres primary (REFUSED)"}},
           {"type":"section","fields":[
             {"type":"mrkdwn","text":"*Target*\\n`tcp://db:5432`"},
             {"type":"mrkdwn","text":"*State*\\nUP → DOWN"},
             {"type":"mrkdwn","text":"*Reason*\\nREFUSED"},
             {"type":"mrkdwn","text":"*Response time*\\n0.412 ms"}]},
           {"type":"section","text":{"type":"mrkdwn","text":"connection refused by &lt;10.0.0.5:5432&gt; &amp; co"}},
           {"type":"context","elements":[{"type":"mrkdwn",
             "text":"PingBase · monitor `db` · 2026-11-25 02:00:00 UTC · event ev-1"}]}]}]}
        """));
  }

  @Test
  void coloursFollowTheState() throws Exception {
    channel.send(of(Notification.Kind.DEGRADED, MonitorState.UP, MonitorState.DEGRADED, null, null, null));
    channel.send(of(Notification.Kind.RECOVERED, MonitorState.DOWN, MonitorState.UP, null, null,
        Duration.ofSeconds(303)));
    JsonNode degraded = JSON.readTree(receiver.requests().get(0).body());
    JsonNode recovered = JSON.readTree(receiver.requests().get(1).body());
    assertThat(degraded.at("/attachments/0/color").asText()).isEqualTo("#ECB22E");
    assertThat(recovered.at("/attachments/0/color").asText()).isEqualTo("#2EB67D");
    assertThat(recovered.at("/text").asText()).isEqualTo("RECOVERED: Postgres primary");
    assertThat(recovered.at("/attachments/0/blocks/1/fields").toString()).contains("*Down for*\\n5m 3s");
  }

  @Test
  void slackErrorsAreClassified() {
    receiver.answer(404, "no_service");
    assertThat(channel.send(of(Notification.Kind.TEST, null, MonitorState.UP, null, null, null)))
        .isEqualTo(new Delivery.Rejected("HTTP 404: no_service"));
    receiver.answer(429, "rate_limited", java.util.Map.of("Retry-After", "1"));
    assertThat(channel.send(of(Notification.Kind.TEST, null, MonitorState.UP, null, null, null)))
        .isEqualTo(new Delivery.Retry("HTTP 429: rate_limited", Duration.ofSeconds(1)));
  }

  @Test
  void theWebhookUrlIsNotShown() {
    assertThat(SlackSettings.of(URI.create("https://hooks.slack.com/services/T1/B2/secret")).toString())
        .doesNotContain("secret").contains("hooks.slack.com");
  }
}
