package io.pingbase.alert.channel;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Channel keys from a map, as a config reader would hand them over, for tests of each kind's
 * {@code read}. A malformed value throws (the real reader reports it with its path instead).
 */
public final class MapFields implements ChannelFields {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private final Map<String, Object> values;

  public MapFields(Map<String, ?> values) {
    this.values = new LinkedHashMap<>(values);
  }

  @Override
  public String text(String key) {
    Object v = values.get(key);
    return v == null ? null : v.toString();
  }

  @Override
  public URI url(String key) {
    String v = text(key);
    if (v == null) {
      return null;
    }
    URI u = URI.create(v);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
      throw new IllegalArgumentException(key + " must be an http or https URL with a host");
    }
    return u;
  }

  @Override
  public Duration duration(String key) {
    String v = text(key);
    if (v == null) {
      return null;
    }
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(key + " must be a duration like 10s, not '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  @Override
  public Integer integer(String key, int min, int max) {
    String v = text(key);
    if (v == null) {
      return null;
    }
    int n = Integer.parseInt(v);
    if (n < min || n > max) {
      throw new IllegalArgumentException(key + " must be " + min + " to " + max + ", got " + n);
    }
    return n;
  }

  @Override
  public Boolean flag(String key) {
    String v = text(key);
    return v == null ? null : Boolean.valueOf(v);
  }

  @Override
  public List<String> texts(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      list.forEach(o -> out.add(o.toString()));
      return out;
    }
    return List.of(v.toString());
  }

  @Override
  public Map<String, String> textMap(String key) {
    Object v = values.get(key);
    if (v == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    ((Map<?, ?>) v).forEach((k, x) -> out.put(k.toString(), x.toString()));
    return out;
  }

  @Override
  public ZoneId zone() {
    return ZoneOffset.UTC;
  }
}
