package io.pingbase.alert.channel.gotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.HttpChannelContract;
import io.pingbase.alert.channel.MapFields;
import io.pingbase.monitor.MonitorState;
import io.pingbase.testing.HttpReceiver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GotifyChannelTest extends HttpChannelContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "AyFl3R.i7Z0qmVe";

  @Override
  protected GotifySettings settings() {
    return GotifySettings.of(receiver.url("/gotify"), TOKEN);
  }

  @Override
  protected Channel channel() {
    return new GotifyChannel(settings(), http);
  }

  @Override
  protected List<String> secrets() {
    return List.of(TOKEN);
  }

  @Test
  void aDownIsAMarkdownMessageWithTheTokenInAHeader() throws Exception {
    assertThat(channel().type()).isEqualTo("gotify");
    channel().send(notification(Notification.Kind.DOWN));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/gotify/message");
    assertThat(r.query()).isNull();
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("X-Gotify-Key")).isEqualTo(TOKEN);
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"title":"DOWN: Postgres primary (REFUSED)",
         "message":"connection refused by 10.0.0.5:5432\\n\\n- **Target:** tcp://db:5432\\n- **State:** UP → DOWN\\n- **Reason:** REFUSED\\n- **Response time:** 0.412 ms\\n- **At:** 2026-11-25 02:00:00 UTC\\n- **Event:** ev-down",
         "priority":8,
         "extras":{"client::display":{"contentType":"text/markdown"}}}
        """));
  }

  @Test
  void prioritiesFollowTheKindUnlessSet() throws Exception {
    for (Notification.Kind kind : Notification.Kind.values()) {
      channel().send(notification(kind));
    }
    assertThat(receiver.requests().stream().map(r -> read(r).get("priority").asInt()).toList())
        .containsExactly(8, 2, 5, 8, 4);
    assertThat(read(receiver.requests().get(1)).get("message").asText()).contains("- **Down for:** 5m 3s");

    new GotifyChannel(new GotifySettings(receiver.url("/"), TOKEN, 10, null), http)
        .send(notification(Notification.Kind.RECOVERED));
    assertThat(receiver.requests().getLast().path()).isEqualTo("/message");
    assertThat(read(receiver.requests().getLast()).get("priority").asInt()).isEqualTo(10);
  }

  @Test
  void markdownInTheMessageIsEscaped() {
    channel().send(new Notification("ev", "inc", Notification.Kind.DOWN, "db", "Db", null, MonitorState.UP,
        MonitorState.DOWN, null, "got <b>*oops*</b> [x](http://evil)", -1, Instant.EPOCH, null));
    assertThat(read(receiver.single()).get("message").asText())
        .startsWith("got \\<b\\>\\*oops\\*\\</b\\> \\[x\\](http://evil)\n");
  }

  @Test
  void settingsAreReadAndValidated() {
    GotifySettings s = GotifySettings.read(new MapFields(Map.of("server", "https://push.example.com",
        "token", "Abc.123", "priority", "6")));
    assertThat(s.priority()).isEqualTo(6);
    assertThat(s.toString()).contains("push.example.com").doesNotContain("Abc.123");
    assertThatThrownBy(() -> GotifySettings.read(new MapFields(Map.of("token", "t"))))
        .hasMessage("server is required");
    assertThatThrownBy(() -> GotifySettings.read(new MapFields(Map.of("server", "https://push.example.com"))))
        .hasMessage("token is required");
    assertThatThrownBy(() -> new GotifySettings(java.net.URI.create("https://x"), "a b", null, null))
        .hasMessage("token must not hold spaces");
    assertThatThrownBy(() -> new GotifySettings(java.net.URI.create("https://x"), "t", 11, null))
        .hasMessageStartingWith("priority must be 0 to 10");
  }

  private static JsonNode read(HttpReceiver.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
