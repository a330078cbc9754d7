package io.pingbase.config;

import io.pingbase.alert.AlertingSettings;
import io.pingbase.monitor.Monitor;
import java.util.List;
import java.util.Objects;

/**
 * Everything in {@code pingbase.yml}, validated. Immutable: a reload produces a new instance, and
 * records compare by value, so "did anything change" is {@code equals}.
 *
 * @param monitors the file's monitors, in file order, each with {@code MonitorSource.FILE} and a
 *                 unique id
 * @param alerting the channels, groups and alerting sections
 */
public record PingBaseConfig(
    ServerSettings server,
    StorageSettings storage,
    RetentionSettings retention,
    CheckSettings checks,
    MonitorDefaults defaults,
    List<Monitor> monitors,
    AlertingSettings alerting) {

  /** What an empty file means. */
  public static final PingBaseConfig DEFAULT = new PingBaseConfig(
      ServerSettings.DEFAULT, StorageSettings.DEFAULT, RetentionSettings.DEFAULT, CheckSettings.DEFAULT,
      MonitorDefaults.DEFAULT, List.of(), AlertingSettings.NONE);

  public PingBaseConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(defaults, "defaults");
    monitors = List.copyOf(monitors);
    alerting = alerting == null ? AlertingSettings.NONE : alerting;
    if (monitors.stream().map(Monitor::id).distinct().count() != monitors.size()) {
      throw new IllegalArgumentException("monitor ids must be unique");
    }
  }

  /** The same config with other monitors (the file's unchanged otherwise). */
  public PingBaseConfig(ServerSettings server, StorageSettings storage, RetentionSettings retention,
      CheckSettings checks, MonitorDefaults defaults, List<Monitor> monitors) {
    this(server, storage, retention, checks, defaults, monitors, AlertingSettings.NONE);
  }
}
