package io.pingbase.alert.channel.pushover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpChannelContract;
import io.pingbase.alert.channel.MapFields;
import io.pingbase.testing.HttpReceiver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushoverChannelTest extends HttpChannelContract {
  private static final String TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
  private static final String USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";

  @Override
  protected PushoverSettings settings() {
    return PushoverSettings.of(TOKEN, USER, receiver.url(""));
  }

  @Override
  protected Channel channel() {
    return new PushoverChannel(settings(), http);
  }

  @Override
  protected List<String> secrets() {
    return List.of(TOKEN, USER);
  }

  /** The form as Pushover reads it, in order. */
  static Map<String, String> form(HttpReceiver.Request r) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : r.bodyText().split("&")) {
      int eq = pair.indexOf('=');
      m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  @Test
  void aDownIsAFormPostWithHighPriority() {
    assertThat(channel().type()).isEqualTo("pushover");
    receiver.answer(200, "{\"status\":1,\"request\":\"647d2300-702c-4b38-8b2f-d56326ae460b\"}");
    assertThat(channel().send(notification(Notification.Kind.DOWN))).isEqualTo(new Delivery.Delivered("HTTP 200"));

    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/1/messages.json");
    assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(r.header("Authorization")).isNull();
    assertThat(form(r)).containsExactly(
        Map.entry("token", TOKEN),
        Map.entry("user", USER),
        Map.entry("title", "DOWN: Postgres primary (REFUSED)"),
        Map.entry("message", "connection refused by 10.0.0.5:5432\nTarget: tcp://db:5432\nState: UP → DOWN\n"
            + "Reason: REFUSED\nResponse time: 0.412 ms\nAt: 2026-11-25 02:00:00 UTC"),
        Map.entry("priority", "1"),
        Map.entry("timestamp", String.valueOf(AT.getEpochSecond())));
  }

  @Test
  void otherKindsAreNormalPriorityAndOptionsAreSent() {
    for (Notification.Kind kind : Notification.Kind.values()) {
      channel().send(notification(kind));
    }
    assertThat(receiver.requests().stream().map(r -> form(r).get("priority")).toList())
        .containsExactly("1", "0", "0", "0", "0");
    assertThat(form(receiver.requests().get(1)).get("message")).contains("Down for: 5m 3s");

    PushoverSettings all = new PushoverSettings(TOKEN, USER, "phone,tablet", -1, "siren", receiver.url("/"), null);
    new PushoverChannel(all, http).send(notification(Notification.Kind.DOWN));
    Map<String, String> f = form(receiver.requests().getLast());
    assertThat(f).containsEntry("priority", "-1").containsEntry("device", "phone,tablet")
        .containsEntry("sound", "siren");
  }

  @Test
  void pushoverErrorsBecomeTheSummary() {
    receiver.answer(400, "{\"user\":\"invalid\",\"errors\":[\"user identifier is not a valid user, group, or "
        + "subscribed user key\"],\"status\":0,\"request\":\"5042853c\"}");
    assertThat(channel().send(notification(Notification.Kind.DOWN))).isEqualTo(new Delivery.Rejected(
        "HTTP 400: user identifier is not a valid user, group, or subscribed user key"));
    receiver.answer(400, "{\"token\":\"invalid\",\"errors\":[\"application token is invalid\",\"message cannot "
        + "be blank\"],\"status\":0}");
    assertThat(channel().send(notification(Notification.Kind.DOWN))).isEqualTo(new Delivery.Rejected(
        "HTTP 400: application token is invalid; message cannot be blank"));
  }

  @Test
  void settingsAreReadAndValidated() {
    PushoverSettings s = PushoverSettings.read(new MapFields(Map.of("token", TOKEN, "user", USER, "priority", "-2")));
    assertThat(s.apiUrl().toString()).isEqualTo("https://api.pushover.net");
    assertThat(s.priority()).isEqualTo(-2);
    assertThat(s.toString()).doesNotContain(TOKEN).doesNotContain(USER);
    assertThatThrownBy(() -> PushoverSettings.read(new MapFields(Map.of("user", USER))))
        .hasMessage("token is required");
    assertThatThrownBy(() -> PushoverSettings.read(new MapFields(Map.of("token", TOKEN))))
        .hasMessage("user is required");
    assertThatThrownBy(() -> PushoverSettings.read(new MapFields(Map.of("token", "short", "user", USER))))
        .hasMessageStartingWith("token must be");
    assertThatThrownBy(() -> new PushoverSettings(TOKEN, USER, null, 2, null, null, null))
        .hasMessageStartingWith("priority must be -2 to 1");
    assertThatThrownBy(() -> new PushoverSettings(TOKEN, USER, "my phone", null, null, null, null))
        .hasMessageStartingWith("device must be");
  }
}
