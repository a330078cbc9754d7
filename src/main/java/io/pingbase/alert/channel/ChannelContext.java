package io.pingbase.alert.channel;

import io.pingbase.net.NetworkPolicy;
import java.time.InstantSource;
import java.util.Objects;

/**
 * What channels share: one HTTP poster (and its connection pool), the wall clock, and the
 * network policy for channels that connect by other means than the poster (email).
 */
public record ChannelContext(HttpPost http, InstantSource clock, NetworkPolicy network) {
  public ChannelContext {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(network, "network");
  }

  /** Self-hosted: every address allowed. */
  public ChannelContext(HttpPost http, InstantSource clock) {
    this(http, clock, NetworkPolicy.SELF_HOSTED);
  }

  public static ChannelContext create(InstantSource clock) {
    return create(clock, NetworkPolicy.SELF_HOSTED);
  }

  /** @param policy which addresses channels may post to (the {@code network:} section) */
  public static ChannelContext create(InstantSource clock, NetworkPolicy policy) {
    return new ChannelContext(HttpPost.create(clock, policy), clock, policy);
  }
}
