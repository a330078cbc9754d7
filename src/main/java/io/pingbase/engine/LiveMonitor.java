package io.pingbase.engine;

import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorStatus;

/** A snapshot of one monitor as the engine runs it. */
public record LiveMonitor(long ref, Monitor monitor, MonitorStatus status) {}
