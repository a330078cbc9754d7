package io.pingbase.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads {@code pingbase.yml} when it changes and hands the result to a {@link Listener}: the new
 * config, or the errors of an invalid file (the caller keeps running the config it has).
 *
 * <p>How a change is noticed. A {@link WatchService} on the parent directory, because editors
 * often save by writing a new file and renaming it over the old one, which replaces the file a
 * watch on the file itself would follow, and Kubernetes swaps a symlink beside it. Any event in
 * the directory schedules a check {@link #DEFAULT_DEBOUNCE} later, so that a burst of writes
 * becomes one reload and a half-written file is not read. Some file systems send no events (NFS,
 * some container mounts), so a poll also compares size, modification time and file key, and hashes
 * the content now and then regardless, for file systems with coarse timestamps.
 *
 * <p>When the listener is called. A check hashes the bytes it parses; same hash as last time,
 * nothing happens, so a {@code touch} or a save without changes is silent. A changed file that
 * parses to the same config as the one in use (an edited comment) is silent too. A missing file is
 * reported only if it is still missing one debounce later, since a save-by-rename briefly removes
 * it. {@link #reloadNow()} (SIGHUP) always loads and reports, changed or not. The listener is
 * never called concurrently with itself.
 *
 * <p>Timing uses real time on purpose: this class is about real files and real waits; tests use
 * short intervals and bounded waits.
 */
public final class ConfigWatcher implements AutoCloseable {
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
  /** However long a burst of events lasts, a check happens within this time. */
  private static final long MAX_DELAY_NANOS = Duration.ofSeconds(3).toNanos();
  /** Polls that trust size and modification time before the content is hashed anyway. */
  private static final int POLLS_PER_HASH = 6;

  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

  /** Receives reload results; called on the watcher thread, or on the thread calling {@link #reloadNow()}. */
  public interface Listener {
    /** The file changed and is valid: apply {@code config}. */
    void reloaded(PingBaseConfig config);

    /** The file changed and cannot be used: keep the current config and log every error. */
    void rejected(ConfigException errors);
  }

  private final Path file;
  private final ConfigLoader loader;
  private final Listener listener;
  private final long debounceNanos;
  private final long pollNanos;
  private final Object checkLock = new Object();
  private final Object sleepLock = new Object();
  private final WatchService watchService;
  private final Thread thread;
  private volatile boolean closed;

  // Scheduling state; only the watcher thread touches it after start.
  private long checkAt;
  private long burstStart;
  private long pollAt;
  private long polls;

  // Guarded by checkLock.
  /** Of the bytes last parsed, or of the error when they could not be read; null when not known yet. */
  private byte[] lastHash;
  private PingBaseConfig lastConfig;
  private boolean lastRejected;
  private Object lastStat;
  private boolean missingSeen;

  private ConfigWatcher(Path file, ConfigLoader loader, PingBaseConfig current, byte[] currentHash,
      Listener listener, Duration debounce, Duration poll, boolean events) {
    this.file = Objects.requireNonNull(file, "file");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.lastConfig = Objects.requireNonNull(current, "current");
    this.lastHash = currentHash;
    this.debounceNanos = debounce.toNanos();
    this.pollNanos = poll.toNanos();
    this.watchService = events ? register(file.toAbsolutePath().getParent()) : null;
    long now = System.nanoTime();
    this.checkAt = Long.MAX_VALUE;
    this.burstStart = now;
    this.pollAt = now + pollNanos;
    this.thread = new Thread(this::run, "pingbase-config-watcher");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching {@code file}. Before returning, compares the file with {@code current} once
   * and, if it changed since it was loaded, reports that on the calling thread; so a change made
   * between loading and starting the watcher is not lost. That first comparison hashes the file
   * and, since the hash of {@code current} is unknown, parses it too; prefer
   * {@link #start(Path, ConfigLoader, LoadedConfig, Listener)} when the hash is at hand.
   *
   * @param current the config the application runs now (from {@link ConfigLoader#load})
   */
  public static ConfigWatcher start(Path file, ConfigLoader loader, PingBaseConfig current, Listener listener) {
    return start(file, loader, current, listener, DEFAULT_DEBOUNCE, DEFAULT_POLL, true);
  }

  /**
   * As {@link #start(Path, ConfigLoader, PingBaseConfig, Listener)}, knowing the hash of the
   * bytes {@code current} came from: the first comparison only hashes the file, and parses it
   * only if it changed since. A large file is then parsed once at start-up, not twice.
   *
   * @param current from {@link ConfigLoader#loadWithHash} of the same file
   */
  public static ConfigWatcher start(Path file, ConfigLoader loader, LoadedConfig current, Listener listener) {
    return start(file, loader, current, listener, DEFAULT_DEBOUNCE, DEFAULT_POLL, true);
  }

  /**
   * As {@link #start(Path, ConfigLoader, PingBaseConfig, Listener)} with other timings, and with
   * file system events off to exercise the polling fallback (tests).
   */
  static ConfigWatcher start(Path file, ConfigLoader loader, PingBaseConfig current, Listener listener,
      Duration debounce, Duration poll, boolean events) {
    return begin(new ConfigWatcher(file, loader, current, null, listener, debounce, poll, events));
  }

  /** As {@link #start(Path, ConfigLoader, LoadedConfig, Listener)} with other timings (tests). */
  static ConfigWatcher start(Path file, ConfigLoader loader, LoadedConfig current, Listener listener,
      Duration debounce, Duration poll, boolean events) {
    byte[] hash = HexFormat.of().parseHex(current.sha256());
    return begin(new ConfigWatcher(file, loader, current.config(), hash, listener, debounce, poll, events));
  }

  private static ConfigWatcher begin(ConfigWatcher watcher) {
    if (!watcher.check(false)) {
      watcher.checkAt = System.nanoTime() + watcher.debounceNanos;
    }
    watcher.thread.start();
    return watcher;
  }

  /**
   * Loads the file now and reports the result, even when nothing changed: for SIGHUP, and after
   * an API monitor that held an id the file wants was deleted. Runs on the calling thread.
   */
  public void reloadNow() {
    check(true);
  }

  /** Whether changes are noticed through file system events, not only through polling. */
  boolean usesEvents() {
    return watchService != null;
  }

  @Override
  public void close() {
    closed = true;
    if (watchService != null) {
      try {
        watchService.close();
      } catch (IOException e) {
        log.warn("closing the watch service for {} failed", file, e);
      }
    }
    synchronized (sleepLock) {
      sleepLock.notifyAll();
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static WatchService register(Path directory) {
    try {
      WatchService service = FileSystems.getDefault().newWatchService();
      try {
        directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
        return service;
      } catch (IOException | RuntimeException e) {
        service.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      log.warn("cannot watch {} for changes ({}); polling it every few seconds instead", directory, e.toString());
      return null;
    }
  }

  private void run() {
    while (!closed) {
      try {
        step();
      } catch (ClosedWatchServiceException | InterruptedException e) {
        break; // closed; an interrupt of this private thread means the same
      } catch (RuntimeException e) {
        log.error("watching {} failed; continuing", file, e);
        try {
          pause(debounceNanos);
        } catch (InterruptedException stop) {
          break;
        }
      }
    }
  }

  /** One turn of the loop: a due check, a due poll, or a wait for events. */
  private void step() throws InterruptedException {
    long now = System.nanoTime();
    if (checkAt != Long.MAX_VALUE && now - checkAt >= 0) {
      checkAt = Long.MAX_VALUE;
      if (!check(false)) {
        checkAt = now + debounceNanos; // the file vanished: look again before reporting it
      }
      return;
    }
    if (now - pollAt >= 0) {
      pollAt = now + pollNanos;
      polls++;
      if (polls % POLLS_PER_HASH == 0 || statChanged()) {
        checkAt = now;
        burstStart = now;
      }
      return;
    }
    long wakeAt = checkAt == Long.MAX_VALUE ? pollAt : checkAt - pollAt < 0 ? checkAt : pollAt;
    if (waitForEvents(wakeAt - now)) {
      now = System.nanoTime();
      if (checkAt == Long.MAX_VALUE) {
        burstStart = now;
      }
      // Each event postpones the check, up to a limit, so a burst of writes is read once.
      checkAt = now - burstStart > MAX_DELAY_NANOS ? now : now + debounceNanos;
    }
  }

  /** Waits up to {@code nanos}; true when file system events arrived. */
  private boolean waitForEvents(long nanos) throws InterruptedException {
    if (nanos <= 0) {
      return false;
    }
    if (watchService == null) {
      pause(nanos);
      return false;
    }
    WatchKey key = watchService.poll(nanos, TimeUnit.NANOSECONDS);
    if (key == null) {
      return false;
    }
    boolean any = false;
    do {
      any |= !key.pollEvents().isEmpty(); // which file does not matter: the check hashes ours
      if (!key.reset()) {
        log.warn("the directory of {} can no longer be watched (removed?); relying on polling", file);
      }
      key = watchService.poll();
    } while (key != null);
    return any;
  }

  /** Sleeps, waking early on {@link #close()}. */
  private void pause(long nanos) throws InterruptedException {
    synchronized (sleepLock) {
      if (!closed) {
        TimeUnit.NANOSECONDS.timedWait(sleepLock, nanos);
      }
    }
  }

  private boolean statChanged() {
    Object stat = stat();
    synchronized (checkLock) {
      return !Objects.equals(stat, lastStat);
    }
  }

  /** Size, modification time and file key (inode): cheap, and changes on almost every write. */
  private Object stat() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return Arrays.asList(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    } catch (IOException e) {
      return e.getClass().getName();
    }
  }

  /**
   * Loads the file when its content changed (always when {@code force}) and tells the listener.
   *
   * @return false when the file is missing and this is the first time: the caller looks again
   */
  private boolean check(boolean force) {
    synchronized (checkLock) {
      Object stat = stat();
      byte[] content;
      try {
        content = ConfigLoader.read(file);
      } catch (ConfigException e) {
        boolean missing = !Files.exists(file);
        if (missing && !missingSeen && !force) {
          missingSeen = true;
          return false;
        }
        missingSeen = false;
        byte[] hash = ConfigLoader.sha256(e.getMessage().getBytes(StandardCharsets.UTF_8));
        if (force || !Arrays.equals(hash, lastHash)) {
          lastHash = hash;
          lastStat = stat;
          reject(e);
        }
        return true;
      }
      missingSeen = false;
      byte[] hash = ConfigLoader.sha256(content);
      lastStat = stat;
      if (!force && Arrays.equals(hash, lastHash)) {
        return true;
      }
      lastHash = hash;
      PingBaseConfig config;
      try {
        config = loader.parse(content, file.toString());
      } catch (ConfigException e) {
        reject(e);
        return true;
      } catch (RuntimeException e) {
        log.error("loading {} failed unexpectedly; keeping the current config", file, e);
        return true;
      }
      if (!force && !lastRejected && config.equals(lastConfig)) {
        return true; // only comments or formatting changed
      }
      lastConfig = config;
      lastRejected = false;
      try {
        listener.reloaded(config);
      } catch (RuntimeException e) {
        log.error("applying the reloaded {} failed", file, e);
      }
      return true;
    }
  }

  private void reject(ConfigException errors) {
    lastRejected = true;
    try {
      listener.rejected(errors);
    } catch (RuntimeException e) {
      log.error("reporting the errors of {} failed", file, e);
    }
  }
}
