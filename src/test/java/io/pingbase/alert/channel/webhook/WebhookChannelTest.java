package io.pingbase.alert.channel.webhook;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpPost http = HttpPost.create(new SettableClock(Instant.parse("2026-11-25T02:00:00Z")));
  private final HttpReceiver receiver = newReceiver();

  static Notification down() {
    return new Notification("ev-1", "inc-1", Notification.Kind.DOWN, "db", "Postgres \"primary\"", "tcp://db:5432",
        MonitorState.UP, MonitorState.DOWN, FailureReason.REFUSED, "connection refused by 10.0.0.5:5432\nafter 3 tries",
        412, Instant.parse("2026-11-25T02:00:00Z"), null);
  }

  static Notification recovered() {
    return new Notification("ev-2", "inc-1", Notification.Kind.RECOVERED, "db", "Postgres primary", "tcp://db:5432",
        MonitorState.DOWN, MonitorState.UP, null, null, 1250, Instant.parse("2026-11-25T02:05:03Z"),
        Duration.ofSeconds(303));
  }

  private static HttpReceiver newReceiver() {
    try {
      return new HttpReceiver();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  @Test
  void postsTheV1PayloadWithEventIdAndCustomHeaders() throws Exception {
    WebhookChannel channel = new WebhookChannel(new WebhookSettings(receiver.url("/hooks/pingbase"),
        Map.of("Authorization", "Bearer t0ken"), null, null, Duration.ofSeconds(5)), http);
    assertThat(channel.type()).isEqualTo("webhook");
    assertThat(channel.send(down())).isEqualTo(new Delivery.Delivered("HTTP 200"));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/hooks/pingbase");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Authorization")).isEqualTo("Bearer t0ken");
    assertThat(r.header("X-PingBase-Event-Id")).isEqualTo("ev-1");
    assertThat(r.header("X-PingBase-Signature")).isNull();
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"schema":"pingbase.notification/v1","event_id":"ev-1","incident_key":"inc-1","kind":"down",
         "title":"DOWN: Postgres \\"primary\\" (REFUSED)",
         "monitor":{"id":"db","name":"Postgres \\"primary\\"","target":"tcp://db:5432"},
         "from":"up","to":"down","reason":"REFUSED",
         "message":"connection refused by 10.0.0.5:5432\\nafter 3 tries",
         "response_time_ms":0.412,"at":"2026-11-25T02:00:00Z","down_for_seconds":null}
        """));
  }

  @Test
  void aRecoveryCarriesHowLongItWasDown() throws Exception {
    WebhookChannel channel = new WebhookChannel(WebhookSettings.of(receiver.url("/")), http);
    channel.send(recovered());
    JsonNode body = JSON.readTree(receiver.single().body());
    assertThat(body.get("kind").asText()).isEqualTo("recovered");
    assertThat(body.get("down_for_seconds").asLong()).isEqualTo(303);
    assertThat(body.get("reason").isNull()).isTrue();
    assertThat(body.get("response_time_ms").decimalValue()).isEqualByComparingTo("1.25");
  }

  @Test
  void theSignatureIsTheHmacOfTheExactBody() throws Exception {
    WebhookChannel channel = new WebhookChannel(new WebhookSettings(receiver.url("/"), Map.of(), "s3cret", null, null),
        http);
    channel.send(down());
    HttpReceiver.Request r = receiver.single();
    // Verified independently of the channel's own code.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
    assertThat(r.header("X-PingBase-Signature")).isEqualTo(expected);
  }

  @Test
  void aJsonTemplateGetsEscapedValuesAndTheRawPayload() throws Exception {
    String template = """
        {"text": "{{title}} — {{message}}", "down_for": "{{down_for}}", "raw": {{payload}}}""";
    WebhookChannel channel = new WebhookChannel(new WebhookSettings(receiver.url("/"), Map.of(), "k", template, null),
        http);
    channel.send(down());
    HttpReceiver.Request r = receiver.single();
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("text").asText())
        .isEqualTo("DOWN: Postgres \"primary\" (REFUSED) — connection refused by 10.0.0.5:5432\nafter 3 tries");
    assertThat(body.get("down_for").asText()).isEmpty();
    assertThat(body.get("raw").get("schema").asText()).isEqualTo("pingbase.notification/v1");
    assertThat(r.header("X-PingBase-Signature")).isEqualTo("sha256=" + WebhookChannel.hmacSha256Hex("k", r.body()));
  }

  @Test
  void aTextTemplateIsSentAsIs() {
    WebhookChannel channel = new WebhookChannel(new WebhookSettings(receiver.url("/"), Map.of(),
        null, "{{ monitor_name }} is {{to}} after {{down_for}}", null), http);
    channel.send(recovered());
    HttpReceiver.Request r = receiver.single();
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.bodyText()).isEqualTo("Postgres primary is up after 5m 3s");
  }

  @Test
  void settingsAreCheckedWhenLoaded() {
    URI url = URI.create("http://127.0.0.1:9/");
    assertThatThrownBy(() -> new WebhookSettings(url, Map.of(), null, "{{nope}}", null))
        .hasMessageStartingWith("unknown placeholder {{nope}} in body-template; known: schema, event_id");
    assertThatThrownBy(() -> new WebhookSettings(url, Map.of("Host", "x"), null, null, null))
        .hasMessage("header Host is set by PingBase and cannot be configured");
    assertThatThrownBy(() -> WebhookSettings.of(URI.create("ftp://example/")))
        .hasMessageStartingWith("url must be an http or https URL");
    assertThatThrownBy(() -> new WebhookSettings(url, Map.of(), null, null, Duration.ZERO))
        .hasMessageStartingWith("timeout must be positive");
    assertThat(new WebhookSettings(url, Map.of(), "s3cret", null, null).toString()).doesNotContain("s3cret");
  }

  @Test
  void failuresComeBackAsDeliveries() {
    WebhookChannel channel = new WebhookChannel(WebhookSettings.of(receiver.url("/")), http);
    receiver.answer(429, "", Map.of("Retry-After", "7"));
    assertThat(channel.send(down())).isEqualTo(new Delivery.Retry("HTTP 429", Duration.ofSeconds(7)));
    receiver.answer(410, "gone");
    assertThat(channel.send(down())).isEqualTo(new Delivery.Rejected("HTTP 410: gone"));
  }
}
