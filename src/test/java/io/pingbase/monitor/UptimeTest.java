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

  static Uptime.Window window(long fromMinute, long toMinute) {
    return new Uptime.Window(T0.plus(Duration.ofMinutes(fromMinute)), T0.plus(Duration.ofMinutes(toMinute)));
  }

  /**
   * Down 60-90 in a window 50-80: 20 minutes are maintenance, 10 downtime. Paused time inside a
   * window stays paused, and the percentage is of the monitored time outside windows.
   */
  @Test
  void timeInAMaintenanceWindowIsNeitherUptimeNorDowntime() {
    var r = Uptime.compute(MonitorState.UP, List.of(
        change(MonitorState.UP, MonitorState.DOWN, 60),
        change(MonitorState.DOWN, MonitorState.UP, 90),
        change(MonitorState.UP, MonitorState.PAUSED, 100),
        change(MonitorState.PAUSED, MonitorState.UP, 110)), T0, T0.plus(Duration.ofMinutes(120)),
        List.of(window(50, 80), window(105, 115)));
    assertThat(r.maintenance()).isEqualTo(Duration.ofMinutes(10 + 20 + 5));
    assertThat(r.down()).isEqualTo(Duration.ofMinutes(10));
    assertThat(r.time().get(MonitorState.PAUSED)).isEqualTo(Duration.ofMinutes(10));
    assertThat(r.time().get(MonitorState.UP)).isEqualTo(Duration.ofMinutes(50 + 10 + 5));
    assertThat(r.monitored()).isEqualTo(Duration.ofMinutes(75));
    assertThat(r.percent()).isCloseTo(100.0 * 65 / 75, within(1e-9));
  }

  @Test
  void aRangeWhollyInMaintenanceHasNoPercentage() {
    var r = Uptime.compute(MonitorState.DOWN, List.of(), T0, T0.plus(Duration.ofHours(1)), List.of(window(-10, 70)));
    assertThat(r.maintenance()).isEqualTo(Duration.ofHours(1));
    assertThat(r.percent()).isNull();
    assertThat(Uptime.compute(MonitorState.DOWN, List.of(), T0, T0.plus(Duration.ofHours(1))).maintenance()).isZero();
  }
}
