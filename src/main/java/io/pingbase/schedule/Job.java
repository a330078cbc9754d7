package io.pingbase.schedule;

import java.time.Duration;

/** Work the scheduler runs for one key. */
@FunctionalInterface
public interface Job {

  /**
   * Runs once.
   *
   * @param followUp true when this run is a follow-up that an earlier run asked for
   * @return null when done, or a delay after which the scheduler runs this job again as a
   *     follow-up (a confirmation re-check). Periodic runs of the key are skipped until a run
   *     returns null.
   */
  Duration run(boolean followUp) throws Exception;
}
