package io.pingbase.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Wall time that tests set and advance by hand. */
public final class SettableClock implements InstantSource {
  private volatile Instant now;

  public SettableClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void set(Instant instant) {
    now = instant;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }
}
