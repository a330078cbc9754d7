package io.pingbase.alert.channel.pagerduty;

import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A PagerDuty service's Events API v2 integration.
 *
 * @param routingKey the integration key (32 characters) from the service's Events API v2
 *                   integration; a credential, never shown by {@link #toString()}
 * @param eventsUrl  where events go; {@link #DEFAULT_EVENTS_URL} unless a proxy or the EU
 *                   endpoint ({@code https://events.eu.pagerduty.com/v2/enqueue}) is wanted
 * @param timeout    for one attempt
 */
public record PagerDutySettings(String routingKey, URI eventsUrl, Duration timeout) {
  public static final URI DEFAULT_EVENTS_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public PagerDutySettings {
    if (routingKey == null || routingKey.isBlank()) {
      throw new IllegalArgumentException("routing-key must not be blank");
    }
    eventsUrl = eventsUrl == null ? DEFAULT_EVENTS_URL : eventsUrl;
    SettingsChecks.requireHttpUrl(eventsUrl, "events-url");
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
    Objects.requireNonNull(timeout);
  }

  /** Its keys in pingbase.yml and the API. */
  public static final java.util.List<String> KEYS = java.util.List.of("routing-key", "events-url", "timeout");

  public static PagerDutySettings read(io.pingbase.alert.channel.ChannelFields f) {
    return new PagerDutySettings(f.text("routing-key"), f.url("events-url"), f.duration("timeout"));
  }

  public static PagerDutySettings of(String routingKey) {
    return new PagerDutySettings(routingKey, null, null);
  }

  @Override
  public String toString() {
    return "PagerDutySettings[routingKey=***, eventsUrl=" + eventsUrl + ", timeout=" + timeout + "]";
  }
}
