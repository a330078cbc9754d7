package io.pingbase.store;

import io.pingbase.monitor.CheckOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Raw check results and their hourly rollups. */
public interface ResultStore {

  /** Writes a batch in one transaction. */
  void append(List<CheckOutcome> batch);

  /** Results of one monitor in [from, to), newest first; {@code cursor} from a previous page or null. */
  Page<StoredResult> results(long monitorRef, Instant from, Instant to, int limit, String cursor);

  /** Counts and response-time statistics for [from, to), from raw results and rollups. */
  ResponseStats stats(long monitorRef, Instant from, Instant to);

  /**
   * Computes the rollups of every monitor for the hour starting at {@code hourStart} from raw
   * results and upserts them. Idempotent.
   *
   * @return the number of monitors rolled up
   */
  int rollUp(Instant hourStart);

  /** The time of the oldest raw result, if any. */
  Optional<Instant> oldestResult();

  /** Deletes raw results older than {@code before}; returns how many. */
  long pruneResults(Instant before);

  /** Deletes rollups of hours older than {@code before}; returns how many. */
  long pruneRollups(Instant before);
}
