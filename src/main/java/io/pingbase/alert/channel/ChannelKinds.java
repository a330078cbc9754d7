package io.pingbase.alert.channel;

import io.pingbase.alert.channel.email.EmailChannel;
import io.pingbase.alert.channel.email.EmailSettings;
import io.pingbase.alert.channel.pagerduty.PagerDutyChannel;
import io.pingbase.alert.channel.pagerduty.PagerDutySettings;
import io.pingbase.alert.channel.slack.SlackChannel;
import io.pingbase.alert.channel.slack.SlackSettings;
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
          (s, c) -> new EmailChannel(s, c.clock())),
      new ChannelKind<>("slack", SlackSettings.KEYS, Set.of("webhook-url"), SlackSettings::read,
          (s, c) -> new SlackChannel(s, c.http())),
      new ChannelKind<>("pagerduty", PagerDutySettings.KEYS, Set.of("routing-key"), PagerDutySettings::read,
          (s, c) -> new PagerDutyChannel(s, c.http())),
      new ChannelKind<>("telegram", TelegramSettings.KEYS, Set.of("bot-token"), TelegramSettings::read,
          (s, c) -> new TelegramChannel(s, c.http()))
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
