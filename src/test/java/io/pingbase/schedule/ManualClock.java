package io.pingbase.schedule;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A monotonic clock that only moves when a test says so. */
public final class ManualClock implements MonotonicClock {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return now.get();
  }

  public void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }
}
