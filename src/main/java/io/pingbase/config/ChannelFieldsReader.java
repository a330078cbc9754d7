package io.pingbase.config;

import io.pingbase.alert.channel.ChannelFields;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link ChannelFields} over one channel's map, reporting malformed values at their key's path. */
final class ChannelFieldsReader implements ChannelFields {
  private final MapReader r;
  private final ZoneId zone;

  ChannelFieldsReader(MapReader r, ZoneId zone) {
    this.r = r;
    this.zone = zone;
  }

  @Override
  public String text(String key) {
    String text = r.text(key, null);
    return text == null || text.isEmpty() ? null : text;
  }

  @Override
  public URI url(String key) {
    String text = text(key);
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, without quoting the value: channel URLs often hold a token
    }
    r.error(key, "must be an http or https URL with a host");
    return null;
  }

  @Override
  public Duration duration(String key) {
    return r.duration(key, Duration.ofMillis(1), null);
  }

  @Override
  public Integer integer(String key, int min, int max) {
    return r.integer(key, min, max, null);
  }

  @Override
  public Boolean flag(String key) {
    return r.flag(key, null);
  }

  @Override
  public List<String> texts(String key) {
    return r.texts(key);
  }

  @Override
  public Map<String, String> textMap(String key) {
    MapReader m = r.section(key, "a map of names to texts");
    Map<String, String> out = new LinkedHashMap<>();
    if (m == null) {
      return out;
    }
    for (String k : m.keys()) {
      String v = m.text(k, null);
      if (v != null) {
        out.put(k, v);
      }
    }
    return out;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }
}
