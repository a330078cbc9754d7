package io.pingbase.alert.channel;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** The checks every channel's settings record makes, with the same messages for every channel. */
public final class SettingsChecks {
  /** The longest timeout of one HTTP attempt: a receiver slower than that is down. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

  private SettingsChecks() {}

  /**
   * Refuses anything but an http or https URL with a host. The URL is not quoted back: channel URLs
   * often hold a token.
   *
   * @param key the config key, for the message
   */
  public static URI requireHttpUrl(URI url, String key) {
    if (url == null) {
      throw new IllegalArgumentException(key + " is required");
    }
    String scheme = Objects.requireNonNullElse(url.getScheme(), "").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException(key + " must be an http or https URL with a host");
    }
    return url;
  }

  /** One attempt's timeout: {@code fallback} when unset, positive, at most {@link #MAX_TIMEOUT}. */
  public static Duration timeout(Duration timeout, Duration fallback) {
    Duration t = timeout == null ? fallback : timeout;
    if (t.isNegative() || t.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + t);
    }
    if (t.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("timeout must be at most 2m, got " + t);
    }
    return t;
  }

  /** {@code https://hooks.slack.com/***}: a credential URL as logs may show it. */
  public static String redacted(URI url) {
    return url.getScheme() + "://" + url.getHost() + "/***";
  }
}
