package io.pingbase.monitor;

import io.pingbase.check.CheckResult;
import java.time.Instant;

/**
 * One stored check result: what the probe saw and how the monitor classified it.
 *
 * @param observed UP, DEGRADED or DOWN: this result alone, before any confirmation
 * @param recheck  true for a confirmation re-check, false for a scheduled run
 */
public record CheckOutcome(
    long monitorRef, String monitorId, Instant at, MonitorState observed, CheckResult result, boolean recheck) {}
