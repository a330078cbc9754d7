package io.pingbase.schedule;

/**
 * Monotonic time in nanoseconds, for scheduling and for measuring durations. Unlike wall time it
 * never jumps with NTP or DST; only differences between readings mean anything. Injected so tests
 * can drive the scheduler tick by tick.
 */
@FunctionalInterface
public interface MonotonicClock {
  long nanoTime();

  static MonotonicClock system() {
    return System::nanoTime;
  }
}
