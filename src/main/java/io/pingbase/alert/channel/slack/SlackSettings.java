package io.pingbase.alert.channel.slack;

import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A Slack incoming webhook.
 *
 * @param webhookUrl the {@code https://hooks.slack.com/services/…} URL Slack gave; it is the
 *                   credential, so {@link #toString()} shows only its host
 * @param timeout    for one attempt
 */
public record SlackSettings(URI webhookUrl, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public SlackSettings {
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    SettingsChecks.requireHttpUrl(webhookUrl, "webhook-url");
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  /** Its keys in pingbase.yml and the API. */
  public static final java.util.List<String> KEYS = java.util.List.of("webhook-url", "timeout");

  public static SlackSettings read(io.pingbase.alert.channel.ChannelFields f) {
    URI url = f.url("webhook-url");
    if (url == null) {
      throw new IllegalArgumentException("webhook-url is required");
    }
    return new SlackSettings(url, f.duration("timeout"));
  }

  public static SlackSettings of(URI webhookUrl) {
    return new SlackSettings(webhookUrl, null);
  }

  @Override
  public String toString() {
    return "SlackSettings[webhookUrl=" + SettingsChecks.redacted(webhookUrl) + ", timeout="
        + timeout + "]";
  }
}
