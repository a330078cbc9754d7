package io.pingbase.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.alert.channel.ChannelKinds;
import io.pingbase.alert.channel.Template;
import io.pingbase.alert.channel.Wording;
import io.pingbase.alert.channel.webhook.WebhookSettings;
import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A channel's own title and message, and times for people in the configured zone. */
class ChannelTemplateTest {
  private static final Notification DOWN = new Notification("ev-1", "db/down/1", Notification.Kind.DOWN, "db",
      "Postgres primary", "tcp://db:5432", MonitorState.UP, MonitorState.DOWN, FailureReason.REFUSED,
      "connection refused", 412, Instant.parse("2026-07-01T10:00:00Z"), null);

  private static ChannelSpec spec(String title, String message) {
    return new ChannelSpec("c", ChannelKinds.of("webhook"), WebhookSettings.of(URI.create("http://127.0.0.1:1/")),
        Set.of(), false, Map.of(), title == null ? null : Template.parse(title, "template.title", false),
        message == null ? null : Template.parse(message, "template.message", false));
  }

  @Test
  void aTemplatedChannelShowsItsOwnTitleAndMessageWithTimesInTheZone() {
    Notification shown = spec("{{kind}} · {{monitor_name}}", "{{message}} since {{time}} ({{reason}})")
        .present(DOWN, ZoneId.of("Europe/Berlin"));
    assertThat(shown.title()).isEqualTo("down · Postgres primary");
    assertThat(shown.message()).isEqualTo("connection refused since 2026-07-01 12:00:00 CEST (REFUSED)");
    assertThat(Wording.facts(shown)).containsEntry("At", "2026-07-01 12:00:00 CEST");
    assertThat(shown.eventId()).isEqualTo("ev-1");
    assertThat(shown.at()).isEqualTo(DOWN.at());
  }

  @Test
  void withoutATemplateOnlyTheZoneChanges() {
    Notification shown = spec(null, null).present(DOWN, ZoneId.of("America/New_York"));
    assertThat(shown.title()).isEqualTo("DOWN: Postgres primary (REFUSED)");
    assertThat(shown.message()).isEqualTo("connection refused");
    assertThat(Wording.time(shown)).isEqualTo("2026-07-01 06:00:00 EDT");
    assertThat(Wording.time(DOWN)).isEqualTo("2026-07-01 10:00:00 UTC");
  }

  @Test
  void aTitleTemplateKeepsTheDefaultMessageAndAMissingValueIsEmpty() {
    Notification recovered = new Notification("ev-2", "db/down/1", Notification.Kind.RECOVERED, "db", "DB", null,
        MonitorState.DOWN, MonitorState.UP, null, "connected", -1, DOWN.at(), Duration.ofMinutes(5));
    Notification shown = spec("{{monitor_name}} back after {{down_for}}{{reason}}", null).present(recovered,
        ZoneId.of("UTC"));
    assertThat(shown.title()).isEqualTo("DB back after 5m 0s");
    assertThat(shown.message()).isEqualTo("connected");
  }

  @Test
  void unknownPlaceholdersAndThePayloadAreRefusedOutsideAWebhookBody() {
    assertThatThrownBy(() -> Template.parse("{{monitor}}", "template.title", false))
        .hasMessageContaining("unknown placeholder {{monitor}} in template.title");
    assertThatThrownBy(() -> Template.parse("{{payload}}", "template.message", false))
        .hasMessageContaining("unknown placeholder {{payload}} in template.message");
    assertThat(Template.parse("{{payload}}").isJson()).isFalse();
  }
}
