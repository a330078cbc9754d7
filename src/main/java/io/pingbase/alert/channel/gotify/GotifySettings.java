package io.pingbase.alert.channel.gotify;

import io.pingbase.alert.channel.ChannelFields;
import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Gotify server and the application PingBase posts as.
 *
 * @param server   the server's base URL (required; there is no public Gotify)
 * @param token    the application's token, sent in the {@code X-Gotify-Key} header and never in
 *                 the URL (where proxies would log it); never shown by {@link #toString()}
 * @param priority 0–10 for every notification instead of the priority by kind; or null
 * @param timeout  for one attempt
 */
public record GotifySettings(URI server, String token, Integer priority, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern HEADER_SAFE = Pattern.compile("\\p{Graph}+");

  /** Its keys in pingbase.yml and the API. */
  public static final List<String> KEYS = List.of("server", "token", "priority", "timeout");

  public GotifySettings {
    SettingsChecks.requireHttpUrl(server, "server");
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is required");
    }
    if (!HEADER_SAFE.matcher(token).matches()) {
      throw new IllegalArgumentException("token must not hold spaces");
    }
    if (priority != null && (priority < 0 || priority > 10)) {
      throw new IllegalArgumentException("priority must be 0 to 10, got " + priority);
    }
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  public static GotifySettings read(ChannelFields f) {
    return new GotifySettings(f.url("server"), f.text("token"), f.integer("priority", 0, 10), f.duration("timeout"));
  }

  public static GotifySettings of(URI server, String token) {
    return new GotifySettings(server, token, null, null);
  }

  /** {@code <server>/message}. */
  URI messageUrl() {
    String base = server.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "message");
  }

  @Override
  public String toString() {
    return "GotifySettings[server=" + server + ", token=***, priority=" + priority + ", timeout=" + timeout + "]";
  }
}
