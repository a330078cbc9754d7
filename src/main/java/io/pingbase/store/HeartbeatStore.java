package io.pingbase.store;

import io.pingbase.check.heartbeat.PingState;
import java.util.Map;

/** The latest ping state of each heartbeat monitor, by monitor id, so it survives a restart. */
public interface HeartbeatStore {

  /** Every stored state, by monitor id (deleted monitors' too: re-adding the id brings it back). */
  Map<String, PingState> loadAll();

  /** Inserts or replaces the states of these monitors, in one transaction. */
  void saveAll(Map<String, PingState> states);
}
