package io.pingbase.account;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing: after {@code free} failures for one key (an account, or a client
 * address) each further attempt must wait, doubling from {@code base} up to {@code max}. A success
 * clears the account's key. Counted separately per account and per address, so one attacker
 * cannot lock out everyone by guessing from many accounts, and many addresses cannot guess one
 * account freely.
 *
 * <p>Memory is bounded: at most {@code capacity} keys are remembered, the least recently failing
 * forgotten first. Time comes from an {@link InstantSource}; tests set it by hand.
 */
public final class LoginThrottle {

  /** What to answer to an attempt: go ahead, or wait this long (a 429 with Retry-After). */
  public record Decision(boolean allowed, Duration retryAfter) {
    static final Decision ALLOW = new Decision(true, Duration.ZERO);
  }

  private record Failures(int count, Instant lockedUntil) {}

  private final InstantSource clock;
  private final int free;
  private final Duration base;
  private final Duration max;
  private final int capacity;
  private final Map<String, Failures> failures;

  public LoginThrottle(InstantSource clock, int free, Duration base, Duration max, int capacity) {
    if (free < 1 || base.isNegative() || base.isZero() || max.compareTo(base) < 0 || capacity < 1) {
      throw new IllegalArgumentException("invalid throttle: free " + free + ", base " + base + ", max " + max
          + ", capacity " + capacity);
    }
    this.clock = clock;
    this.free = free;
    this.base = base;
    this.max = max;
    this.capacity = capacity;
    this.failures = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
        return size() > LoginThrottle.this.capacity;
      }
    };
  }

  /** 5 free attempts, then 1 s doubling to 15 minutes; 100,000 keys. */
  public static LoginThrottle standard(InstantSource clock) {
    return new LoginThrottle(clock, 5, Duration.ofSeconds(1), Duration.ofMinutes(15), 100_000);
  }

  /** Whether an attempt for all of {@code keys} ("account:ann@example.com", "address:10.0.0.7") may go ahead now. */
  public synchronized Decision check(String... keys) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    for (String key : keys) {
      Failures f = failures.get(key);
      if (f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
        Duration left = Duration.between(now, f.lockedUntil());
        wait = left.compareTo(wait) > 0 ? left : wait;
      }
    }
    return wait.isZero() ? Decision.ALLOW : new Decision(false, wait);
  }

  /** Counts a failed attempt against each key. */
  public synchronized void failed(String... keys) {
    Instant now = clock.instant();
    for (String key : keys) {
      Failures f = failures.get(key);
      int count = f == null ? 1 : f.count() + 1;
      Instant locked = null;
      if (count >= free) {
        int doublings = Math.min(count - free, 30);
        Duration wait = base.multipliedBy(1L << doublings);
        locked = now.plus(wait.compareTo(max) > 0 ? max : wait);
      }
      failures.put(key, new Failures(count, locked));
    }
  }

  /** Forgets the failures of {@code keys} (the account's, after a good password). */
  public synchronized void succeeded(String... keys) {
    for (String key : keys) {
      failures.remove(key);
    }
  }
}
