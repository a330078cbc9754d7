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

  public Channels(AlertingSettings settings, ChannelContext context) {
    Map<String, Configured> m = new LinkedHashMap<>();
    for (ChannelSpec spec : settings.channels()) {
      m.put(spec.name(), new Configured(spec, spec.kind().channel(spec.settings(), context)));
    }
    this.byName = Map.copyOf(m);
  }

  public Optional<Configured> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}
