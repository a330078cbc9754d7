package io.pingbase.alert.channel.discord;

import io.pingbase.alert.channel.ChannelFields;
import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A Discord channel webhook.
 *
 * @param webhookUrl the {@code https://discord.com/api/webhooks/<id>/<token>} URL Discord gave; it
 *                   is the credential, so {@link #toString()} shows only its host
 * @param timeout    for one attempt
 */
public record DiscordSettings(URI webhookUrl, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Its keys in pingbase.yml and the API. */
  public static final List<String> KEYS = List.of("webhook-url", "timeout");

  public DiscordSettings {
    SettingsChecks.requireHttpUrl(webhookUrl, "webhook-url");
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  public static DiscordSettings read(ChannelFields f) {
    return new DiscordSettings(f.url("webhook-url"), f.duration("timeout"));
  }

  public static DiscordSettings of(URI webhookUrl) {
    return new DiscordSettings(webhookUrl, null);
  }

  @Override
  public String toString() {
    return "DiscordSettings[webhookUrl=" + SettingsChecks.redacted(webhookUrl) + ", timeout="
        + timeout + "]";
  }
}
