package io.pingbase.check.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static ZonedDateTime berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN);
  }

  @Test
  void nextIsTheFollowingExecutionInTheZone() {
    CronSchedule s = CronSchedule.parse("30 2 * * *");
    assertThat(s.next(berlin("2026-06-01T02:30:05")).toLocalDateTime()).isEqualTo("2026-06-02T02:30");
    assertThat(s.next(berlin("2026-06-01T01:00")).toLocalDateTime()).isEqualTo("2026-06-01T02:30");
  }

  /** Clocks fall back on 2026-10-25 at 03:00 CEST to 02:00 CET: 02:30 happens twice, cron runs the job once. */
  @Test
  void fallBackDoesNotExpectTheRepeatedWallTimeAgain() {
    CronSchedule s = CronSchedule.parse("30 2 * * *");
    ZonedDateTime firstRun = berlin("2026-10-25T02:30:10"); // the earlier offset (+02:00)
    assertThat(firstRun.getOffset().getTotalSeconds()).isEqualTo(7200);
    ZonedDateTime next = s.next(firstRun);
    assertThat(next.toLocalDateTime()).isEqualTo("2026-10-26T02:30");
    // Asked from the repeated hour itself (+01:00), the next run is also tomorrow.
    ZonedDateTime secondPass = firstRun.withLaterOffsetAtOverlap();
    assertThat(secondPass.getOffset().getTotalSeconds()).isEqualTo(3600);
    assertThat(s.next(secondPass).toLocalDateTime()).isEqualTo("2026-10-26T02:30");
  }

  /** Hourly jobs still run every real hour across the fall-back, never twice at one wall time. */
  @Test
  void hourlyAcrossFallBackAdvancesWallTime() {
    CronSchedule s = CronSchedule.parse("0 * * * *");
    ZonedDateTime t = berlin("2026-10-25T01:30");
    ZonedDateTime a = s.next(t);
    ZonedDateTime b = s.next(a);
    ZonedDateTime c = s.next(b);
    assertThat(a.toLocalDateTime()).isEqualTo("2026-10-25T02:00");
    assertThat(b.toLocalDateTime()).isEqualTo("2026-10-25T03:00");
    assertThat(c.toLocalDateTime()).isEqualTo("2026-10-25T04:00");
  }

  /** Clocks spring forward on 2026-03-29 at 02:00 CET to 03:00 CEST: 02:30 does not exist that day. */
  @Test
  void springForwardExpectsARealInstantAfterTheGap() {
    CronSchedule s = CronSchedule.parse("30 2 * * *");
    ZonedDateTime before = berlin("2026-03-28T02:30:05");
    ZonedDateTime next = s.next(before);
    // cron-utils skips the missing time: nothing is expected on the 29th, so a daemon that runs
    // the job at 03:00 instead (Vixie cron) or skips it cannot cause a false alarm.
    assertThat(next.toLocalDateTime()).isEqualTo("2026-03-30T02:30");
    assertThat(next.getOffset().getTotalSeconds()).isEqualTo(7200);
    // A job that did run right after the gap expects its next run the day after.
    assertThat(s.next(berlin("2026-03-29T03:00:10")).toLocalDateTime()).isEqualTo("2026-03-30T02:30");
  }

  @Test
  void badExpressionsSayWhatIsWrong() {
    assertThatThrownBy(() -> CronSchedule.parse("30 2 * *")).hasMessageContaining("5 fields");
    assertThatThrownBy(() -> CronSchedule.parse("61 2 * * *")).hasMessageContaining("invalid cron expression");
    assertThatThrownBy(() -> CronSchedule.parse(" ")).hasMessageContaining("must not be empty");
  }
}
