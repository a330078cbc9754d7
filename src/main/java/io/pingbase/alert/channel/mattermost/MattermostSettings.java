package io.pingbase.alert.channel.mattermost;

import io.pingbase.alert.channel.ChannelFields;
import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A Mattermost incoming webhook.
 *
 * @param webhookUrl the {@code https://<server>/hooks/<id>} URL Mattermost gave; it is the
 *                   credential, so {@link #toString()} shows only its host
 * @param channel    a channel name ({@code town-square}, or {@code @user} for a direct message)
 *                   instead of the webhook's own; only if the webhook is not locked to its channel
 * @param username   the name posts show; {@code PingBase} unless set (needs "Enable integrations
 *                   to override usernames" on the server)
 * @param iconUrl    the picture posts show; or null for the webhook's own
 * @param timeout    for one attempt
 */
public record MattermostSettings(URI webhookUrl, String channel, String username, URI iconUrl, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Its keys in pingbase.yml and the API. */
  public static final List<String> KEYS = List.of("webhook-url", "channel", "username", "icon-url", "timeout");

  public MattermostSettings {
    if (webhookUrl == null) {
      throw new IllegalArgumentException("webhook-url is required");
    }
    if (!isHttp(webhookUrl)) {
      throw new IllegalArgumentException("webhook-url must be an http or https URL with a host");
    }
    if (channel != null && channel.isBlank()) {
      throw new IllegalArgumentException("channel must not be blank");
    }
    username = username == null ? "PingBase" : username;
    if (username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
    if (iconUrl != null && !isHttp(iconUrl)) {
      throw new IllegalArgumentException("icon-url must be an http or https URL with a host, got " + iconUrl);
    }
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  private static boolean isHttp(URI u) {
    String scheme = Objects.requireNonNullElse(u.getScheme(), "").toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
  }

  public static MattermostSettings read(ChannelFields f) {
    return new MattermostSettings(f.url("webhook-url"), f.text("channel"), f.text("username"), f.url("icon-url"),
        f.duration("timeout"));
  }

  public static MattermostSettings of(URI webhookUrl) {
    return new MattermostSettings(webhookUrl, null, null, null, null);
  }

  @Override
  public String toString() {
    return "MattermostSettings[webhookUrl=" + webhookUrl.getScheme() + "://" + webhookUrl.getHost()
        + "/***, channel=" + channel + ", username=" + username + ", iconUrl=" + iconUrl + ", timeout=" + timeout
        + "]";
  }
}
