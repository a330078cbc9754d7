package io.pingbase.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.testing.SettableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelKindsTest {
  private static final String PUSHOVER_KEY = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";

  /** The least each HTTP kind needs, as a config would write it. */
  private static final Map<String, Map<String, Object>> MINIMAL = Map.of(
      "webhook", Map.of("url", "https://example.com/hook"),
      "slack", Map.of("webhook-url", "https://hooks.slack.com/services/T/B/slack-secret-xyz"),
      "pagerduty", Map.of("routing-key", "R0UT1NGKEY0123456789abcdefABCDEF"),
      "telegram", Map.of("bot-token", "123456:ABC-DEF", "chat-id", "-100123"),
      "discord", Map.of("webhook-url", "https://discord.com/api/webhooks/1/discord-secret-tok"),
      "teams", Map.of("webhook-url", "https://x.logic.azure.com/workflows/1?sig=teams-secret-sig"),
      "ntfy", Map.of("topic", "alerts"),
      "opsgenie", Map.of("api-key", "og-secret-key-123"),
      "pushover", Map.of("token", PUSHOVER_KEY, "user", PUSHOVER_KEY),
      "gotify", Map.of("server", "https://push.example.com", "token", "gotify-secret-9"));

  @Test
  void everyTypeIsListedOnce() {
    List<String> types = ChannelKinds.ALL.stream().map(ChannelKind::type).toList();
    assertThat(types).doesNotHaveDuplicates().containsExactly("webhook", "email", "slack", "pagerduty", "telegram",
        "discord", "teams", "ntfy", "opsgenie", "pushover", "gotify", "mattermost");
    assertThat(ChannelKinds.types()).containsExactlyElementsOf(types);
  }

  @Test
  void eachHttpKindReadsItsSettingsAndMakesAChannelOfItsType() {
    ChannelContext context = ChannelContext.create(new SettableClock(Instant.EPOCH));
    Map<String, Map<String, Object>> all = new java.util.HashMap<>(MINIMAL);
    all.put("mattermost", Map.of("webhook-url", "https://chat.example.com/hooks/mm-secret-hook"));
    all.forEach((type, keys) -> {
      ChannelKind<?> kind = ChannelKinds.of(type);
      assertThat(kind).as(type).isNotNull();
      assertThat(kind.keys()).as(type).containsAll(keys.keySet());
      Object settings = kind.read().apply(new MapFields(keys));
      Channel channel = kind.channel(settings, context);
      assertThat(channel.type()).isEqualTo(type);
      for (String secret : kind.secrets()) {
        Object value = keys.get(secret);
        if (value != null) {
          assertThat(settings.toString()).as(type + " " + secret).doesNotContain(value.toString().substring(
              Math.max(0, value.toString().length() - 6)));
        }
      }
    });
  }

  @Test
  void theNewKindsDeclareTheirSecrets() {
    assertThat(ChannelKinds.of("discord").secrets()).containsExactly("webhook-url");
    assertThat(ChannelKinds.of("teams").secrets()).containsExactly("webhook-url");
    assertThat(ChannelKinds.of("ntfy").secrets()).containsExactlyInAnyOrder("token", "password");
    assertThat(ChannelKinds.of("opsgenie").secrets()).containsExactly("api-key");
    assertThat(ChannelKinds.of("pushover").secrets()).containsExactlyInAnyOrder("token", "user");
    assertThat(ChannelKinds.of("gotify").secrets()).containsExactly("token");
    assertThat(ChannelKinds.of("mattermost").secrets()).containsExactly("webhook-url");
  }
}
