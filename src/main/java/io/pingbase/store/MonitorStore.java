package io.pingbase.store;

import io.pingbase.monitor.Monitor;
import java.util.List;
import java.util.Optional;

/** Monitor definitions and their paused flag. */
public interface MonitorStore {

  /** Every monitor that is not deleted, ordered by id. */
  List<StoredMonitor> list();

  Optional<StoredMonitor> find(String id);

  /**
   * Inserts a monitor or replaces the definition of the one with the same id. A monitor deleted
   * earlier with the same id comes back with its history (its {@code ref} is kept).
   */
  StoredMonitor save(Monitor monitor);

  /**
   * {@link #save} for many monitors in one transaction: a config file of 100,000 monitors is
   * stored in seconds, not one commit at a time. Returns the stored monitors in the given order.
   */
  List<StoredMonitor> saveAll(List<Monitor> monitors);

  /** Soft-deletes: the monitor disappears from {@link #list()}; its history stays until retention. */
  boolean delete(String id);

  void setPaused(String id, boolean paused);
}
