package io.pingbase.maintenance;

import io.pingbase.monitor.MonitorSource;
import io.pingbase.store.MaintenanceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The maintenance windows in force: the file's (replaced on reload) and the API's (kept in the
 * store). Every change builds a new {@link MaintenanceCalendar} and installs it in the
 * {@link LiveMaintenance} alerting asks, so it applies from the next alert on. Names are unique
 * across both sources.
 */
public final class MaintenanceRegistry {
  private final MaintenanceStore store;
  private final String configName;
  private final LiveMaintenance live;
  private List<MaintenanceWindow> fileWindows = List.of();
  private List<MaintenanceWindow> apiWindows = List.of();

  /** @param configName the config file's name, for "change it there" messages */
  public MaintenanceRegistry(MaintenanceStore store, String configName, LiveMaintenance live) {
    this.store = store;
    this.configName = configName;
    this.live = live;
  }

  /**
   * Loads the API's windows and installs them with the file's.
   *
   * @throws MaintenanceException.Conflict when the file declares a name an API window holds
   */
  public synchronized void start(List<MaintenanceWindow> file) {
    apiWindows = List.copyOf(store.list());
    reload(file);
  }

  /**
   * Replaces the file's windows.
   *
   * @throws MaintenanceException.Conflict when the file declares a name an API window holds; the
   *                                       windows in force are then unchanged
   */
  public synchronized void reload(List<MaintenanceWindow> file) {
    check(file);
    fileWindows = List.copyOf(file);
    install();
  }

  /**
   * Whether {@link #reload} would take these file windows, without taking them.
   *
   * @throws MaintenanceException.Conflict when the file declares a name an API window holds
   */
  public synchronized void check(List<MaintenanceWindow> file) {
    for (MaintenanceWindow w : file) {
      if (apiWindows.stream().anyMatch(a -> a.name().equals(w.name()))) {
        throw new MaintenanceException.Conflict("maintenance window '" + w.name() + "' in " + configName
            + " has the name of a window created through the API; rename one of them, or delete that window");
      }
    }
  }

  /** The file's windows in file order, then the API's by name. */
  public MaintenanceCalendar calendar() {
    return live.current();
  }

  public Optional<MaintenanceWindow> get(String name) {
    return live.current().window(name);
  }

  public synchronized MaintenanceWindow create(MaintenanceWindow w) {
    if (get(w.name()).isPresent()) {
      throw new MaintenanceException.Conflict("a maintenance window named '" + io.pingbase.monitor.WorkspaceKey.nameOf(w.name()) + "' already exists");
    }
    MaintenanceWindow api = w.withSource(MonitorSource.API);
    store.save(api);
    List<MaintenanceWindow> next = new ArrayList<>(apiWindows);
    next.add(api);
    apiWindows = sorted(next);
    install();
    return api;
  }

  public synchronized MaintenanceWindow update(MaintenanceWindow w) {
    requireWritable(w.name());
    MaintenanceWindow api = w.withSource(MonitorSource.API);
    store.save(api);
    List<MaintenanceWindow> next = new ArrayList<>(apiWindows);
    next.removeIf(a -> a.name().equals(w.name()));
    next.add(api);
    apiWindows = sorted(next);
    install();
    return api;
  }

  public synchronized void delete(String name) {
    requireWritable(name);
    store.delete(name);
    List<MaintenanceWindow> next = new ArrayList<>(apiWindows);
    next.removeIf(a -> a.name().equals(name));
    apiWindows = List.copyOf(next);
    install();
  }

  /**
   * @throws MaintenanceException.NotFound when there is no such window
   * @throws MaintenanceException.ReadOnly when the file declares it
   */
  public void requireWritable(String name) {
    MaintenanceWindow w = get(name).orElseThrow(() -> new MaintenanceException.NotFound(name));
    if (w.source() == MonitorSource.FILE) {
      throw new MaintenanceException.ReadOnly(name, configName);
    }
  }

  private static List<MaintenanceWindow> sorted(List<MaintenanceWindow> windows) {
    windows.sort(java.util.Comparator.comparing(MaintenanceWindow::name));
    return List.copyOf(windows);
  }

  private void install() {
    List<MaintenanceWindow> all = new ArrayList<>(fileWindows);
    all.addAll(apiWindows);
    live.set(new MaintenanceCalendar(all));
  }
}
