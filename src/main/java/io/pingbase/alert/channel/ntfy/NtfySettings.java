package io.pingbase.alert.channel.ntfy;

import io.pingbase.alert.channel.ChannelFields;
import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An ntfy topic on ntfy.sh or a self-hosted server.
 *
 * @param server   the server's base URL; {@link #DEFAULT_SERVER} unless self-hosted
 * @param topic    the topic to publish to (ntfy allows letters, digits, {@code -} and {@code _},
 *                 at most 64)
 * @param token    an access token ({@code tk_…}) sent as {@code Authorization: Bearer}; or null
 * @param username with {@code password}, sent as HTTP Basic instead of a token; or null
 * @param password a credential like the token: never shown by {@link #toString()}
 * @param priority 1–5 to send every notification at, or null for the priority by kind
 * @param timeout  for one attempt
 */
public record NtfySettings(URI server, String topic, String token, String username, String password,
    Integer priority, Duration timeout) {
  public static final URI DEFAULT_SERVER = URI.create("https://ntfy.sh");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");
  /** Header-safe: no spaces or control characters, which would break the header or leak into an error. */
  private static final Pattern HEADER_SAFE = Pattern.compile("\\p{Graph}+");

  /** Its keys in pingbase.yml and the API. */
  public static final List<String> KEYS = List.of("server", "topic", "token", "username", "password", "priority",
      "timeout");

  public NtfySettings {
    server = server == null ? DEFAULT_SERVER : server;
    SettingsChecks.requireHttpUrl(server, "server");
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic is required");
    }
    if (!TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException("topic may hold only letters, digits, '-' and '_' (at most 64)");
    }
    if (token != null && !HEADER_SAFE.matcher(token).matches()) {
      throw new IllegalArgumentException("token must not be blank or hold spaces");
    }
    if (token != null && (username != null || password != null)) {
      throw new IllegalArgumentException("token cannot be combined with username and password");
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException(username == null ? "username is required with password"
          : "password is required with username");
    }
    if (username != null && (username.isEmpty() || username.contains(":"))) {
      throw new IllegalArgumentException("username must not be empty or hold ':'");
    }
    if (priority != null && (priority < 1 || priority > 5)) {
      throw new IllegalArgumentException("priority must be 1 to 5, got " + priority);
    }
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  public static NtfySettings read(ChannelFields f) {
    return new NtfySettings(f.url("server"), f.text("topic"), f.text("token"), f.text("username"),
        f.text("password"), f.integer("priority", 1, 5), f.duration("timeout"));
  }

  public static NtfySettings of(URI server, String topic) {
    return new NtfySettings(server, topic, null, null, null, null, null);
  }

  /** JSON publishing goes to the server's root, the topic in the body. */
  URI publishUrl() {
    String base = server.toString();
    return URI.create(base.endsWith("/") ? base : base + "/");
  }

  /** The Authorization header, if any. */
  Map<String, String> headers() {
    if (token != null) {
      return Map.of("Authorization", "Bearer " + token);
    }
    if (username != null) {
      String pair = username + ":" + password;
      return Map.of("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Map.of();
  }

  @Override
  public String toString() {
    return "NtfySettings[server=" + server + ", topic=" + topic + ", token=" + (token == null ? "none" : "***")
        + ", username=" + username + ", password=" + (password == null ? "none" : "***") + ", priority="
        + priority + ", timeout=" + timeout + "]";
  }
}
