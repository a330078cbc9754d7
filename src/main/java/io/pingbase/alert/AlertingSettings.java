package io.pingbase.alert;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The file's {@code channels:}, {@code groups:} and {@code alerting:} sections.
 *
 * @param zone        the time zone times are written in, in every channel
 * @param giveUpAfter how long a delivery is retried before it is marked failed
 * @param channels    in file order, names unique
 * @param groups      group rules, names unique
 */
public record AlertingSettings(ZoneId zone, Duration giveUpAfter, List<ChannelSpec> channels, List<GroupRule> groups) {
  public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofHours(24);
  public static final AlertingSettings NONE =
      new AlertingSettings(ZoneId.of("UTC"), DEFAULT_GIVE_UP_AFTER, List.of(), List.of());

  public AlertingSettings {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    channels = List.copyOf(channels);
    groups = List.copyOf(groups);
    if (channels.stream().map(ChannelSpec::name).distinct().count() != channels.size()) {
      throw new IllegalArgumentException("channel names must be unique");
    }
    if (groups.stream().map(GroupRule::name).distinct().count() != groups.size()) {
      throw new IllegalArgumentException("group names must be unique");
    }
  }

  public Optional<ChannelSpec> channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Map<String, GroupRule> groupsByName() {
    return groups.stream().collect(Collectors.toUnmodifiableMap(GroupRule::name, Function.identity()));
  }
}
