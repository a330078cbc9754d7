package io.pingbase.check.heartbeat;

import java.time.Duration;
import java.time.Instant;

/**
 * What a heartbeat monitor knows from its pings: a value, replaced as a whole on each ping, kept
 * in memory and persisted (latest per monitor) so it survives a restart.
 *
 * @param last           the latest ping of any kind
 * @param completedAt    when the latest run ended (success, fail or exit code); null if none has
 * @param failed         whether that run failed (/fail or a non-zero exit code)
 * @param exitCode       that run's exit code, when it sent one
 * @param startedAt      a /start not yet followed by a completion; null otherwise
 * @param durationMicros the latest completed run's duration (start to completion); null when
 *                       that run sent no /start
 * @param pings          pings received since the monitor was created
 */
public record PingState(Ping last, Instant completedAt, boolean failed, Integer exitCode, Instant startedAt,
    Long durationMicros, long pings) {

  /** The state after {@code ping}; {@code previous} may be null (first ping). */
  public static PingState next(PingState previous, Ping ping) {
    long count = previous == null ? 1 : previous.pings + 1;
    if (!ping.completes()) {
      return previous == null
          ? new PingState(ping, null, false, null, ping.at(), null, count)
          : new PingState(ping, previous.completedAt, previous.failed, previous.exitCode, ping.at(),
              previous.durationMicros, count);
    }
    Instant started = previous == null ? null : previous.startedAt;
    Long duration = started == null || ping.at().isBefore(started)
        ? null
        : Duration.between(started, ping.at()).toNanos() / 1_000;
    return new PingState(ping, ping.at(), ping.failing(), ping.exitCode(), null, duration, count);
  }

  /** The time lateness counts from: the latest completion, or the first run's start. */
  public Instant reference() {
    return completedAt != null ? completedAt : startedAt;
  }
}
