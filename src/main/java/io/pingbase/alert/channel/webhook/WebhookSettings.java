package io.pingbase.alert.channel.webhook;

import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how a webhook channel posts.
 *
 * @param url          http or https URL to POST to
 * @param headers      extra headers (an {@code Authorization}, say); may replace Content-Type
 * @param secret       shared secret for the {@code X-PingBase-Signature} HMAC; null or empty for none
 * @param bodyTemplate a body of the user's own with {@code {{placeholder}}}s instead of the v1
 *                     payload; null for the v1 payload (see docs/ALERTING.md)
 * @param timeout      for one attempt
 */
public record WebhookSettings(
    URI url, Map<String, String> headers, String secret, String bodyTemplate, Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Set by the JDK client or by the channel itself; a header of the user's must not replace them. */
  private static final Set<String> RESERVED = Set.of(
      "connection", "content-length", "expect", "host", "upgrade",
      "x-pingbase-signature", "x-pingbase-event-id");

  public WebhookSettings {
    Objects.requireNonNull(url, "url");
    SettingsChecks.requireHttpUrl(url, "url");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    for (String name : headers.keySet()) {
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header " + name + " is set by PingBase and cannot be configured");
      }
    }
    if (secret != null && secret.isEmpty()) {
      secret = null;
    }
    if (bodyTemplate != null) {
      io.pingbase.alert.channel.Template.parse(bodyTemplate); // reports unknown placeholders at start-up, not at the first outage
    }
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  /** Its keys in pingbase.yml and the API. */
  public static final java.util.List<String> KEYS = java.util.List.of("url", "headers", "secret", "body-template",
      "timeout");

  public static WebhookSettings read(io.pingbase.alert.channel.ChannelFields f) {
    URI url = f.url("url");
    if (url == null) {
      throw new IllegalArgumentException("url is required");
    }
    return new WebhookSettings(url, f.textMap("headers"), f.text("secret"), f.text("body-template"),
        f.duration("timeout"));
  }

  /** The v1 payload to {@code url}, unsigned, default timeout. */
  public static WebhookSettings of(URI url) {
    return new WebhookSettings(url, Map.of(), null, null, null);
  }

  /** Never shows the secret (settings end up in logs and exceptions). */
  @Override
  public String toString() {
    return "WebhookSettings[url=" + url + ", headers=" + headers.keySet() + ", secret="
        + (secret == null ? "none" : "***") + ", bodyTemplate=" + (bodyTemplate == null ? "none" : "set")
        + ", timeout=" + timeout + "]";
  }
}
