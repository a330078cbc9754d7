package io.pingbase.alert.channel.pushover;

import io.pingbase.alert.channel.ChannelFields;
import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Pushover application and the user or group it notifies.
 *
 * @param token    the application's API token (30 letters and digits); a credential, never shown
 * @param user     the user or group key (30 letters and digits); also never shown
 * @param device   one device name (or several, comma-separated) instead of all the user's devices; or null
 * @param priority -2 to 1 for every notification instead of 1 for DOWN and 0 otherwise; or null.
 *                 Emergency (2) is not offered: it needs retry and expiry settings and an acknowledgement
 * @param sound    one of Pushover's sounds (or a custom sound's name) instead of the user's default; or null
 * @param apiUrl   {@link #DEFAULT_API_URL} unless a proxy is used
 * @param timeout  for one attempt
 */
public record PushoverSettings(String token, String user, String device, Integer priority, String sound, URI apiUrl,
    Duration timeout) {
  public static final URI DEFAULT_API_URL = URI.create("https://api.pushover.net");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]{30}");
  private static final Pattern DEVICES = Pattern.compile("[A-Za-z0-9_-]{1,25}(,[A-Za-z0-9_-]{1,25})*");
  private static final Pattern SOUND = Pattern.compile("[A-Za-z0-9_-]{1,50}");

  /** Its keys in pingbase.yml and the API. */
  public static final List<String> KEYS = List.of("token", "user", "device", "priority", "sound", "api-url",
      "timeout");

  public PushoverSettings {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is required");
    }
    if (!KEY.matcher(token).matches()) {
      throw new IllegalArgumentException("token must be the application's 30-character API token");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("user is required");
    }
    if (!KEY.matcher(user).matches()) {
      throw new IllegalArgumentException("user must be a 30-character user or group key");
    }
    if (device != null && !DEVICES.matcher(device).matches()) {
      throw new IllegalArgumentException("device must be device names (letters, digits, '-', '_'), comma-separated");
    }
    if (priority != null && (priority < -2 || priority > 1)) {
      throw new IllegalArgumentException("priority must be -2 to 1 (emergency, 2, is not supported), got "
          + priority);
    }
    if (sound != null && !SOUND.matcher(sound).matches()) {
      throw new IllegalArgumentException("sound must be a sound's name, not '" + sound + "'");
    }
    apiUrl = apiUrl == null ? DEFAULT_API_URL : apiUrl;
    SettingsChecks.requireHttpUrl(apiUrl, "api-url");
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  public static PushoverSettings read(ChannelFields f) {
    return new PushoverSettings(f.text("token"), f.text("user"), f.text("device"), f.integer("priority", -2, 1),
        f.text("sound"), f.url("api-url"), f.duration("timeout"));
  }

  public static PushoverSettings of(String token, String user, URI apiUrl) {
    return new PushoverSettings(token, user, null, null, null, apiUrl, null);
  }

  /** {@code <api-url>/1/messages.json}. */
  URI messagesUrl() {
    String base = apiUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/1/messages.json");
  }

  @Override
  public String toString() {
    return "PushoverSettings[token=***, user=***, device=" + device + ", priority=" + priority + ", sound=" + sound
        + ", apiUrl=" + apiUrl + ", timeout=" + timeout + "]";
  }
}
