package io.pingbase.alert.channel;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One type of channel: its {@code type:} value, the keys it takes, which of them are secrets,
 * how its settings are read and how a channel is made from them. {@link ChannelKinds} lists them.
 *
 * @param type    as written in config ("webhook")
 * @param keys    its keys besides the common ones (name, type, on, default), in writing order
 * @param secrets keys whose values are credentials: never returned by the API, never logged
 * @param read    reads the settings; throws IllegalArgumentException naming the key on bad input
 * @param create  makes the channel
 * @param <S>     the settings record
 */
public record ChannelKind<S>(
    String type,
    List<String> keys,
    Set<String> secrets,
    Function<ChannelFields, S> read,
    BiFunction<S, ChannelContext, Channel> create) {

  public ChannelKind {
    Objects.requireNonNull(type, "type");
    keys = List.copyOf(keys);
    secrets = Set.copyOf(secrets);
    if (!keys.containsAll(secrets)) {
      throw new IllegalArgumentException("secrets of " + type + " must be among its keys");
    }
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(create, "create");
  }

  /** Makes a channel from settings this kind read. */
  public Channel channel(Object settings, ChannelContext context) {
    @SuppressWarnings("unchecked")
    S s = (S) settings;
    return create.apply(s, context);
  }
}
