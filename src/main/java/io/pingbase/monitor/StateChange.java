package io.pingbase.monitor;

import io.pingbase.check.FailureReason;
import java.time.Instant;

/**
 * A monitor moved from one state to another. Stored for every change: the base of incidents,
 * alerts and uptime.
 *
 * @param reason         the failure reason when the new state is DOWN; otherwise null
 * @param message        what was seen ("connection refused by 10.0.0.5:5432", "paused via API")
 * @param responseMicros response time of the result that caused the change; -1 when none
 */
public record StateChange(
    long monitorRef,
    String monitorId,
    MonitorState from,
    MonitorState to,
    Instant at,
    FailureReason reason,
    String message,
    long responseMicros) {}
