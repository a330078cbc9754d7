package io.pingbase.alert.channel.mattermost;

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

class MattermostChannelTest extends HttpChannelContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/hooks/xi1kq9ouzbgdmq5sxn8hbk3xie";

  @Override
  protected MattermostSettings settings() {
    return MattermostSettings.of(receiver.url(PATH));
  }

  @Override
  protected Channel channel() {
    return new MattermostChannel(settings(), http);
  }

  @Override
  protected List<String> secrets() {
    return List.of("xi1kq9ouzbgdmq5sxn8hbk3xie");
  }

  @Test
  void aDownIsOneSlackStyleAttachment() throws Exception {
    assertThat(channel().type()).isEqualTo("mattermost");
    channel().send(notification(Notification.Kind.DOWN));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo(PATH);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"username":"PingBase","attachments":[{
          "fallback":"DOWN: Postgres primary (REFUSED)","color":"#D24B4E",
          "title":"DOWN: Postgres primary (REFUSED)","text":"connection refused by 10.0.0.5:5432",
          "fields":[
            {"short":true,"title":"Target","value":"tcp://db:5432"},
            {"short":true,"title":"State","value":"UP → DOWN"},
            {"short":true,"title":"Reason","value":"REFUSED"},
            {"short":true,"title":"Response time","value":"0.412 ms"},
            {"short":true,"title":"At","value":"2026-11-25 02:00:00 UTC"}],
          "footer":"PingBase · monitor db · event ev-down"}]}
        """));
  }

  @Test
  void coloursFollowTheKindAndOptionsAreSent() throws Exception {
    for (Notification.Kind kind : Notification.Kind.values()) {
      channel().send(notification(kind));
    }
    assertThat(receiver.requests().stream().map(r -> read(r).at("/attachments/0/color").asText()).toList())
        .containsExactly(MattermostChannel.RED, MattermostChannel.GREEN, MattermostChannel.AMBER,
            MattermostChannel.RED, MattermostChannel.BLUE);
    assertThat(read(receiver.requests().get(1)).at("/attachments/0/fields").toString())
        .contains("{\"short\":true,\"title\":\"Down for\",\"value\":\"5m 3s\"}");

    MattermostSettings all = new MattermostSettings(receiver.url(PATH), "ops-alerts", "Uptime",
        URI.create("https://example.com/icon.png"), null);
    new MattermostChannel(all, http).send(notification(Notification.Kind.TEST));
    JsonNode last = read(receiver.requests().getLast());
    assertThat(last.get("username").asText()).isEqualTo("Uptime");
    assertThat(last.get("channel").asText()).isEqualTo("ops-alerts");
    assertThat(last.get("icon_url").asText()).isEqualTo("https://example.com/icon.png");
  }

  @Test
  void settingsAreReadAndValidated() {
    MattermostSettings s = MattermostSettings.read(new MapFields(Map.of("webhook-url",
        "https://chat.example.com/hooks/SECRETID", "channel", "town-square")));
    assertThat(s.username()).isEqualTo("PingBase");
    assertThat(s.toString()).contains("chat.example.com").doesNotContain("SECRETID");
    assertThatThrownBy(() -> MattermostSettings.read(new MapFields(Map.of()))).hasMessage("webhook-url is required");
    assertThatThrownBy(() -> MattermostSettings.read(new MapFields(Map.of("webhook-url", "https://x/hooks/1",
        "username", " ")))).hasMessage("username must not be blank");
  }

  private static JsonNode read(HttpReceiver.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
