package io.pingbase.check;

import java.time.Duration;

/**
 * One probe of one target. One implementation per protocol.
 *
 * <p>Contract: {@link #run} never throws and returns within {@code timeout} plus a small, bounded
 * overshoot; it releases every socket and thread it opened, whatever happens. A failure is a
 * {@link CheckResult} with a {@link FailureReason}, not an exception.
 */
@FunctionalInterface
public interface Check {
  CheckResult run(Duration timeout);
}
