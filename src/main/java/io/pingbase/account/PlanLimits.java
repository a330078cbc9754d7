package io.pingbase.account;

import java.time.Duration;

/**
 * What one plan allows a workspace: the server operator's limits ({@code accounts.plans} in the
 * file). Null means no limit. Limits refuse what would go over them; lowering one never deletes
 * anything (a workspace over its monitor limit keeps its monitors and cannot add more).
 *
 * @param monitors    how many monitors the workspace may have
 * @param minInterval the shortest check interval its monitors may use
 * @param statusPages how many status pages it may publish
 * @param retention   how far back its history can be read (results, events, statistics); data is
 *                    kept by the server's {@code retention} settings either way
 */
public record PlanLimits(Integer monitors, Duration minInterval, Integer statusPages, Duration retention) {
  public static final PlanLimits UNLIMITED = new PlanLimits(null, null, null, null);

  public PlanLimits {
    if (monitors != null && monitors < 0 || statusPages != null && statusPages < 0) {
      throw new IllegalArgumentException("limits cannot be negative");
    }
  }
}
