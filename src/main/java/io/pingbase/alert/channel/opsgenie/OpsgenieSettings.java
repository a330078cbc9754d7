package io.pingbase.alert.channel.opsgenie;

import io.pingbase.alert.channel.ChannelFields;
import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Opsgenie API integration (Alert API v2).
 *
 * @param apiKey     the API integration's key, sent as {@code Authorization: GenieKey <key>};
 *                   never shown by {@link #toString()}
 * @param apiUrl     {@link #DEFAULT_API_URL}, or {@code https://api.eu.opsgenie.com} for an EU account
 * @param responders who is notified, as {@code team:<name>}, {@code user:<username>},
 *                   {@code escalation:<name>} or {@code schedule:<name>}; empty to leave it to
 *                   the integration's own settings
 * @param priority   P1–P5 for alerts instead of the priority by kind (test alerts stay P5); or null
 * @param timeout    for one attempt
 */
public record OpsgenieSettings(String apiKey, URI apiUrl, List<Responder> responders, String priority,
    Duration timeout) {
  public static final URI DEFAULT_API_URL = URI.create("https://api.opsgenie.com");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern HEADER_SAFE = Pattern.compile("\\p{Graph}+");
  private static final Pattern PRIORITY = Pattern.compile("P[1-5]");

  /** Its keys in pingbase.yml and the API. */
  public static final List<String> KEYS = List.of("api-key", "api-url", "responders", "priority", "timeout");

  /** One responder: its type (team, user, escalation, schedule) and name (a username for a user). */
  public record Responder(String type, String name) {
    public Responder {
      if (!List.of("team", "user", "escalation", "schedule").contains(type)) {
        throw new IllegalArgumentException("responders: type must be team, user, escalation or schedule, not '"
            + type + "'");
      }
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("responders: a " + type + " needs a name");
      }
    }

    /** "team:ops" → team "ops". */
    static Responder parse(String s) {
      int colon = s.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("responders: '" + s + "' must be type:name, e.g. team:ops");
      }
      return new Responder(s.substring(0, colon).strip().toLowerCase(Locale.ROOT), s.substring(colon + 1).strip());
    }
  }

  public OpsgenieSettings {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("api-key is required");
    }
    if (!HEADER_SAFE.matcher(apiKey).matches()) {
      throw new IllegalArgumentException("api-key must not hold spaces");
    }
    apiUrl = apiUrl == null ? DEFAULT_API_URL : apiUrl;
    SettingsChecks.requireHttpUrl(apiUrl, "api-url");
    responders = responders == null ? List.of() : List.copyOf(responders);
    if (priority != null && !PRIORITY.matcher(priority).matches()) {
      throw new IllegalArgumentException("priority must be P1, P2, P3, P4 or P5, not '" + priority + "'");
    }
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  public static OpsgenieSettings read(ChannelFields f) {
    List<Responder> responders = new ArrayList<>();
    for (String r : f.texts("responders")) {
      responders.add(Responder.parse(r));
    }
    String priority = f.text("priority");
    return new OpsgenieSettings(f.text("api-key"), f.url("api-url"), responders,
        priority == null ? null : priority.toUpperCase(Locale.ROOT), f.duration("timeout"));
  }

  public static OpsgenieSettings of(String apiKey, URI apiUrl) {
    return new OpsgenieSettings(apiKey, apiUrl, List.of(), null, null);
  }

  /** {@code <api-url>/v2/alerts}, then {@code suffix}. */
  URI alertsUrl(String suffix) {
    String base = apiUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v2/alerts" + suffix);
  }

  @Override
  public String toString() {
    return "OpsgenieSettings[apiKey=***, apiUrl=" + apiUrl + ", responders=" + responders + ", priority="
        + priority + ", timeout=" + timeout + "]";
  }
}
