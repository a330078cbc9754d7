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
    return new ChannelContext(HttpPost.create(clock), clock);
  }
}
