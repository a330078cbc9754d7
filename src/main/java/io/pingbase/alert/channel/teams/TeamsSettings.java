package io.pingbase.alert.channel.teams;

import io.pingbase.alert.channel.ChannelFields;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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

  public static TeamsSettings read(ChannelFields f) {
    return new TeamsSettings(f.url("webhook-url"), f.duration("timeout"));
  }

  public static TeamsSettings of(URI webhookUrl) {
    return new TeamsSettings(webhookUrl, null);
  }

  @Override
  public String toString() {
    return "TeamsSettings[webhookUrl=" + webhookUrl.getScheme() + "://" + webhookUrl.getHost() + "/***, timeout="
        + timeout + "]";
  }
}
