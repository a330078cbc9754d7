package io.pingbase.monitor;

import java.time.Instant;

/**
 * A monitor's runtime status: its confirmed state, since when, the last result, and the state it
 * is being confirmed into, if any.
 *
 * @param since     when the current state began; null while PENDING from birth
 * @param last      the latest result; null before the first one
 * @param candidate the state a confirmation is under way for; null when none
 */
public record MonitorStatus(MonitorState state, Instant since, CheckOutcome last, Candidate candidate) {

  /** A change seen but not yet confirmed: {@code rechecksDone} re-checks have agreed so far. */
  public record Candidate(MonitorState state, int rechecksDone, Instant firstSeen) {}

  public static MonitorStatus pending(Instant since) {
    return new MonitorStatus(MonitorState.PENDING, since, null, null);
  }

  public boolean confirming() {
    return candidate != null;
  }
}
