package io.pingbase.engine;

import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.MonitorStatus;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.store.MonitorStore;
import io.pingbase.store.StoredMonitor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place monitor definitions change, from the config file (start and reload) or from the
 * API, keeping the database and the running engine in step.
 *
 * <p>Rules: file monitors are read-only through the API, which may still pause and resume them;
 * ids are shared between both sources, so neither may take the other's; a monitor removed from
 * the file is soft-deleted, so re-adding it with the same id brings its history back. Mutations
 * are serialised: they are rare, and each one writes the database before the engine changes.
 */
public final class MonitorRegistry {
  private static final Logger log = LoggerFactory.getLogger(MonitorRegistry.class);

  private final MonitorStore store;
  private final MonitorEngine engine;
  private final String configName;
  private volatile Runnable afterApiDelete = () -> {};

  /** What a reload changed. */
  public record ReloadResult(List<String> added, List<String> changed, List<String> removed) {
    public boolean isEmpty() {
      return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
  }

  /**
   * @param configName how error messages name the config file ("pingbase.yml")
   */
  public MonitorRegistry(MonitorStore store, MonitorEngine engine, String configName) {
    this.store = store;
    this.engine = engine;
    this.configName = configName;
  }

  /** Loads every stored monitor, applies the file's monitors, and hands all of them to the engine. */
  public synchronized ReloadResult start(List<Monitor> fileMonitors) {
    ReloadResult result = apply(fileMonitors, true);
    for (StoredMonitor s : store.list()) {
      if (engine.get(s.monitor().id()).isEmpty()) {
        engine.put(s.ref(), s.monitor(), initialStatus(s));
      }
    }
    return result;
  }

  /**
   * Makes the file's monitors the current ones: adds new ids, updates changed definitions (their
   * status and history stay), removes ids no longer in the file. All or nothing: if a file monitor
   * takes the id of an API monitor, nothing changes.
   */
  public synchronized ReloadResult reload(List<Monitor> fileMonitors) {
    return apply(fileMonitors, false);
  }

  private ReloadResult apply(List<Monitor> fileMonitors, boolean starting) {
    Map<String, StoredMonitor> stored = new HashMap<>();
    for (StoredMonitor s : store.list()) {
      stored.put(s.monitor().id(), s);
    }
    List<String> clashes = new ArrayList<>();
    for (Monitor m : fileMonitors) {
      if (m.source() != MonitorSource.FILE) {
        throw new IllegalArgumentException("not a file monitor: " + m.id());
      }
      StoredMonitor s = stored.get(m.id());
      if (s != null && s.monitor().source() == MonitorSource.API) {
        clashes.add(m.id());
      }
    }
    if (!clashes.isEmpty()) {
      throw new RegistryException.Conflict(configName + " declares monitor id(s) " + clashes
          + " already used by monitors created through the API; rename them in the file or delete the API monitors");
    }
    fileMonitors = HeartbeatTokens.assign(fileMonitors, stored);
    HeartbeatTokens.requireUnique(fileMonitors, stored.values(), configName);
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    Set<String> inFile = new HashSet<>();
    List<Monitor> toSave = new ArrayList<>();
    for (Monitor m : fileMonitors) {
      inFile.add(m.id());
      StoredMonitor s = stored.get(m.id());
      if (s == null) {
        added.add(m.id());
        toSave.add(m);
      } else if (!s.monitor().equals(m)) {
        changed.add(m.id());
        toSave.add(m);
      }
    }
    for (StoredMonitor saved : store.saveAll(toSave)) {
      stored.put(saved.monitor().id(), saved);
    }
    for (Monitor m : fileMonitors) {
      StoredMonitor saved = stored.get(m.id());
      var live = engine.get(m.id());
      if (live.isPresent() && live.get().monitor().equals(m)) {
        continue;
      }
      engine.put(saved.ref(), m, live.map(LiveMonitor::status).orElseGet(() -> initialStatus(saved)));
    }
    for (StoredMonitor s : stored.values()) {
      if (s.monitor().source() == MonitorSource.FILE && !inFile.contains(s.monitor().id())) {
        store.delete(s.monitor().id());
        engine.remove(s.monitor().id());
        removed.add(s.monitor().id());
      }
    }
    added.sort(null);
    changed.sort(null);
    removed.sort(null);
    ReloadResult result = new ReloadResult(added, changed, removed);
    if (!result.isEmpty() || starting) {
      log.info("{} {}: {} added, {} changed, {} removed", configName, starting ? "loaded" : "reloaded",
          added.size(), changed.size(), removed.size());
    }
    return result;
  }

  public List<LiveMonitor> list() {
    List<LiveMonitor> all = engine.all();
    all.sort(Comparator.comparing(l -> l.monitor().id()));
    return all;
  }

  public Optional<LiveMonitor> get(String id) {
    return engine.get(id);
  }

  public synchronized LiveMonitor create(Monitor monitor) {
    requireApi(monitor);
    if (store.find(monitor.id()).isPresent()) {
      throw new RegistryException.Conflict("a monitor with id '" + WorkspaceKey.nameOf(monitor.id()) + "' already exists");
    }
    monitor = HeartbeatTokens.assign(monitor, null);
    HeartbeatTokens.requireFree(monitor, engine.all());
    StoredMonitor saved = store.save(monitor);
    engine.put(saved.ref(), monitor, initialStatus(saved));
    return engine.get(monitor.id()).orElseThrow();
  }

  public synchronized LiveMonitor update(Monitor sent) {
    requireApi(sent);
    StoredMonitor existing = writable(sent.id());
    Monitor monitor = HeartbeatTokens.assign(sent, existing);
    HeartbeatTokens.requireFree(monitor, engine.all());
    StoredMonitor saved = store.save(monitor);
    LiveMonitor live = engine.get(monitor.id()).orElseThrow(() -> new RegistryException.NotFound(monitor.id()));
    engine.put(saved.ref(), monitor, live.status());
    if (existing.monitor().equals(monitor)) {
      return live;
    }
    return engine.get(monitor.id()).orElseThrow();
  }

  /** Whether the monitor may be changed through the API (it was created there, not in the file). */
  public boolean isWritable(String id) {
    return engine.get(id).map(l -> l.monitor().source() == MonitorSource.API).orElse(false);
  }

  /**
   * Throws unless the monitor exists and may be changed through the API, so a caller can refuse a
   * change to a file monitor before validating what it was sent.
   */
  public void requireWritable(String id) {
    writable(id);
  }

  public void delete(String id) {
    synchronized (this) {
      writable(id);
      store.delete(id);
      engine.remove(id);
    }
    afterApiDelete.run();
  }

  /**
   * Runs after an API monitor is deleted, outside the registry's lock. The app uses it to retry a
   * config reload that was refused because the file wanted that monitor's id.
   */
  public void afterApiDelete(Runnable action) {
    this.afterApiDelete = action;
  }

  public synchronized LiveMonitor pause(String id) {
    live(id);
    store.setPaused(id, true);
    engine.pause(id, "paused via API");
    return engine.get(id).orElseThrow();
  }

  public synchronized LiveMonitor resume(String id) {
    live(id);
    store.setPaused(id, false);
    engine.resume(id, "resumed via API");
    return engine.get(id).orElseThrow();
  }

  /** A heartbeat monitor's latest ping state, or null when it was never pinged (or is no heartbeat). */
  public io.pingbase.check.heartbeat.PingState heartbeatState(String id) {
    return engine.heartbeats().state(id);
  }

  /** Runs a monitor's check once without saving it ({@link MonitorEngine#probe}); empty for a heartbeat. */
  public java.util.Optional<io.pingbase.check.CheckResult> probe(Monitor monitor) {
    return engine.probe(monitor);
  }

  public boolean checkNow(String id) {
    live(id);
    return engine.checkNow(id);
  }

  private LiveMonitor live(String id) {
    return engine.get(id).orElseThrow(() -> new RegistryException.NotFound(id));
  }

  private StoredMonitor writable(String id) {
    StoredMonitor s = store.find(id).orElseThrow(() -> new RegistryException.NotFound(id));
    if (s.monitor().source() == MonitorSource.FILE) {
      throw new RegistryException.ReadOnly(id, configName);
    }
    return s;
  }

  private static void requireApi(Monitor monitor) {
    if (monitor.source() != MonitorSource.API) {
      throw new IllegalArgumentException("monitors created through the API have source API");
    }
  }

  /** Where a monitor resumes after a restart: its stored state, so a DOWN monitor stays DOWN until it recovers. */
  static MonitorStatus initialStatus(StoredMonitor s) {
    if (s.paused()) {
      return new MonitorStatus(MonitorState.PAUSED, s.stateSince(), null, null);
    }
    if (s.state() == MonitorState.PAUSED || s.state() == null) {
      return MonitorStatus.pending(s.stateSince());
    }
    return new MonitorStatus(s.state(), s.stateSince(), null, null);
  }
}
