package io.pingbase.store;

import java.time.Instant;

/**
 * One bucket of a monitor's chart: its checks by outcome, and the response times of those that
 * answered (UP or DEGRADED). Times are averages in microseconds; null when no check answered (or,
 * for phases, when the bucket came from hourly rollups, which keep no phases).
 */
public record SeriesPoint(Instant start, long up, long degraded, long down, Long avgMicros, Long maxMicros,
    Long dnsMicros, Long connectMicros, Long tlsMicros, Long firstByteMicros) {}
