package io.pingbase.alert.channel;

import java.time.InstantSource;
import java.util.Objects;

/**
 * What channels share: one HTTP poster (and its connection pool) and the wall clock.
 */
public record ChannelContext(HttpPost http, InstantSource clock) {
  public ChannelContext {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(clock, "clock");
  }

  public static ChannelContext create(InstantSource clock) {
    return create(clock, io.pingbase.net.NetworkPolicy.SELF_HOSTED);
  }

  /** @param policy which addresses channels may post to (the {@code network:} section) */
  public static ChannelContext create(InstantSource clock, io.pingbase.net.NetworkPolicy policy) {
    return new ChannelContext(HttpPost.create(clock, policy), clock);
  }
}
