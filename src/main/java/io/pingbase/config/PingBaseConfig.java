package io.pingbase.config;

import io.pingbase.account.AccountSettings;
import io.pingbase.alert.AlertingSettings;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.monitor.Monitor;
import io.pingbase.net.NetworkPolicy;
import java.util.List;
import java.util.Objects;

/**
 * Everything in {@code pingbase.yml}, validated. Immutable: a reload produces a new instance, and
 * records compare by value, so "did anything change" is {@code equals}.
 *
 * @param monitors the file's monitors, in file order, each with {@code MonitorSource.FILE} and a
 *                 unique id
 * @param alerting the channels, groups and alerting sections
 * @param maintenance the file's maintenance windows, names unique
 * @param network  which addresses checks and channels may connect to
 * @param accounts sign-up, sessions and the plans that limit workspaces
 */
public record PingBaseConfig(
    ServerSettings server,
    StorageSettings storage,
    RetentionSettings retention,
    CheckSettings checks,
    MonitorDefaults defaults,
    List<Monitor> monitors,
    AlertingSettings alerting,
    List<MaintenanceWindow> maintenance,
    NetworkPolicy network,
    AccountSettings accounts) {

  /** What an empty file means. */
  public static final PingBaseConfig DEFAULT = new PingBaseConfig(
      ServerSettings.DEFAULT, StorageSettings.DEFAULT, RetentionSettings.DEFAULT, CheckSettings.DEFAULT,
      MonitorDefaults.DEFAULT, List.of(), AlertingSettings.NONE, List.of(), NetworkPolicy.SELF_HOSTED,
      AccountSettings.DEFAULT);

  public PingBaseConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(defaults, "defaults");
    monitors = List.copyOf(monitors);
    alerting = alerting == null ? AlertingSettings.NONE : alerting;
    maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
    network = network == null ? NetworkPolicy.SELF_HOSTED : network;
    accounts = accounts == null ? AccountSettings.DEFAULT : accounts;
    if (maintenance.stream().map(MaintenanceWindow::name).distinct().count() != maintenance.size()) {
      throw new IllegalArgumentException("maintenance window names must be unique");
    }
    if (monitors.stream().map(Monitor::id).distinct().count() != monitors.size()) {
      throw new IllegalArgumentException("monitor ids must be unique");
    }
  }

  /** The default accounts settings (invitation only, no plan limits). */
  public PingBaseConfig(ServerSettings server, StorageSettings storage, RetentionSettings retention,
      CheckSettings checks, MonitorDefaults defaults, List<Monitor> monitors, AlertingSettings alerting,
      List<MaintenanceWindow> maintenance, NetworkPolicy network) {
    this(server, storage, retention, checks, defaults, monitors, alerting, maintenance, network, AccountSettings.DEFAULT);
  }

  /** Self-hosted network settings (everything allowed). */
  public PingBaseConfig(ServerSettings server, StorageSettings storage, RetentionSettings retention,
      CheckSettings checks, MonitorDefaults defaults, List<Monitor> monitors, AlertingSettings alerting,
      List<MaintenanceWindow> maintenance) {
    this(server, storage, retention, checks, defaults, monitors, alerting, maintenance, NetworkPolicy.SELF_HOSTED);
  }

  /** Without maintenance windows. */
  public PingBaseConfig(ServerSettings server, StorageSettings storage, RetentionSettings retention,
      CheckSettings checks, MonitorDefaults defaults, List<Monitor> monitors, AlertingSettings alerting) {
    this(server, storage, retention, checks, defaults, monitors, alerting, List.of());
  }

  /** The same config with other monitors (the file's unchanged otherwise). */
  public PingBaseConfig(ServerSettings server, StorageSettings storage, RetentionSettings retention,
      CheckSettings checks, MonitorDefaults defaults, List<Monitor> monitors) {
    this(server, storage, retention, checks, defaults, monitors, AlertingSettings.NONE, List.of());
  }
}
