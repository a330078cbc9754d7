package io.pingbase.check.heartbeat;

import io.pingbase.check.Check;
import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a heartbeat monitor from its last pings and the clock; dials nothing. The engine runs it
 * every {@code interval} and right after a ping that may change the state.
 *
 * <p>Verdicts, in this order: never pinged → no result (the monitor stays PENDING); no ping by the
 * deadline (expected time + grace) → DOWN {@code LATE}, saying how late; the last run failed
 * (/fail, non-zero exit code) → DOWN {@code FAILED} with the exit code; otherwise UP, flagged
 * {@code late: true} in the details while past the expected time but within grace. Lateness
 * counts from the latest completed run (success or failure), or from the first /start.
 */
public final class HeartbeatCheck implements Check {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  /** Characters of a failing ping's body quoted in the DOWN message; the whole body is in the details. */
  private static final int MESSAGE_BODY_CHARS = 200;

  private final Target.Heartbeat target;
  private final HeartbeatHub.Beat beat;
  private final InstantSource clock;
  private final CronSchedule schedule;
  /**
   * The ping count whose body was last put into a result. A body (up to 10 KiB) goes into the
   * first result after its ping only: a heartbeat judged every 10 s would otherwise store the same
   * body 8,640 times a day. Later results keep {@code body-bytes}. Guarded by the engine's lock.
   */
  private long bodyShownFor = -1;

  HeartbeatCheck(Target.Heartbeat target, HeartbeatHub.Beat beat, InstantSource clock) {
    this.target = target;
    this.beat = beat;
    this.clock = clock;
    this.schedule = target.schedule() == null ? null : CronSchedule.parse(target.schedule());
  }

  /** The evaluation, or empty while the monitor was never pinged (it stays PENDING). */
  public Optional<CheckResult> evaluate() {
    PingState state = beat.state();
    if (state == null || state.reference() == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant reference = state.reference();
    Instant expected;
    try {
      expected = expectedAfter(reference);
    } catch (RuntimeException e) { // a schedule that never fires again
      return Optional.of(CheckResult.down(FailureReason.ERROR, e.getMessage(), 0, Phases.NONE, null)
          .withDetails(details(state, null, null, now, false)));
    }
    Instant deadline = expected.plus(target.grace());
    Map<String, Object> details = details(state, expected, deadline, now, state.pings() != bodyShownFor);
    bodyShownFor = state.pings();
    long micros = state.durationMicros() == null ? 0 : state.durationMicros();
    if (now.isAfter(deadline)) {
      return Optional.of(CheckResult.down(FailureReason.LATE, lateMessage(reference, expected, deadline, now), micros,
          Phases.NONE, null).withDetails(details));
    }
    if (state.failed()) {
      return Optional.of(CheckResult.down(FailureReason.FAILED, failedMessage(state), micros, Phases.NONE, null)
          .withDetails(details));
    }
    return Optional.of(CheckResult.up(micros, Phases.NONE, null).withDetails(details));
  }

  /**
   * The engine tells the check how its last evaluation ended, so that a success ping while the
   * monitor is UP and on time costs no evaluation.
   */
  public void settled(CheckResult result, boolean stateIsObserved) {
    beat.settledUp = stateIsObserved && result.up() && !Boolean.TRUE.equals(result.details().get("late"));
  }

  /** Heartbeats are judged by the engine through {@link #evaluate()}; this serves the {@link Check} contract. */
  @Override
  public CheckResult run(Duration timeout) {
    return evaluate().orElseGet(() -> CheckResult.down(FailureReason.LATE, "no ping received yet", 0,
        Phases.NONE, null));
  }

  /** When the next ping is due after one at {@code reference}. */
  Instant expectedAfter(Instant reference) {
    if (schedule == null) {
      return reference.plus(target.period());
    }
    return schedule.next(reference.atZone(target.timezone())).toInstant();
  }

  private String lateMessage(Instant reference, Instant expected, Instant deadline, Instant now) {
    if (schedule == null) {
      return "no ping for " + HeartbeatText.duration(seconds(Duration.between(reference, now))) + ", expected every "
          + HeartbeatText.duration(target.period()) + " with " + HeartbeatText.duration(target.grace()) + " grace";
    }
    ZonedDateTime e = expected.atZone(target.timezone());
    ZonedDateTime d = deadline.atZone(target.timezone());
    ZonedDateTime n = now.atZone(target.timezone());
    String at = e.toLocalDate().equals(n.toLocalDate()) ? TIME.format(e) : DATE_TIME.format(e);
    String by = d.toLocalDate().equals(e.toLocalDate()) ? TIME.format(d) : DATE_TIME.format(d);
    return "expected at " + at + " " + target.timezone().getId() + ", none by " + by + " (late by "
        + HeartbeatText.duration(seconds(Duration.between(expected, now))) + ")";
  }

  private static String failedMessage(PingState state) {
    String what = state.exitCode() != null ? "job exited with code " + state.exitCode() : "job reported failure";
    String body = state.last().completes() ? state.last().body() : null;
    if (body == null || body.isBlank()) {
      return what;
    }
    String excerpt = body.strip().replaceAll("\\s+", " ");
    if (excerpt.length() > MESSAGE_BODY_CHARS) {
      excerpt = excerpt.substring(0, MESSAGE_BODY_CHARS) + "...";
    }
    return what + ": " + excerpt;
  }

  private static Map<String, Object> details(PingState s, Instant expected, Instant deadline, Instant now,
      boolean withBody) {
    Map<String, Object> d = new LinkedHashMap<>();
    Ping last = s.last();
    d.put("last-ping", last.at().toString());
    d.put("last-ping-kind", last.kind().wire());
    d.put("pings", s.pings());
    if (s.exitCode() != null) {
      d.put("exit-code", s.exitCode().longValue());
    }
    if (s.durationMicros() != null) {
      d.put("duration-us", s.durationMicros());
    }
    if (s.startedAt() != null) {
      d.put("running-since", s.startedAt().toString());
    }
    if (expected != null) {
      d.put("expected", expected.toString());
      d.put("deadline", deadline.toString());
      boolean late = now.isAfter(expected);
      d.put("late", late);
      if (late) {
        d.put("late-by", HeartbeatText.duration(seconds(Duration.between(expected, now))));
      }
    }
    if (last.body() != null) {
      if (withBody) {
        d.put("body", last.body());
        d.put("body-truncated", last.bodyTruncated());
      }
      d.put("body-bytes", last.bodyBytes());
    }
    return d;
  }

  private static Duration seconds(Duration d) {
    return Duration.ofSeconds(d.getSeconds());
  }
}
