package io.pingbase.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.monitor.Uptime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyUptimeTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static StateChange change(String at, MonitorState from, MonitorState to) {
    return new StateChange(1, "db", from, to, Instant.parse(at), null, null, -1);
  }

  @Test
  void eachDayIsItsOwnShareOfUptimeInThePagesTimeZone() {
    Instant now = Instant.parse("2026-03-05T11:00:00Z"); // 12:00 in Berlin, 5 March
    List<DailyUptime.Day> days = DailyUptime.of(null, List.of(
        change("2026-03-02T23:00:00Z", MonitorState.PENDING, MonitorState.UP),   // 3 March 00:00 Berlin
        change("2026-03-04T10:00:00Z", MonitorState.UP, MonitorState.DOWN),      // 1 h 12 min down on 4 March
        change("2026-03-04T11:12:00Z", MonitorState.DOWN, MonitorState.UP)), List.of(), BERLIN, 5, now);

    assertThat(days).extracting(DailyUptime.Day::date).containsExactly(LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 5));
    assertThat(days.get(0).percent()).as("before the monitor existed").isNull();
    assertThat(days.get(0).grade()).isEqualTo("none");
    assertThat(days.get(2).percent()).isEqualTo(100.0);
    assertThat(days.get(3).down()).isEqualTo(Duration.ofMinutes(72));
    assertThat(days.get(3).percent()).isCloseTo(95.0, org.assertj.core.data.Offset.offset(0.001));
    assertThat(days.get(3).grade()).isEqualTo("bad");
    assertThat(days.get(4).percent()).as("today so far").isEqualTo(100.0);
  }

  @Test
  void maintenanceIsNeitherUpNorDownAndAnEarlierStateCarriesOver() {
    Instant now = Instant.parse("2026-03-03T00:00:00Z");
    var window = new Uptime.Window(Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T12:00:00Z"));
    List<DailyUptime.Day> days = DailyUptime.of(MonitorState.DOWN, List.of(
        change("2026-03-02T11:00:00Z", MonitorState.DOWN, MonitorState.UP)), List.of(window), ZoneId.of("UTC"), 3, now);
    assertThat(days.get(0).percent()).as("down since before the range, all day").isEqualTo(0.0);
    assertThat(days.get(1).maintenance()).isEqualTo(Duration.ofHours(2));
    assertThat(days.get(1).down()).isEqualTo(Duration.ofHours(10));
    assertThat(days.get(1).percent()).as("12 h up of 22 h monitored").isCloseTo(100.0 * 12 / 22,
        org.assertj.core.data.Offset.offset(0.001));
    assertThat(days.get(2).percent()).as("today has not begun").isNull();
  }
}
