package io.pingbase.store;

/** Everything PingBase keeps, behind one handle that owns the connections. */
public interface Store extends AutoCloseable {
  MonitorStore monitors();

  ResultStore results();

  EventStore events();

  HeartbeatStore heartbeats();

  /** Users, workspaces, memberships, API tokens and the audit log. */
  io.pingbase.account.AccountStore accounts();

  /** Alert channels created through the API. */
  ChannelStore channels();

  /** Alerts waiting to be routed and delivered, and the delivery log. */
  io.pingbase.alert.Outbox outbox();

  /** Maintenance windows created through the API. */
  MaintenanceStore maintenance();

  /** Status pages and the incidents written on them. */
  StatusPageStore statusPages();

  /** A cheap round trip proving the database answers; for /healthz. */
  boolean ping();

  @Override
  void close();
}
