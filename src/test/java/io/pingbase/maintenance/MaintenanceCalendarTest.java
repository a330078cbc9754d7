package io.pingbase.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.Target;
import io.pingbase.check.heartbeat.CronSchedule;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which windows are open when, with fixed instants; Europe/Berlin for the daylight-saving nights of 2026. */
class MaintenanceCalendarTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId UTC = ZoneId.of("UTC");
  static final Monitor DB = monitor("db", "Databases");
  static final Monitor WEB = monitor("web", "Frontend");
  static final Monitor LONE = monitor("lone", null);

  static Monitor monitor(String id, String group) {
    return new Monitor(id, "Monitor " + id, new Target.Tcp("127.0.0.1", 5432), Duration.ofSeconds(30),
        Duration.ofSeconds(5), null, group, ConfirmationPolicy.DEFAULT, MonitorSource.FILE);
  }

  static MaintenanceWindow window(String name, Schedule schedule, ZoneId zone, Coverage coverage) {
    return new MaintenanceWindow(name, null, schedule, zone, coverage, MonitorSource.FILE);
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void aOneOffWindowIsOpenFromItsStartUntilJustBeforeItsEnd() {
    var cal = new MaintenanceCalendar(List.of(window("upgrade",
        new Schedule.OneOff(at("2026-05-01T10:00:00Z"), at("2026-05-01T12:00:00Z")), UTC, Coverage.ALL)));
    assertThat(cal.windowAt(DB, at("2026-05-01T09:59:59.999Z"))).isEmpty();
    assertThat(cal.windowAt(DB, at("2026-05-01T10:00:00Z"))).contains("upgrade");
    assertThat(cal.windowAt(LONE, at("2026-05-01T11:59:59.999Z"))).contains("upgrade");
    assertThat(cal.windowAt(DB, at("2026-05-01T12:00:00Z"))).isEmpty();
    assertThat(cal.nextStart("upgrade", at("2026-04-01T00:00:00Z"))).contains(at("2026-05-01T10:00:00Z"));
    assertThat(cal.nextStart("upgrade", at("2026-05-01T10:00:00Z"))).isEmpty();
  }

  @Test
  void aWindowCoversOnlyItsMonitorsAndGroups() {
    var schedule = new Schedule.OneOff(at("2026-05-01T10:00:00Z"), at("2026-05-01T12:00:00Z"));
    var cal = new MaintenanceCalendar(List.of(
        window("dbs", schedule, UTC, new Coverage(false, List.of(), List.of("Databases"))),
        window("web", schedule, UTC, new Coverage(false, List.of("web"), List.of()))));
    Instant inside = at("2026-05-01T11:00:00Z");
    assertThat(cal.windowAt(DB, inside)).contains("dbs");
    assertThat(cal.windowAt(WEB, inside)).contains("web");
    assertThat(cal.windowAt(LONE, inside)).isEmpty();
  }

  @Test
  void aWeeklyWindowMayCrossMidnight() {
    var cal = new MaintenanceCalendar(List.of(window("night",
        new Schedule.Weekly(Set.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(2, 0)), UTC, Coverage.ALL)));
    // Saturday 7 March 2026, 22:00 to Sunday 02:00.
    assertThat(cal.windowAt(DB, at("2026-03-06T23:00:00Z"))).as("Friday night").isEmpty();
    assertThat(cal.windowAt(DB, at("2026-03-07T21:59:59Z"))).isEmpty();
    assertThat(cal.windowAt(DB, at("2026-03-07T22:00:00Z"))).contains("night");
    assertThat(cal.windowAt(DB, at("2026-03-08T01:59:59Z"))).contains("night");
    assertThat(cal.windowAt(DB, at("2026-03-08T02:00:00Z"))).isEmpty();
    assertThat(cal.windowAt(DB, at("2026-03-08T22:30:00Z"))).as("Sunday night").isEmpty();
    assertThat(cal.nextStart("night", at("2026-03-07T23:00:00Z"))).contains(at("2026-03-14T22:00:00Z"));
  }

  /**
   * Sunday 02:00-04:00 in Europe/Berlin: 01:00-03:00Z in winter, 00:00-02:00Z in summer. On
   * 29 March 2026 02:00 does not exist (clocks jump to 03:00), so the window runs 03:00-04:00
   * local, one hour; on 25 October 02:00-03:00 happens twice, and the window runs from the first
   * 02:00 (CEST) to 04:00 (CET), three hours.
   */
  @Test
  void aWeeklyWindowKeepsItsLocalTimesAcrossDaylightSavingChanges() {
    var cal = new MaintenanceCalendar(List.of(window("sunday",
        new Schedule.Weekly(Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 0), LocalTime.of(4, 0)), BERLIN,
        Coverage.ALL)));
    // Winter: 22 March.
    assertThat(cal.windowAt(DB, at("2026-03-22T00:59:59Z"))).isEmpty();
    assertThat(cal.windowAt(DB, at("2026-03-22T01:00:00Z"))).contains("sunday");
    assertThat(cal.windowAt(DB, at("2026-03-22T02:59:59Z"))).contains("sunday");
    assertThat(cal.windowAt(DB, at("2026-03-22T03:00:00Z"))).isEmpty();
    // Spring forward: 29 March, 03:00-04:00 CEST = 01:00-02:00Z.
    assertThat(cal.windowAt(DB, at("2026-03-29T00:59:59Z"))).isEmpty();
    assertThat(cal.windowAt(DB, at("2026-03-29T01:00:00Z"))).contains("sunday");
    assertThat(cal.windowAt(DB, at("2026-03-29T01:59:59Z"))).contains("sunday");
    assertThat(cal.windowAt(DB, at("2026-03-29T02:00:00Z"))).isEmpty();
    // Summer: 5 April, 00:00-02:00Z.
    assertThat(cal.windowAt(DB, at("2026-04-04T23:59:59Z"))).isEmpty();
    assertThat(cal.windowAt(DB, at("2026-04-05T00:00:00Z"))).contains("sunday");
    assertThat(cal.windowAt(DB, at("2026-04-05T02:00:00Z"))).isEmpty();
    // Fall back: 25 October, 02:00 CEST (00:00Z) to 04:00 CET (03:00Z).
    assertThat(cal.windowAt(DB, at("2026-10-24T23:59:59Z"))).isEmpty();
    assertThat(cal.windowAt(DB, at("2026-10-25T00:00:00Z"))).contains("sunday");
    assertThat(cal.windowAt(DB, at("2026-10-25T02:30:00Z"))).contains("sunday");
    assertThat(cal.windowAt(DB, at("2026-10-25T03:00:00Z"))).isEmpty();
    assertThat(cal.intervals(DB, at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z")))
        .containsExactly(new Interval(at("2026-10-25T00:00:00Z"), at("2026-10-25T03:00:00Z")));
    assertThat(cal.nextStart("sunday", at("2026-03-23T00:00:00Z"))).contains(at("2026-03-29T01:00:00Z"));
  }

  /** "0 3 * * *" for an hour in Europe/Berlin: 02:00Z before the spring change, 01:00Z after. */
  @Test
  void aCronWindowFollowsLocalTimeAcrossTheSpringChange() {
    var cal = new MaintenanceCalendar(List.of(window("nightly",
        new Schedule.Cron(CronSchedule.parse("0 3 * * *"), Duration.ofHours(1)), BERLIN,
        new Coverage(false, List.of("db"), List.of()))));
    assertThat(cal.windowAt(DB, at("2026-03-28T01:59:59Z"))).isEmpty();
    assertThat(cal.windowAt(DB, at("2026-03-28T02:00:00Z"))).contains("nightly");
    assertThat(cal.windowAt(DB, at("2026-03-28T02:59:59Z"))).contains("nightly");
    assertThat(cal.windowAt(DB, at("2026-03-28T03:00:00Z"))).isEmpty();
    assertThat(cal.windowAt(DB, at("2026-03-29T01:30:00Z"))).contains("nightly");
    assertThat(cal.windowAt(DB, at("2026-03-29T02:30:00Z"))).isEmpty();
    assertThat(cal.windowAt(WEB, at("2026-03-29T01:30:00Z"))).isEmpty();
    assertThat(cal.isOpen("nightly", at("2026-03-29T01:30:00Z"))).isTrue();
    assertThat(cal.nextStart("nightly", at("2026-03-29T01:30:00Z"))).contains(at("2026-03-30T01:00:00Z"));
  }

  @Test
  void aCronWindowLongerThanItsPeriodIsOpenWithoutGaps() {
    var cal = new MaintenanceCalendar(List.of(window("always",
        new Schedule.Cron(CronSchedule.parse("*/10 * * * *"), Duration.ofMinutes(15)), UTC, Coverage.ALL)));
    for (int minute = 0; minute < 120; minute++) {
      assertThat(cal.windowAt(DB, at("2026-06-01T00:00:00Z").plusSeconds(60L * minute + 59))).isPresent();
    }
    assertThat(cal.intervals(DB, at("2026-06-01T00:00:00Z"), at("2026-06-01T02:00:00Z")))
        .containsExactly(new Interval(at("2026-06-01T00:00:00Z"), at("2026-06-01T02:00:00Z")));
  }

  /** The occurrences are laid out around the last question; one far away lays them out again. */
  @Test
  void questionsFarApartInTimeAreAnsweredAlike() {
    var cal = new MaintenanceCalendar(List.of(window("daily",
        new Schedule.Weekly(Set.of(DayOfWeek.values()), LocalTime.of(1, 0), LocalTime.of(2, 0)), UTC, Coverage.ALL)));
    for (String day : List.of("2026-01-01", "2030-07-15", "2026-01-02", "2020-02-29", "2026-01-01")) {
      assertThat(cal.windowAt(DB, at(day + "T01:30:00Z"))).as(day).contains("daily");
      assertThat(cal.windowAt(DB, at(day + "T02:30:00Z"))).as(day).isEmpty();
    }
  }

  @Test
  void uptimeIntervalsAreTheUnionOfTheCoveringWindowsClippedToTheRange() {
    var cal = new MaintenanceCalendar(List.of(
        window("a", new Schedule.OneOff(at("2026-05-01T10:00:00Z"), at("2026-05-01T12:00:00Z")), UTC, Coverage.ALL),
        window("b", new Schedule.OneOff(at("2026-05-01T11:00:00Z"), at("2026-05-01T13:00:00Z")), UTC,
            new Coverage(false, List.of("db"), List.of())),
        window("c", new Schedule.OneOff(at("2026-05-01T20:00:00Z"), at("2026-05-01T21:00:00Z")), UTC,
            new Coverage(false, List.of("web"), List.of()))));
    assertThat(cal.intervals(DB, at("2026-05-01T10:30:00Z"), at("2026-05-02T00:00:00Z")))
        .containsExactly(new Interval(at("2026-05-01T10:30:00Z"), at("2026-05-01T13:00:00Z")));
    assertThat(cal.intervals(WEB, at("2026-05-01T00:00:00Z"), at("2026-05-02T00:00:00Z"))).containsExactly(
        new Interval(at("2026-05-01T10:00:00Z"), at("2026-05-01T12:00:00Z")),
        new Interval(at("2026-05-01T20:00:00Z"), at("2026-05-01T21:00:00Z")));
  }

  @Test
  void theLiveMaintenanceAnswersFromTheCalendarSetLast() {
    LiveMaintenance live = new LiveMaintenance();
    Instant t = at("2026-05-01T11:00:00Z");
    assertThat(live.windowAt(DB, t)).isEmpty();
    live.set(new MaintenanceCalendar(List.of(window("now",
        new Schedule.OneOff(at("2026-05-01T10:00:00Z"), at("2026-05-01T12:00:00Z")), UTC, Coverage.ALL))));
    assertThat(live.windowAt(DB, t)).isEqualTo(Optional.of("now"));
  }
}
