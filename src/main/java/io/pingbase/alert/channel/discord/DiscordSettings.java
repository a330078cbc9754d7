package io.pingbase.alert.channel.discord;

import io.pingbase.alert.channel.ChannelFields;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
    if (webhookUrl == null) {
      throw new IllegalArgumentException("webhook-url is required");
    }
    String scheme = Objects.requireNonNullElse(webhookUrl.getScheme(), "").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || webhookUrl.getHost() == null) {
      throw new IllegalArgumentException("webhook-url must be an http or https URL with a host");
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  public static DiscordSettings read(ChannelFields f) {
    return new DiscordSettings(f.url("webhook-url"), f.duration("timeout"));
  }

  public static DiscordSettings of(URI webhookUrl) {
    return new DiscordSettings(webhookUrl, null);
  }

  @Override
  public String toString() {
    return "DiscordSettings[webhookUrl=" + webhookUrl.getScheme() + "://" + webhookUrl.getHost() + "/***, timeout="
        + timeout + "]";
  }
}
