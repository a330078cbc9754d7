package io.pingbase.alert.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.net.Cidr;
import io.pingbase.net.NetworkPolicy;
import io.pingbase.testing.HttpReceiver;
import io.pingbase.testing.SettableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 5: in multi-tenant mode a webhook to a special address is Rejected before a byte is sent. */
class WebhookNetworkPolicyTest {
  private static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-11-25T02:00:00Z"));
  private final HttpReceiver receiver = newReceiver();

  private static HttpReceiver newReceiver() {
    try {
      return new HttpReceiver();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  private Delivery send(NetworkPolicy policy, URI url) {
    WebhookChannel channel = new WebhookChannel(new WebhookSettings(url, Map.of(), null, null, Duration.ofSeconds(5)),
        HttpPost.create(CLOCK, policy));
    return channel.send(WebhookChannelTest.down());
  }

  @Test
  void aWebhookToLoopbackIsRejectedInMultiTenantMode() {
    Delivery d = send(NetworkPolicy.MULTI_TENANT, receiver.url("/hook"));
    assertThat(d).isEqualTo(new Delivery.Rejected("127.0.0.1 is a loopback address (127.0.0.0/8); not allowed by "
        + "network.targets: multi-tenant (add it to network.allow to permit it)"));
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void aNameThatResolvesToLoopbackIsRejected() {
    URI byName = URI.create(receiver.url("/hook").toString().replace("127.0.0.1", "localhost"));
    Delivery d = send(NetworkPolicy.MULTI_TENANT, byName);
    assertThat(d).isInstanceOf(Delivery.Rejected.class);
    assertThat(d.summary()).contains("is a loopback address");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void anAllowedAddressAndSelfHostedModeDeliver() {
    NetworkPolicy allowed = new NetworkPolicy(NetworkPolicy.Targets.MULTI_TENANT,
        List.of(Cidr.parse("127.0.0.0/8")), Set.of());
    assertThat(send(allowed, receiver.url("/hook"))).isEqualTo(new Delivery.Delivered("HTTP 200"));
    assertThat(send(NetworkPolicy.SELF_HOSTED, receiver.url("/hook"))).isEqualTo(new Delivery.Delivered("HTTP 200"));
    assertThat(receiver.requests()).hasSize(2);
  }
}
