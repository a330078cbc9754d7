package io.pingbase.store.jdbc;

import io.pingbase.monitor.MonitorState;
import java.util.Arrays;

/**
 * One monitor's figures for one hour, as kept in {@code rollup_hourly}. Response-time figures
 * cover answering results (UP and DEGRADED) and are -1 when none answered.
 */
record Rollup(
    long monitorRef, long hourMs, int up, int degraded, int down,
    long minMicros, long avgMicros, long maxMicros, long p95Micros) {

  /**
   * The 1-based rank of the 95th percentile among {@code n} sorted values by the nearest-rank
   * method: the smallest value that at least 95 % of the values do not exceed. Always an observed
   * value, never an interpolation.
   */
  static long rank95(long n) {
    return (95 * n + 99) / 100; // ceil(0.95 n) in integers
  }

  /** Collects one monitor's results of one hour, then computes its rollup exactly. */
  static final class Builder {
    private final long monitorRef;
    private final long hourMs;
    private int up;
    private int degraded;
    private int down;
    private int[] times = new int[64];
    private int answered;
    private long sum;

    Builder(long monitorRef, long hourMs) {
      this.monitorRef = monitorRef;
      this.hourMs = hourMs;
    }

    long monitorRef() {
      return monitorRef;
    }

    void add(MonitorState observed, int responseMicros) {
      switch (observed) {
        case UP -> up++;
        case DEGRADED -> degraded++;
        case DOWN -> {
          down++;
          return; // a failure's elapsed time is not a response time
        }
        case PENDING, PAUSED -> throw new IllegalStateException(
            "monitor ref " + monitorRef + " has a stored result in state " + observed);
      }
      if (answered == times.length) {
        times = Arrays.copyOf(times, answered * 2);
      }
      times[answered++] = responseMicros;
      sum += responseMicros;
    }

    Rollup build() {
      if (answered == 0) {
        return new Rollup(monitorRef, hourMs, up, degraded, down, -1, -1, -1, -1);
      }
      Arrays.sort(times, 0, answered);
      long avg = Math.round((double) sum / answered);
      long p95 = times[(int) rank95(answered) - 1];
      return new Rollup(monitorRef, hourMs, up, degraded, down, times[0], avg, times[answered - 1], p95);
    }
  }
}
