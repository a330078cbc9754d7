package io.pingbase.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Target;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateMachineTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final Monitor monitor = new Monitor("db", "DB", new Target.Tcp("127.0.0.1", 5432), Duration.ofSeconds(30),
      Duration.ofSeconds(5), Duration.ofMillis(500), null, ConfirmationPolicy.DEFAULT, MonitorSource.FILE);

  static CheckResult upIn(long millis) {
    return CheckResult.up(millis * 1000, Phases.tcp(-1, millis * 1000), "127.0.0.1:5432");
  }

  static CheckResult refused() {
    return CheckResult.down(FailureReason.REFUSED, "connection refused by 127.0.0.1:5432", 80, Phases.NONE,
        "127.0.0.1:5432");
  }

  StateMachine.Step feed(MonitorStatus status, CheckResult r, int second, boolean recheck) {
    var observed = StateMachine.classify(r, monitor.degradedAfter());
    return StateMachine.onResult(status, monitor,
        new CheckOutcome(1, "db", T0.plusSeconds(second), observed, r, recheck));
  }

  @Test
  void classifiesByOutcomeAndThreshold() {
    assertThat(StateMachine.classify(upIn(20), Duration.ofMillis(500))).isEqualTo(MonitorState.UP);
    assertThat(StateMachine.classify(upIn(500), Duration.ofMillis(500))).isEqualTo(MonitorState.UP);
    assertThat(StateMachine.classify(upIn(501), Duration.ofMillis(500))).isEqualTo(MonitorState.DEGRADED);
    assertThat(StateMachine.classify(upIn(5000), null)).isEqualTo(MonitorState.UP);
    assertThat(StateMachine.classify(refused(), null)).isEqualTo(MonitorState.DOWN);
  }

  @Test
  void aPendingMonitorThatAnswersIsUpAtOnce() {
    var step = feed(MonitorStatus.pending(T0), upIn(5), 0, false);
    assertThat(step.status().state()).isEqualTo(MonitorState.UP);
    assertThat(step.change()).isNotNull();
    assertThat(step.change().from()).isEqualTo(MonitorState.PENDING);
    assertThat(step.recheck()).isFalse();
  }

  @Test
  void aFailureIsConfirmedByTwoRechecksBeforeDown() {
    var up = feed(MonitorStatus.pending(T0), upIn(5), 0, false).status();
    var first = feed(up, refused(), 30, false);
    assertThat(first.status().state()).isEqualTo(MonitorState.UP);
    assertThat(first.change()).isNull();
    assertThat(first.recheck()).isTrue();

    var second = feed(first.status(), refused(), 31, true);
    assertThat(second.status().state()).isEqualTo(MonitorState.UP);
    assertThat(second.recheck()).isTrue();

    var third = feed(second.status(), refused(), 32, true);
    assertThat(third.status().state()).isEqualTo(MonitorState.DOWN);
    assertThat(third.recheck()).isFalse();
    StateChange change = third.change();
    assertThat(change.from()).isEqualTo(MonitorState.UP);
    assertThat(change.to()).isEqualTo(MonitorState.DOWN);
    assertThat(change.reason()).isEqualTo(FailureReason.REFUSED);
    assertThat(change.at()).as("the outage began with the first failure").isEqualTo(T0.plusSeconds(30));
    assertThat(third.status().since()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void oneDroppedPacketIsNotAnOutage() {
    var up = feed(MonitorStatus.pending(T0), upIn(5), 0, false).status();
    var failed = feed(up, refused(), 30, false);
    var recovered = feed(failed.status(), upIn(5), 31, true);
    assertThat(recovered.status().state()).isEqualTo(MonitorState.UP);
    assertThat(recovered.status().confirming()).isFalse();
    assertThat(recovered.change()).isNull();
    assertThat(recovered.recheck()).isFalse();
  }

  @Test
  void recoveryIsConfirmedTheSameWay() {
    var down = new MonitorStatus(MonitorState.DOWN, T0, null, null);
    var a = feed(down, upIn(5), 60, false);
    assertThat(a.status().state()).isEqualTo(MonitorState.DOWN);
    assertThat(a.recheck()).isTrue();
    var b = feed(a.status(), upIn(5), 61, true);
    assertThat(b.status().state()).isEqualTo(MonitorState.DOWN);
    var c = feed(b.status(), upIn(5), 62, true);
    assertThat(c.status().state()).isEqualTo(MonitorState.UP);
    assertThat(c.change().from()).isEqualTo(MonitorState.DOWN);
  }

  @Test
  void aPendingMonitorThatFailsIsConfirmedToo() {
    var a = feed(MonitorStatus.pending(T0), refused(), 0, false);
    assertThat(a.status().state()).isEqualTo(MonitorState.PENDING);
    assertThat(a.recheck()).isTrue();
    var b = feed(a.status(), refused(), 1, true);
    var c = feed(b.status(), refused(), 2, true);
    assertThat(c.status().state()).isEqualTo(MonitorState.DOWN);
    assertThat(c.change().from()).isEqualTo(MonitorState.PENDING);
  }

  @Test
  void slownessIsConfirmedAndReportedWithTheFigure() {
    var up = feed(MonitorStatus.pending(T0), upIn(5), 0, false).status();
    var a = feed(up, upIn(800), 30, false);
    var b = feed(a.status(), upIn(900), 31, true);
    var c = feed(b.status(), upIn(700), 32, true);
    assertThat(c.status().state()).isEqualTo(MonitorState.DEGRADED);
    assertThat(c.change().message()).isEqualTo("response time 700.0 ms exceeds degraded-after 500 ms");
  }

  @Test
  void aWarningMakesAnAnsweringResultDegradedAndNamesTheWhy() {
    CheckResult expiring = upIn(5).withWarning("certificate expires in 12 days (warning at 14)");
    assertThat(StateMachine.classify(expiring, null)).isEqualTo(MonitorState.DEGRADED);
    var up = feed(MonitorStatus.pending(T0), upIn(5), 0, false).status();
    var a = feed(up, expiring, 30, false);
    var b = feed(a.status(), expiring, 31, true);
    var c = feed(b.status(), expiring, 32, true);
    assertThat(c.status().state()).isEqualTo(MonitorState.DEGRADED);
    assertThat(c.change().message()).isEqualTo("certificate expires in 12 days (warning at 14)");
  }

  @Test
  void detailsAreKeptInOneCanonicalJsonShape() {
    CheckResult r = upIn(1).withDetails(java.util.Map.of("status", 200, "nested", java.util.Map.of("n", 1)));
    assertThat(r.details().get("status")).isEqualTo(200L);
    assertThat(r.details().get("nested")).isEqualTo(java.util.Map.of("n", 1L));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> upIn(1).withDetails(java.util.Map.of("x", new Object())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON-shaped");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused().withWarning("no"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theNewStateIsTheClassOfTheLastRecheck() {
    var up = feed(MonitorStatus.pending(T0), upIn(5), 0, false).status();
    var a = feed(up, refused(), 30, false);
    var b = feed(a.status(), upIn(900), 31, true);
    var c = feed(b.status(), refused(), 32, true);
    assertThat(c.status().state()).isEqualTo(MonitorState.DOWN);
  }

  @Test
  void withoutRechecksChangesAreImmediate() {
    Monitor eager = new Monitor("db", "DB", monitor.target(), monitor.interval(), monitor.timeout(), null, null,
        new ConfirmationPolicy(0, Duration.ZERO), MonitorSource.API);
    var up = StateMachine.onResult(MonitorStatus.pending(T0), eager,
        new CheckOutcome(1, "db", T0, MonitorState.UP, upIn(1), false)).status();
    var down = StateMachine.onResult(up, eager,
        new CheckOutcome(1, "db", T0.plusSeconds(1), MonitorState.DOWN, refused(), false));
    assertThat(down.status().state()).isEqualTo(MonitorState.DOWN);
    assertThat(down.recheck()).isFalse();
  }

  @Test
  void pauseAndResumeAreRecordedAndResumeStartsPending() {
    var up = feed(MonitorStatus.pending(T0), upIn(5), 0, false).status();
    var paused = StateMachine.pause(up, monitor, 1, T0.plusSeconds(5), "paused via API");
    assertThat(paused.status().state()).isEqualTo(MonitorState.PAUSED);
    assertThat(paused.change().to()).isEqualTo(MonitorState.PAUSED);
    assertThat(StateMachine.pause(paused.status(), monitor, 1, T0.plusSeconds(6), "again").change()).isNull();

    var late = feed(paused.status(), refused(), 7, false);
    assertThat(late.status().state()).as("a result in flight at pause time does not unpause").isEqualTo(MonitorState.PAUSED);

    var resumed = StateMachine.resume(paused.status(), monitor, 1, T0.plusSeconds(10), "resumed via API");
    assertThat(resumed.status().state()).isEqualTo(MonitorState.PENDING);
    assertThat(resumed.change().from()).isEqualTo(MonitorState.PAUSED);
  }
}
