package io.pingbase.alert.channel;

import io.pingbase.alert.channel.discord.DiscordChannel;
import io.pingbase.alert.channel.discord.DiscordSettings;
import io.pingbase.alert.channel.email.EmailChannel;
import io.pingbase.alert.channel.email.EmailSettings;
import io.pingbase.alert.channel.gotify.GotifyChannel;
import io.pingbase.alert.channel.gotify.GotifySettings;
import io.pingbase.alert.channel.mattermost.MattermostChannel;
import io.pingbase.alert.channel.mattermost.MattermostSettings;
import io.pingbase.alert.channel.ntfy.NtfyChannel;
import io.pingbase.alert.channel.ntfy.NtfySettings;
import io.pingbase.alert.channel.opsgenie.OpsgenieChannel;
import io.pingbase.alert.channel.opsgenie.OpsgenieSettings;
import io.pingbase.alert.channel.pagerduty.PagerDutyChannel;
import io.pingbase.alert.channel.pagerduty.PagerDutySettings;
import io.pingbase.alert.channel.pushover.PushoverChannel;
import io.pingbase.alert.channel.pushover.PushoverSettings;
import io.pingbase.alert.channel.slack.SlackChannel;
import io.pingbase.alert.channel.slack.SlackSettings;
import io.pingbase.alert.channel.teams.TeamsChannel;
import io.pingbase.alert.channel.teams.TeamsSettings;
import io.pingbase.alert.channel.telegram.TelegramChannel;
import io.pingbase.alert.channel.telegram.TelegramSettings;
import io.pingbase.alert.channel.webhook.WebhookChannel;
import io.pingbase.alert.channel.webhook.WebhookSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every channel type. Adding one: a folder with its settings record and channel class, and one
 * line here.
 */
public final class ChannelKinds {
  /** In the order types are listed in messages. */
  public static final List<ChannelKind<?>> ALL = List.of(
      new ChannelKind<>("webhook", WebhookSettings.KEYS, Set.of("secret", "headers"), WebhookSettings::read,
          (s, c) -> new WebhookChannel(s, c.http())),
      new ChannelKind<>("email", EmailSettings.KEYS, Set.of("password"), EmailSettings::read,
          (s, c) -> new EmailChannel(s, c.clock(), c.network())),
      new ChannelKind<>("slack", SlackSettings.KEYS, Set.of("webhook-url"), SlackSettings::read,
          (s, c) -> new SlackChannel(s, c.http())),
      new ChannelKind<>("pagerduty", PagerDutySettings.KEYS, Set.of("routing-key"), PagerDutySettings::read,
          (s, c) -> new PagerDutyChannel(s, c.http())),
      new ChannelKind<>("telegram", TelegramSettings.KEYS, Set.of("bot-token"), TelegramSettings::read,
          (s, c) -> new TelegramChannel(s, c.http())),
      new ChannelKind<>("discord", DiscordSettings.KEYS, Set.of("webhook-url"), DiscordSettings::read,
          (s, c) -> new DiscordChannel(s, c.http())),
      new ChannelKind<>("teams", TeamsSettings.KEYS, Set.of("webhook-url"), TeamsSettings::read,
          (s, c) -> new TeamsChannel(s, c.http())),
      new ChannelKind<>("ntfy", NtfySettings.KEYS, Set.of("token", "password"), NtfySettings::read,
          (s, c) -> new NtfyChannel(s, c.http())),
      new ChannelKind<>("opsgenie", OpsgenieSettings.KEYS, Set.of("api-key"), OpsgenieSettings::read,
          (s, c) -> new OpsgenieChannel(s, c.http())),
      new ChannelKind<>("pushover", PushoverSettings.KEYS, Set.of("token", "user"), PushoverSettings::read,
          (s, c) -> new PushoverChannel(s, c.http())),
      new ChannelKind<>("gotify", GotifySettings.KEYS, Set.of("token"), GotifySettings::read,
          (s, c) -> new GotifyChannel(s, c.http())),
      new ChannelKind<>("mattermost", MattermostSettings.KEYS, Set.of("webhook-url"), MattermostSettings::read,
          (s, c) -> new MattermostChannel(s, c.http()))
  );

  private static final Map<String, ChannelKind<?>> BY_TYPE = byType();

  private ChannelKinds() {}

  private static Map<String, ChannelKind<?>> byType() {
    Map<String, ChannelKind<?>> m = new LinkedHashMap<>();
    for (ChannelKind<?> k : ALL) {
      if (m.put(k.type(), k) != null) {
        throw new IllegalStateException("two channel kinds for type " + k.type());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** The kind of a {@code type:} value, or null. */
  public static ChannelKind<?> of(String type) {
    return BY_TYPE.get(type);
  }

  public static Set<String> types() {
    return BY_TYPE.keySet();
  }
}
