package io.pingbase.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {
  static Notification down() {
    return new Notification("ev-1", "inc-1", Notification.Kind.DOWN, "db", "Postgres primary", "tcp://db:5432",
        MonitorState.UP, MonitorState.DOWN, FailureReason.REFUSED, "connection refused by 10.0.0.5:5432", 412,
        Instant.parse("2026-11-25T02:00:00Z"), null);
  }

  @Test
  void titlesSayWhatHappened() {
    Notification d = down();
    assertThat(d.title()).isEqualTo("DOWN: Postgres primary (REFUSED)");
    Notification r = new Notification("ev-2", "inc-1", Notification.Kind.RECOVERED, "db", "Postgres primary",
        "tcp://db:5432", MonitorState.DOWN, MonitorState.UP, null, null, 300, Instant.parse("2026-11-25T02:05:00Z"),
        Duration.ofMinutes(5));
    assertThat(r.title()).isEqualTo("RECOVERED: Postgres primary");
    assertThat(Notification.Kind.RECOVERED.wire()).isEqualTo("recovered");
  }

  @Test
  void idsAndNamesAreRequired() {
    assertThatThrownBy(() -> new Notification(" ", "inc", Notification.Kind.DOWN, "db", "DB", null, null,
        MonitorState.DOWN, null, null, -1, Instant.EPOCH, null)).hasMessage("eventId must not be blank");
    assertThatThrownBy(() -> new Notification("ev", "inc", Notification.Kind.DOWN, "db", "", null, null,
        MonitorState.DOWN, null, null, -1, Instant.EPOCH, null)).hasMessage("monitorName must not be blank");
  }
}
