package io.pingbase.alert.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class TelegramChannelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "123456:ABC-def_789";
  private final HttpPost http = HttpPost.create(new SettableClock(Instant.parse("2026-11-25T02:00:00Z")));
  private HttpReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = new HttpReceiver().answer(200, "{\"ok\":true,\"result\":{\"message_id\":1}}");
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  private TelegramChannel channel(TelegramSettings.ParseMode mode) {
    return new TelegramChannel(new TelegramSettings(TOKEN, "-100123", mode, receiver.url("/"), Duration.ofSeconds(5)),
        http);
  }

  private static Notification down() {
    return new Notification("ev-1", "inc-1", Notification.Kind.DOWN, "db", "Postgres <primary>", "tcp://db:5432",
        MonitorState.UP, MonitorState.DOWN, FailureReason.REFUSED, "refused by 10.0.0.5", 412,
        Instant.parse("2026-11-25T02:00:00Z"), null);
  }

  @Test
  void sendMessageInHtml() throws Exception {
    TelegramChannel channel = channel(TelegramSettings.ParseMode.HTML);
    assertThat(channel.type()).isEqualTo("telegram");
    assertThat(channel.send(down())).isEqualTo(new Delivery.Delivered("HTTP 200"));
    HttpReceiver.Request r = receiver.single();
    assertThat(r.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"chat_id":"-100123",
         "text":"<b>DOWN: Postgres &lt;primary&gt; (REFUSED)</b>\\nTarget: <code>tcp://db:5432</code>\\nrefused by 10.0.0.5\\nResponse time: 0.412 ms\\nAt: 2026-11-25 02:00:00 UTC",
         "parse_mode":"HTML","link_preview_options":{"is_disabled":true}}
        """));
  }

  @Test
  void markdownV2IsEscapedAndNoneSendsPlainText() throws Exception {
    channel(TelegramSettings.ParseMode.MARKDOWN_V2).send(down());
    channel(TelegramSettings.ParseMode.NONE).send(down());
    var md = JSON.readTree(receiver.requests().get(0).body());
    var plain = JSON.readTree(receiver.requests().get(1).body());
    assertThat(md.get("parse_mode").asText()).isEqualTo("MarkdownV2");
    assertThat(md.get("text").asText()).startsWith("*DOWN: Postgres <primary\\> \\(REFUSED\\)*\nTarget: `tcp://db:5432`")
        .contains("refused by 10\\.0\\.0\\.5");
    assertThat(plain.has("parse_mode")).isFalse();
    assertThat(plain.get("text").asText()).startsWith("DOWN: Postgres <primary> (REFUSED)\nTarget: tcp://db:5432");
  }

  @Test
  void tooManyRequestsUsesTelegramsRetryAfterAndNeverShowsTheToken() {
    receiver.answer(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\","
        + "\"parameters\":{\"retry_after\":5}}");
    Delivery d = channel(TelegramSettings.ParseMode.HTML).send(down());
    assertThat(d).isInstanceOf(Delivery.Retry.class);
    assertThat(((Delivery.Retry) d).retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.summary()).doesNotContain(TOKEN);
    receiver.answer(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
    assertThat(channel(TelegramSettings.ParseMode.HTML).send(down())).isInstanceOf(Delivery.Rejected.class)
        .extracting(Delivery::summary).asString().doesNotContain(TOKEN);
  }

  @Test
  void settings() {
    TelegramSettings s = new TelegramSettings(TOKEN, "@alerts", null, null, null);
    assertThat(s.baseUrl()).hasToString("https://api.telegram.org");
    assertThat(s.parseMode()).isEqualTo(TelegramSettings.ParseMode.HTML);
    assertThat(s.toString()).doesNotContain(TOKEN);
    assertThatThrownBy(() -> new TelegramSettings("nope", "1", null, null, null))
        .hasMessageStartingWith("bot-token must look like");
    assertThatThrownBy(() -> new TelegramSettings(TOKEN, " ", null, null, null)).hasMessage("chat-id must not be blank");
  }
}
