package io.pingbase.store;

import io.pingbase.monitor.CheckOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Raw check results and their hourly rollups. */
public interface ResultStore {

  /**
   * Writes a batch in one transaction. Results older than the rollup watermark lower it in the
   * same transaction, so late results (buffered while the database was down) get rolled up.
   *
   * @throws StoreException when the batch could not be written; nothing of it was
   */
  void append(List<CheckOutcome> batch);

  /** Results of one monitor in [from, to), newest first; {@code cursor} from a previous page or null. */
  Page<StoredResult> results(long monitorRef, Instant from, Instant to, int limit, String cursor);

  /**
   * A chart of [from, to) in buckets of {@code bucket}, oldest first, buckets without checks left
   * out. Ranges up to 7 days come from raw results (with their phases); longer ones from the
   * hourly rollups where they exist (buckets of whole hours), raw results for the rest.
   */
  List<SeriesPoint> series(long monitorRef, Instant from, Instant to, java.time.Duration bucket);

  /** Counts and response-time statistics for [from, to), from raw results and rollups. */
  ResponseStats stats(long monitorRef, Instant from, Instant to);

  /**
   * Computes the rollups of every monitor for the hour starting at {@code hourStart} from raw
   * results and upserts them. Idempotent.
   *
   * @return the number of monitors rolled up
   */
  int rollUp(Instant hourStart);

  /**
   * The start of the first hour that has not been rolled up: every earlier hour has its rollups
   * (or had no results). Empty before the first roll-up. A batch holding results older than the
   * watermark lowers it, so those hours are rolled up again.
   */
  Optional<Instant> rollupWatermark();

  /**
   * Rolls up the hour at the watermark (or, without one, the hour of the oldest result) if that
   * hour ends at or before {@code closedBy}, and moves the watermark to the next hour.
   *
   * <p>Why one call rather than {@link #rollUp} plus a separate "advance": choosing the hour,
   * reading its results and moving the watermark happen in one transaction that concurrent
   * {@link #append}s wait for. Done in separate steps, a result written for that hour between the
   * read and the advance would never be rolled up.
   *
   * @return the hour rolled up, or empty when no closed hour is waiting
   */
  Optional<Instant> rollUpNextHour(Instant closedBy);

  /** The time of the oldest raw result, if any. */
  Optional<Instant> oldestResult();

  /** Deletes raw results older than {@code before}; returns how many. */
  long pruneResults(Instant before);

  /** Deletes rollups of hours older than {@code before}; returns how many. */
  long pruneRollups(Instant before);
}
