package io.pingbase.check.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Target;
import io.pingbase.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class HeartbeatCheckTest {
  private static final String TOKEN = "abcdefghijklmnopqrstuvwx";
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T10:00:00Z"));
  private final HeartbeatHub hub = new HeartbeatHub(clock);

  private HeartbeatCheck periodic(Duration period, Duration grace) {
    return hub.attach("job", new Target.Heartbeat(period, grace, null, null, TOKEN));
  }

  private HeartbeatCheck cron(String schedule, Duration grace) {
    return hub.attach("job", new Target.Heartbeat(null, grace, schedule, BERLIN, TOKEN));
  }

  private void ping(Ping.Kind kind, Integer exit, String body) {
    hub.record(hub.find(TOKEN), kind, exit, body, body == null ? 0 : body.length());
  }

  private void ping() {
    ping(Ping.Kind.SUCCESS, null, null);
  }

  @Test
  void pendingUntilTheFirstPing() {
    HeartbeatCheck check = periodic(Duration.ofMinutes(5), Duration.ofMinutes(1));
    clock.advance(Duration.ofHours(3));
    assertThat(check.evaluate()).isEmpty();
  }

  @Test
  void periodAndGrace_upThenFlaggedWithinGraceThenLate() {
    HeartbeatCheck check = periodic(Duration.ofMinutes(5), Duration.ofMinutes(1));
    ping();
    clock.advance(Duration.ofMinutes(4));
    CheckResult onTime = check.evaluate().orElseThrow();
    assertThat(onTime.up()).isTrue();
    assertThat(onTime.warning()).isNull();
    assertThat(onTime.details()).containsEntry("late", false).containsEntry("pings", 1L);

    clock.advance(Duration.ofSeconds(90)); // 5m30s: past expected, within grace
    CheckResult withinGrace = check.evaluate().orElseThrow();
    assertThat(withinGrace.up()).isTrue();
    assertThat(withinGrace.warning()).as("late within grace is UP, not DEGRADED").isNull();
    assertThat(withinGrace.details()).containsEntry("late", true).containsEntry("late-by", "30s");

    clock.advance(Duration.ofSeconds(42)); // 6m12s
    CheckResult late = check.evaluate().orElseThrow();
    assertThat(late.up()).isFalse();
    assertThat(late.reason()).isEqualTo(FailureReason.LATE);
    assertThat(late.message()).isEqualTo("no ping for 6m12s, expected every 5m with 1m grace");

    ping(); // a success ping makes it UP again at the next evaluation
    assertThat(check.evaluate().orElseThrow().up()).isTrue();
  }

  @Test
  void exactlyAtTheDeadlineIsNotLateYet() {
    HeartbeatCheck check = periodic(Duration.ofMinutes(5), Duration.ofMinutes(1));
    ping();
    clock.advance(Duration.ofMinutes(6));
    assertThat(check.evaluate().orElseThrow().up()).isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(check.evaluate().orElseThrow().reason()).isEqualTo(FailureReason.LATE);
  }

  @Test
  void failAndExitCodes() {
    HeartbeatCheck check = periodic(Duration.ofMinutes(5), Duration.ofMinutes(1));
    ping(Ping.Kind.FAIL, null, "disk full\nsecond line");
    CheckResult failed = check.evaluate().orElseThrow();
    assertThat(failed.reason()).isEqualTo(FailureReason.FAILED);
    assertThat(failed.message()).isEqualTo("job reported failure: disk full second line");
    assertThat(failed.details()).containsEntry("body", "disk full\nsecond line").containsEntry("last-ping-kind", "fail");
    CheckResult again = check.evaluate().orElseThrow();
    assertThat(again.details()).as("a body is not repeated").doesNotContainKey("body").containsEntry("body-bytes", 21L);
    assertThat(again.message()).as("the failure message keeps the excerpt").isEqualTo(failed.message());

    ping(Ping.Kind.EXIT, 0, null);
    assertThat(check.evaluate().orElseThrow().up()).isTrue();

    ping(Ping.Kind.EXIT, 3, null);
    CheckResult exit3 = check.evaluate().orElseThrow();
    assertThat(exit3.reason()).isEqualTo(FailureReason.FAILED);
    assertThat(exit3.message()).isEqualTo("job exited with code 3");
    assertThat(exit3.details()).containsEntry("exit-code", 3L);

    ping();
    assertThat(check.evaluate().orElseThrow().up()).isTrue();
  }

  @Test
  void startThenSuccessGivesTheRunDuration() {
    HeartbeatCheck check = periodic(Duration.ofHours(1), Duration.ofMinutes(5));
    ping(Ping.Kind.START, null, null);
    CheckResult running = check.evaluate().orElseThrow();
    assertThat(running.up()).isTrue();
    assertThat(running.details()).containsKey("running-since").doesNotContainKey("duration-us");

    clock.advance(Duration.ofSeconds(83).plusMillis(250));
    ping();
    CheckResult done = check.evaluate().orElseThrow();
    assertThat(done.responseMicros()).isEqualTo(83_250_000L);
    assertThat(done.details()).containsEntry("duration-us", 83_250_000L).doesNotContainKey("running-since");

    // A success without a start has no duration.
    clock.advance(Duration.ofMinutes(10));
    ping();
    assertThat(check.evaluate().orElseThrow().details()).doesNotContainKey("duration-us");
  }

  @Test
  void aStartAloneCountsFromTheStart_aHangingJobGoesLate() {
    HeartbeatCheck check = periodic(Duration.ofMinutes(5), Duration.ofMinutes(1));
    ping(Ping.Kind.START, null, null);
    clock.advance(Duration.ofMinutes(7));
    assertThat(check.evaluate().orElseThrow().reason()).isEqualTo(FailureReason.LATE);
  }

  @Test
  void cronLateness_messageInTheZone() {
    HeartbeatCheck check = cron("30 2 * * *", Duration.ofMinutes(5));
    clock.set(LocalDateTime.parse("2026-06-01T02:30:04").atZone(BERLIN).toInstant());
    ping();
    clock.set(LocalDateTime.parse("2026-06-02T02:34:59").atZone(BERLIN).toInstant());
    CheckResult within = check.evaluate().orElseThrow();
    assertThat(within.up()).isTrue();
    assertThat(within.details()).containsEntry("late", true);
    clock.set(LocalDateTime.parse("2026-06-02T02:35:01").atZone(BERLIN).toInstant());
    CheckResult late = check.evaluate().orElseThrow();
    assertThat(late.reason()).isEqualTo(FailureReason.LATE);
    assertThat(late.message()).isEqualTo("expected at 02:30 Europe/Berlin, none by 02:35 (late by 5m1s)");
  }

  /** 2026-10-25: 02:30 happens twice in Berlin. A job that ran at the first 02:30 is not expected at the second. */
  @Test
  void cronAcrossFallBack_noFalseAlarmInTheRepeatedHour() {
    HeartbeatCheck check = cron("30 2 * * *", Duration.ofMinutes(5));
    clock.set(LocalDateTime.parse("2026-10-25T02:30:03").atZone(BERLIN).withEarlierOffsetAtOverlap().toInstant());
    ping();
    // One real hour later the wall clock shows 02:36 again (+01:00): not late.
    clock.advance(Duration.ofMinutes(66));
    assertThat(clock.instant().atZone(BERLIN).toLocalTime().toString()).isEqualTo("02:36:03");
    CheckResult repeated = check.evaluate().orElseThrow();
    assertThat(repeated.up()).isTrue();
    assertThat(repeated.details()).containsEntry("late", false)
        .containsEntry("expected", LocalDateTime.parse("2026-10-26T02:30").atZone(BERLIN).toInstant().toString());
    // The next day at 02:35:01 with no ping: late, measured in the new offset.
    clock.set(LocalDateTime.parse("2026-10-26T02:35:01").atZone(BERLIN).toInstant());
    assertThat(check.evaluate().orElseThrow().message())
        .isEqualTo("expected at 02:30 Europe/Berlin, none by 02:35 (late by 5m1s)");
  }

  /** 2026-03-29: 02:30 does not exist in Berlin. No run is expected that day; the next is on the 30th, 24 h - 1 h later. */
  @Test
  void cronAcrossSpringForward_noFalseAlarmAndLateTheNextDay() {
    HeartbeatCheck check = cron("30 2 * * *", Duration.ofMinutes(5));
    clock.set(LocalDateTime.parse("2026-03-28T02:30:03").atZone(BERLIN).toInstant());
    ping();
    clock.set(LocalDateTime.parse("2026-03-29T04:00").atZone(BERLIN).toInstant());
    assertThat(check.evaluate().orElseThrow().up()).isTrue();
    clock.set(LocalDateTime.parse("2026-03-30T02:34").atZone(BERLIN).toInstant());
    assertThat(check.evaluate().orElseThrow().up()).isTrue();
    clock.set(LocalDateTime.parse("2026-03-30T02:36").atZone(BERLIN).toInstant());
    CheckResult late = check.evaluate().orElseThrow();
    assertThat(late.reason()).isEqualTo(FailureReason.LATE);
    assertThat(late.message()).isEqualTo("expected at 02:30 Europe/Berlin, none by 02:35 (late by 6m)");
  }

  @Test
  void tokensAreLongRandomAndUrlSafe() {
    String a = HeartbeatHub.newToken();
    String b = HeartbeatHub.newToken();
    assertThat(a).hasSize(24).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
    assertThat(Target.Heartbeat.tokenProblem(a)).isNull();
    assertThat(Target.Heartbeat.tokenProblem("short")).contains("22-64 characters");
    assertThat(Target.Heartbeat.tokenProblem("abcdefghijklmnopqrstuvw/")).contains("URL-safe");
  }

  @Test
  void detachedTokenIsUnknown_reattachKeepsState() {
    periodic(Duration.ofMinutes(5), Duration.ofMinutes(1));
    ping();
    hub.detach("job");
    assertThat(hub.find(TOKEN)).isNull();
    HeartbeatCheck again = hub.attach("job", new Target.Heartbeat(Duration.ofMinutes(5), Duration.ZERO, null, null,
        "zyxwvutsrqponmlkjihgfedcba"));
    assertThat(hub.find(TOKEN)).isNull();
    assertThat(hub.find("zyxwvutsrqponmlkjihgfedcba")).isNotNull();
    assertThat(again.evaluate()).isEmpty(); // detaching forgot the in-memory state; storage restores it on restart
  }
}
