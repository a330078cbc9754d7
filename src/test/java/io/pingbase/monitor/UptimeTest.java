package io.pingbase.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UptimeTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  static StateChange change(MonitorState from, MonitorState to, long minutes) {
    return new StateChange(1, "m", from, to, T0.plus(Duration.ofMinutes(minutes)), null, null, -1);
  }

  @Test
  void downtimeIsWeightedByTime() {
    var r = Uptime.compute(MonitorState.UP, List.of(
        change(MonitorState.UP, MonitorState.DOWN, 60),
        change(MonitorState.DOWN, MonitorState.UP, 66)), T0, T0.plus(Duration.ofHours(10)));
    assertThat(r.down()).isEqualTo(Duration.ofMinutes(6));
    assertThat(r.percent()).isCloseTo(99.0, within(1e-9));
  }

  @Test
  void pendingAndPausedAreNotMonitoredTime() {
    var r = Uptime.compute(null, List.of(
        change(MonitorState.PENDING, MonitorState.UP, 30),
        change(MonitorState.UP, MonitorState.PAUSED, 60),
        change(MonitorState.PAUSED, MonitorState.PENDING, 90),
        change(MonitorState.PENDING, MonitorState.DOWN, 91)), T0, T0.plus(Duration.ofMinutes(101)));
    assertThat(r.monitored()).isEqualTo(Duration.ofMinutes(40));
    assertThat(r.time().get(MonitorState.PAUSED)).isEqualTo(Duration.ofMinutes(30));
    assertThat(r.percent()).isCloseTo(75.0, within(1e-9));
  }

  @Test
  void degradedCountsAsAvailable() {
    var r = Uptime.compute(MonitorState.DEGRADED, List.of(), T0, T0.plus(Duration.ofHours(1)));
    assertThat(r.percent()).isEqualTo(100.0);
  }

  @Test
  void nothingMonitoredHasNoPercentage() {
    assertThat(Uptime.compute(null, List.of(), T0, T0.plusSeconds(60)).percent()).isNull();
  }
}
