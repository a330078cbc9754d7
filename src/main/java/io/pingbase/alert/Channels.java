package io.pingbase.alert;

import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.ChannelContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured channels, built once per configuration: a name's spec and its channel object. */
public final class Channels {

  /** A configured channel ready to send. */
  public record Configured(ChannelSpec spec, Channel channel) {}

  private final Map<String, Configured> byName;
  private final java.time.Duration longestAttempt;

  public Channels(AlertingSettings settings, ChannelContext context) {
    Map<String, Configured> m = new LinkedHashMap<>();
    for (ChannelSpec spec : settings.channels()) {
      m.put(spec.name(), new Configured(spec, spec.kind().channel(spec.settings(), context)));
    }
    this.byName = Map.copyOf(m);
    this.longestAttempt = m.values().stream().map(c -> c.channel().longestAttempt())
        .max(java.util.Comparator.naturalOrder()).orElse(java.time.Duration.ZERO);
  }

  /** The longest one attempt of any of these channels can take. */
  public java.time.Duration longestAttempt() {
    return longestAttempt;
  }

  public Optional<Configured> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}
