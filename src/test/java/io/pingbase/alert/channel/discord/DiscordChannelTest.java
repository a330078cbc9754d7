package io.pingbase.alert.channel.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.HttpChannelContract;
import io.pingbase.alert.channel.MapFields;
import io.pingbase.testing.HttpReceiver;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordChannelTest extends HttpChannelContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/api/webhooks/1234/s3cr3t-webhook-token";

  @Override
  protected DiscordSettings settings() {
    return DiscordSettings.of(receiver.url(PATH));
  }

  @Override
  protected Channel channel() {
    return new DiscordChannel(settings(), http);
  }

  @Override
  protected List<String> secrets() {
    return List.of("s3cr3t-webhook-token");
  }

  @Test
  void aDownIsOneRedEmbedWithTheFacts() throws Exception {
    assertThat(channel().type()).isEqualTo("discord");
    receiver.answer(204, "");
    channel().send(notification(Notification.Kind.DOWN));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo(PATH);
    assertThat(r.query()).isNull();
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"username":"PingBase","allowed_mentions":{"parse":[]},
         "embeds":[{"title":"DOWN: Postgres primary (REFUSED)",
           "description":"connection refused by 10.0.0.5:5432",
           "color":15548997,
           "fields":[
             {"name":"Target","value":"tcp://db:5432","inline":true},
             {"name":"State","value":"UP → DOWN","inline":true},
             {"name":"Reason","value":"REFUSED","inline":true},
             {"name":"Response time","value":"0.412 ms","inline":true},
             {"name":"At","value":"2026-11-25 02:00:00 UTC","inline":true}],
           "timestamp":"2026-11-25T02:00:00Z",
           "footer":{"text":"PingBase · monitor db · event ev-down"}}]}
        """));
  }

  @Test
  void coloursFollowTheKind() throws Exception {
    for (Notification.Kind kind : Notification.Kind.values()) {
      channel().send(notification(kind));
    }
    List<Integer> colours = receiver.requests().stream()
        .map(r -> read(r).at("/embeds/0/color").asInt()).toList();
    assertThat(colours).containsExactly(DiscordChannel.RED, DiscordChannel.GREEN, DiscordChannel.AMBER,
        DiscordChannel.RED, DiscordChannel.BLURPLE);
    JsonNode recovered = read(receiver.requests().get(1));
    assertThat(recovered.at("/embeds/0/fields").toString()).contains("{\"name\":\"Down for\",\"value\":\"5m 3s\"");
    assertThat(recovered.at("/embeds/0/fields").toString()).contains("\"1.25 ms\"");
    assertThat(recovered.at("/embeds/0/description").isMissingNode()).isTrue();
  }

  @Test
  void settingsAreReadAndValidated() {
    DiscordSettings s = DiscordSettings.read(new MapFields(Map.of("webhook-url",
        "https://discord.com/api/webhooks/1/tok", "timeout", "5s")));
    assertThat(s.webhookUrl()).isEqualTo(URI.create("https://discord.com/api/webhooks/1/tok"));
    assertThat(s.toString()).contains("discord.com").doesNotContain("tok");
    assertThatThrownBy(() -> DiscordSettings.read(new MapFields(Map.of())))
        .hasMessage("webhook-url is required");
    assertThatThrownBy(() -> DiscordSettings.of(URI.create("ftp://discord.com/x")))
        .hasMessageStartingWith("webhook-url must be");
  }

  private static JsonNode read(HttpReceiver.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
