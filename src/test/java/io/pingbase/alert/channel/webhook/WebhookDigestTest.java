package io.pingbase.alert.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.alert.Notification;
import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A digest's payload carries each monitor it stands for, in the v1 shape. */
class WebhookDigestTest {
  @Test
  void aDigestListsEachFoldedNotification() {
    Instant at = Instant.parse("2026-11-25T02:00:00Z");
    Notification a = new Notification("e1", "a/down/1", Notification.Kind.DOWN, "a", "A", "tcp://a:1", MonitorState.UP,
        MonitorState.DOWN, FailureReason.REFUSED, "refused", 10, at, null);
    Notification b = new Notification("e2", "b/down/1", Notification.Kind.DOWN, "b", "B", "tcp://b:1", MonitorState.UP,
        MonitorState.DOWN, FailureReason.TIMEOUT, "timed out", -1, at, null);
    Notification digest = new Notification("digest-e1", "digest-e1", Notification.Kind.DOWN, "digest", "2 monitors",
        null, null, MonitorState.DOWN, null, "• DOWN: A\n• DOWN: B", -1, at, null, List.of(a, b));
    var payload = WebhookChannel.payload(digest);
    assertThat(payload.path("title").asText()).isEqualTo("DOWN: 2 monitors");
    assertThat(payload.path("folded")).hasSize(2);
    assertThat(payload.at("/folded/1/monitor/id").asText()).isEqualTo("b");
    assertThat(payload.at("/folded/1/reason").asText()).isEqualTo("TIMEOUT");
    assertThat(WebhookChannel.payload(a).has("folded")).isFalse();
  }
}
