package io.pingbase.alert.channel.ntfy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.HttpChannelContract;
import io.pingbase.alert.channel.MapFields;
import io.pingbase.testing.HttpReceiver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NtfyChannelTest extends HttpChannelContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2";

  @Override
  protected NtfySettings settings() {
    return new NtfySettings(receiver.url(""), "pingbase-alerts", TOKEN, null, null, null, null);
  }

  @Override
  protected Channel channel() {
    return new NtfyChannel(settings(), http);
  }

  @Override
  protected List<String> secrets() {
    return List.of(TOKEN);
  }

  @Test
  void aDownIsPublishedAsJsonToTheServerRootWithABearerToken() throws Exception {
    assertThat(channel().type()).isEqualTo("ntfy");
    channel().send(notification(Notification.Kind.DOWN));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
        {"topic":"pingbase-alerts","title":"DOWN: Postgres primary (REFUSED)",
         "message":"connection refused by 10.0.0.5:5432\\nTarget: tcp://db:5432\\nState: UP → DOWN\\nReason: REFUSED\\nResponse time: 0.412 ms\\nAt: 2026-11-25 02:00:00 UTC",
         "priority":5,"tags":["rotating_light"]}
        """));
  }

  @Test
  void priorityAndTagFollowTheKindUnlessAPriorityIsSet() throws Exception {
    for (Notification.Kind kind : Notification.Kind.values()) {
      channel().send(notification(kind));
    }
    assertThat(receiver.requests().stream().map(r -> read(r).get("priority").asInt()).toList())
        .containsExactly(5, 3, 4, 5, 3);
    assertThat(receiver.requests().stream().map(r -> read(r).at("/tags/0").asText()).toList())
        .containsExactly("rotating_light", "white_check_mark", "warning", "rotating_light", "test_tube");
    assertThat(read(receiver.requests().get(1)).get("message").asText()).contains("Down for: 5m 3s");

    NtfySettings fixed = new NtfySettings(receiver.url("/ntfy"), "t", null, null, null, 2, null);
    new NtfyChannel(fixed, http).send(notification(Notification.Kind.DOWN));
    HttpReceiver.Request last = receiver.requests().getLast();
    assertThat(last.path()).isEqualTo("/ntfy/");
    assertThat(read(last).get("priority").asInt()).isEqualTo(2);
    assertThat(last.header("Authorization")).isNull();
  }

  @Test
  void usernameAndPasswordAreSentAsBasic() {
    NtfySettings basic = new NtfySettings(receiver.url("/"), "t", null, "phil", "p4ss:word", null, null);
    new NtfyChannel(basic, http).send(notification(Notification.Kind.TEST));
    assertThat(receiver.single().header("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("phil:p4ss:word".getBytes(StandardCharsets.UTF_8)));
    assertThat(basic.toString()).doesNotContain("p4ss").contains("phil");
  }

  @Test
  void settingsAreReadAndValidated() {
    NtfySettings s = NtfySettings.read(new MapFields(Map.of("topic", "alerts", "priority", "4")));
    assertThat(s.server().toString()).isEqualTo("https://ntfy.sh");
    assertThat(s.priority()).isEqualTo(4);
    assertThatThrownBy(() -> NtfySettings.read(new MapFields(Map.of()))).hasMessage("topic is required");
    assertThatThrownBy(() -> NtfySettings.read(new MapFields(Map.of("topic", "a/b"))))
        .hasMessageStartingWith("topic may hold only");
    assertThatThrownBy(() -> NtfySettings.read(new MapFields(Map.of("topic", "t", "token", "tk_1", "username", "u",
        "password", "p")))).hasMessageStartingWith("token cannot be combined");
    assertThatThrownBy(() -> NtfySettings.read(new MapFields(Map.of("topic", "t", "username", "u"))))
        .hasMessage("password is required with username");
    assertThatThrownBy(() -> new NtfySettings(null, "t", null, null, null, 6, null))
        .hasMessageStartingWith("priority must be 1 to 5");
  }

  private static JsonNode read(HttpReceiver.Request r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
