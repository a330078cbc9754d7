package io.pingbase.alert.channel;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One channel's keys as written in pingbase.yml or sent to the API, for a channel type to read its
 * settings from. Each method reports a malformed value itself (with the key's path) and returns
 * null; a settings record then refuses what is missing with an {@link IllegalArgumentException}
 * whose message names the key, and that is reported on the channel.
 */
public interface ChannelFields {

  /** A scalar as text; null when absent. */
  String text(String key);

  /** An http or https URL with a host; null when absent. */
  URI url(String key);

  /** A duration ("10s", "500ms"); null when absent. */
  Duration duration(String key);

  /** A whole number within [min, max]; null when absent. */
  Integer integer(String key, int min, int max);

  /** true or false; null when absent. */
  Boolean flag(String key);

  /** One text or a list of texts; an empty list when absent. */
  List<String> texts(String key);

  /** A map of texts (headers); an empty map when absent. */
  Map<String, String> textMap(String key);

  /** The time zone notifications are written in (the {@code alerting.time-zone} setting). */
  ZoneId zone();
}
