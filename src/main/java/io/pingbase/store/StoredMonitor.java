package io.pingbase.store;

import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorState;
import java.time.Instant;

/**
 * A monitor as the database holds it.
 *
 * @param ref        internal numeric key that results and events point at (never shown in the API)
 * @param state      last confirmed state written with a state change; PENDING when none yet
 * @param stateSince when that state began; null when none yet
 */
public record StoredMonitor(
    long ref, Monitor monitor, boolean paused, MonitorState state, Instant stateSince,
    Instant createdAt, Instant updatedAt) {}
