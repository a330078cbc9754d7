package io.pingbase.monitor;

import io.pingbase.check.CheckResult;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns results into states. Pure logic: no clock, no I/O; the caller passes the time.
 *
 * <p>Rules. A result is classified UP, DEGRADED (answered, but slower than {@code degraded-after})
 * or DOWN. A result that agrees with the current state ends any confirmation. The first result of a
 * PENDING monitor that answers is taken at once: there is nothing to flap from. Any other differing
 * result starts a confirmation: the monitor is re-checked {@code rechecks} times, and only if each
 * re-check still differs from the current state does the state change, to the class of the last
 * re-check. With {@code rechecks = 0} changes are immediate.
 */
public final class StateMachine {
  private StateMachine() {}

  /** What to do after a result: the new status, the change to record (or null), and whether to re-check. */
  public record Step(MonitorStatus status, StateChange change, boolean recheck) {}

  public static MonitorState classify(CheckResult result, Duration degradedAfter) {
    if (!result.up()) {
      return MonitorState.DOWN;
    }
    if (result.warning() != null) {
      return MonitorState.DEGRADED;
    }
    if (degradedAfter != null && result.responseMicros() > degradedAfter.toNanos() / 1_000) {
      return MonitorState.DEGRADED;
    }
    return MonitorState.UP;
  }

  public static Step onResult(MonitorStatus current, Monitor monitor, CheckOutcome outcome) {
    MonitorState observed = outcome.observed();
    Instant at = outcome.at();
    if (current.state() == MonitorState.PAUSED) {
      // A check that was already running when the monitor was paused: keep the result, not the state.
      return new Step(new MonitorStatus(current.state(), current.since(), outcome, null), null, false);
    }
    if (observed == current.state()) {
      return new Step(new MonitorStatus(current.state(), current.since(), outcome, null), null, false);
    }
    int rechecks = monitor.confirmation().rechecks();
    boolean immediate = rechecks == 0 || (current.state() == MonitorState.PENDING && observed != MonitorState.DOWN);
    if (immediate) {
      return change(current, monitor, outcome, outcome.at());
    }
    MonitorStatus.Candidate candidate = current.candidate();
    if (candidate == null || !outcome.recheck()) {
      // First differing result (a scheduled run): start confirming.
      var started = new MonitorStatus.Candidate(observed, 0, at);
      return new Step(new MonitorStatus(current.state(), current.since(), outcome, started), null, true);
    }
    int done = candidate.rechecksDone() + 1;
    if (done >= rechecks) {
      // The new state began with the first differing result, not when confirmation ended.
      return change(current, monitor, outcome, candidate.firstSeen());
    }
    var next = new MonitorStatus.Candidate(observed, done, candidate.firstSeen());
    return new Step(new MonitorStatus(current.state(), current.since(), outcome, next), null, true);
  }

  public static Step pause(MonitorStatus current, Monitor monitor, long monitorRef, Instant at, String why) {
    if (current.state() == MonitorState.PAUSED) {
      return new Step(current, null, false);
    }
    var change = new StateChange(monitorRef, monitor.id(), current.state(), MonitorState.PAUSED, at, null, why, -1);
    return new Step(new MonitorStatus(MonitorState.PAUSED, at, current.last(), null), change, false);
  }

  public static Step resume(MonitorStatus current, Monitor monitor, long monitorRef, Instant at, String why) {
    if (current.state() != MonitorState.PAUSED) {
      return new Step(current, null, false);
    }
    var change = new StateChange(monitorRef, monitor.id(), MonitorState.PAUSED, MonitorState.PENDING, at, null, why, -1);
    return new Step(new MonitorStatus(MonitorState.PENDING, at, current.last(), null), change, false);
  }

  private static Step change(MonitorStatus current, Monitor monitor, CheckOutcome outcome, Instant since) {
    CheckResult r = outcome.result();
    String message = r.message();
    if (outcome.observed() == MonitorState.DEGRADED && r.warning() != null) {
      message = r.warning();
    } else if (outcome.observed() == MonitorState.DEGRADED) {
      message = "response time " + millis(r.responseMicros()) + " ms exceeds degraded-after "
          + monitor.degradedAfter().toMillis() + " ms";
    }
    var change = new StateChange(outcome.monitorRef(), monitor.id(), current.state(), outcome.observed(),
        since, r.reason(), message, r.responseMicros());
    return new Step(new MonitorStatus(outcome.observed(), since, outcome, null), change, false);
  }

  private static String millis(long micros) {
    return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
  }
}
