package io.pingbase.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long history is kept.
 *
 * @param raw     every single check result; these are what make the database grow
 * @param rollups hourly and daily aggregates for long-range uptime; never shorter than {@code raw},
 *                since rollups are what remains once raw results are gone
 */
public record RetentionSettings(Duration raw, Duration rollups) {
  /** Statistics over the last 48 h are computed exactly from raw results, so keep at least two days. */
  public static final Duration MIN_RAW = Duration.ofDays(2);
  public static final RetentionSettings DEFAULT = new RetentionSettings(Duration.ofDays(30), Duration.ofDays(400));

  public RetentionSettings {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(rollups, "rollups");
    if (raw.compareTo(MIN_RAW) < 0) {
      throw new IllegalArgumentException("raw retention must be at least 2d, was " + raw);
    }
    if (rollups.compareTo(raw) < 0) {
      throw new IllegalArgumentException("rollups retention must not be shorter than raw");
    }
  }
}
