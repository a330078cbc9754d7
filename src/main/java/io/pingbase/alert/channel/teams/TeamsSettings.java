package io.pingbase.alert.channel.teams;

import io.pingbase.alert.channel.ChannelFields;
import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A Microsoft Teams <em>workflow</em> webhook: the URL of a Power Automate flow built from the
 * template "Post to a channel when a webhook request is received" (the old Office 365
 * connectors are retired).
 *
 * @param webhookUrl the flow's HTTP trigger URL ({@code https://…logic.azure.com/workflows/…} or
 *                   {@code https://…powerplatform.com/…}); its {@code sig} parameter is the
 *                   credential, so {@link #toString()} shows only its host
 * @param timeout    for one attempt
 */
public record TeamsSettings(URI webhookUrl, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Its keys in pingbase.yml and the API. */
  public static final List<String> KEYS = List.of("webhook-url", "timeout");

  public TeamsSettings {
    SettingsChecks.requireHttpUrl(webhookUrl, "webhook-url");
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  public static TeamsSettings read(ChannelFields f) {
    return new TeamsSettings(f.url("webhook-url"), f.duration("timeout"));
  }

  public static TeamsSettings of(URI webhookUrl) {
    return new TeamsSettings(webhookUrl, null);
  }

  @Override
  public String toString() {
    return "TeamsSettings[webhookUrl=" + SettingsChecks.redacted(webhookUrl) + ", timeout="
        + timeout + "]";
  }
}
