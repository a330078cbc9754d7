package io.pingbase.store;

/**
 * Counts and response-time statistics over a range. Response-time figures cover results that
 * answered (UP and DEGRADED); they are -1 when there were none.
 *
 * @param exact false when p95 was estimated from hourly rollups rather than raw results
 */
public record ResponseStats(
    long up, long degraded, long down, long minMicros, long avgMicros, long maxMicros, long p95Micros,
    boolean exact) {

  public long total() {
    return up + degraded + down;
  }
}
