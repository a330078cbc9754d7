package io.pingbase.store;

import io.pingbase.maintenance.MaintenanceWindow;
import java.util.List;
import java.util.Optional;

/** Maintenance windows created through the API (the file's live in the file only). */
public interface MaintenanceStore {

  /** Every stored window, by name. */
  List<MaintenanceWindow> list();

  Optional<MaintenanceWindow> find(String name);

  /** Inserts the window or replaces the one with its name. */
  void save(MaintenanceWindow window);

  /** Removes the named window; false when there was none. */
  boolean delete(String name);
}
