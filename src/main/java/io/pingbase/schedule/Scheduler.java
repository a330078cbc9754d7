package io.pingbase.schedule;

import java.time.Duration;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs at a fixed rate on the monotonic clock, each run on its own (virtual) thread.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Fixed rate, no drift: the next due time is the previous due time plus the interval, not
 *       "when the last run ended" plus the interval.
 *   <li>A slow or hanging run never delays another key: runs execute on the executor, the
 *       dispatcher only pops due entries. A key whose previous run (or follow-up chain) is still in
 *       flight skips its periodic run instead of piling up.
 *   <li>Bounded concurrency: a run first takes a permit for its host, then a global one, so many
 *       runs against one slow host cannot hold global permits that other hosts need.
 *   <li>Lateness (actual start after permits minus due time) is reported for every run.
 * </ul>
 *
 * <p>Tests drive it without the background thread: {@link #runDue()} dispatches what is due at
 * the clock's current time.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final MonotonicClock clock;
  private final Executor executor;
  private final SchedulerMetrics metrics;
  private final Semaphore global;
  private final int maxPerHost;
  private final Map<String, Semaphore> hostPermits = new ConcurrentHashMap<>();
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Slot> queue = new PriorityQueue<>();
  private long sequence;
  /** Clock reading of the first slot queued before {@link #start()}, or MIN_VALUE; see start(). */
  private long firstQueuedBeforeStart = Long.MIN_VALUE;
  private volatile boolean running;
  private Thread dispatcher;

  public Scheduler(MonotonicClock clock, Executor executor, int maxConcurrency, int maxPerHost,
      SchedulerMetrics metrics) {
    if (maxConcurrency < 1 || maxPerHost < 1) {
      throw new IllegalArgumentException("concurrency caps must be >= 1");
    }
    this.clock = clock;
    this.executor = executor;
    this.metrics = metrics;
    this.global = new Semaphore(maxConcurrency, true);
    this.maxPerHost = maxPerHost;
  }

  /**
   * Where in its interval a key's first run falls: a stable spread derived from the key, so that
   * thousands of monitors loaded at once do not all fire in the same second, and a restart or a
   * reload keeps each monitor's phase.
   */
  public static Duration spread(String key, Duration interval) {
    long h = key.hashCode() * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads similar keys apart
    return Duration.ofNanos(Math.floorMod(h, interval.toNanos()));
  }

  /**
   * Schedules {@code job} under {@code key} every {@code interval}, first after {@code firstDelay}.
   * Replaces any job with the same key.
   */
  public void schedule(String key, String host, Duration interval, Duration firstDelay, Job job) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + key);
    }
    Entry entry = new Entry(key, host.toLowerCase(java.util.Locale.ROOT), interval.toNanos(), job);
    Entry previous = entries.put(key, entry);
    if (previous != null) {
      previous.cancelled = true;
    }
    long due = clock.nanoTime() + Math.max(0, firstDelay.toNanos());
    enqueue(new Slot(due, entry, Kind.PERIODIC));
  }

  /** Stops scheduling {@code key}. A run in flight finishes; its follow-up, if any, is dropped. */
  public boolean cancel(String key) {
    Entry entry = entries.remove(key);
    if (entry == null) {
      return false;
    }
    entry.cancelled = true;
    return true;
  }

  /**
   * Runs the job of {@code key} as soon as possible, outside its periodic rhythm (which is kept).
   * Skipped like a periodic run if the key is in flight.
   */
  public boolean runNow(String key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return false;
    }
    enqueue(new Slot(clock.nanoTime(), entry, Kind.MANUAL));
    return true;
  }

  public boolean isScheduled(String key) {
    return entries.containsKey(key);
  }

  public int size() {
    return entries.size();
  }

  /** Dispatches every slot due now; returns how many runs were handed to the executor. */
  public int runDue() {
    int dispatched = 0;
    long now = clock.nanoTime();
    while (true) {
      Slot slot;
      lock.lock();
      try {
        Slot head = queue.peek();
        if (head == null || head.due - now > 0) {
          return dispatched;
        }
        slot = queue.poll();
        if (slot.kind == Kind.PERIODIC && !slot.entry.cancelled) {
          Slot next = new Slot(nextDue(slot.due, slot.entry.intervalNanos, now), slot.entry, Kind.PERIODIC);
          next.seq = sequence++;
          queue.add(next);
        }
      } finally {
        lock.unlock();
      }
      if (dispatch(slot)) {
        dispatched++;
      }
    }
  }

  /** Nanoseconds until the earliest slot is due (0 if one is due now), or -1 when nothing is queued. */
  public long nanosUntilNext() {
    lock.lock();
    try {
      Slot head = queue.peek();
      return head == null ? -1 : Math.max(0, head.due - clock.nanoTime());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts the dispatcher thread. Monitors are scheduled while the server starts up, seconds
   * before checks begin; their due times are moved by that delay, so that the first runs keep their
   * spread over the interval instead of all being due at once.
   */
  public synchronized void start() {
    if (running) {
      return;
    }
    lock.lock();
    try {
      if (firstQueuedBeforeStart != Long.MIN_VALUE) {
        long shift = clock.nanoTime() - firstQueuedBeforeStart;
        java.util.List<Slot> slots = new java.util.ArrayList<>(queue);
        queue.clear();
        for (Slot old : slots) {
          Slot moved = new Slot(old.due + shift, old.entry, old.kind);
          moved.seq = old.seq;
          queue.add(moved);
        }
        firstQueuedBeforeStart = Long.MIN_VALUE;
      }
    } finally {
      lock.unlock();
    }
    running = true;
    dispatcher = Thread.ofPlatform().name("pingbase-scheduler").daemon(true).start(this::loop);
  }

  @Override
  public synchronized void close() {
    running = false;
    if (dispatcher != null) {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      try {
        dispatcher.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      dispatcher = null;
    }
    entries.values().forEach(e -> e.cancelled = true);
    entries.clear();
  }

  private void loop() {
    while (running) {
      try {
        runDue();
        lock.lock();
        try {
          Slot head = queue.peek();
          long wait = head == null ? TimeUnit.SECONDS.toNanos(1) : head.due - clock.nanoTime();
          if (wait > 0 && running) {
            changed.awaitNanos(wait);
          }
        } finally {
          lock.unlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        log.error("scheduler loop failed; continuing", e);
      }
    }
  }

  /**
   * The next periodic due time: one interval later, unless the dispatcher fell so far behind
   * (machine suspended, process stopped) that this is already past; then the missed runs are
   * skipped rather than run in a burst, and the phase is kept.
   */
  private long nextDue(long due, long interval, long now) {
    long next = due + interval;
    if (now - next >= 0) {
      long missed = (now - next) / interval + 1;
      next += missed * interval;
      for (long i = 0; i < Math.min(missed, 1_000); i++) {
        metrics.skipped();
      }
    }
    return next;
  }

  private void enqueue(Slot slot) {
    lock.lock();
    try {
      if (!running && firstQueuedBeforeStart == Long.MIN_VALUE) {
        firstQueuedBeforeStart = clock.nanoTime();
      }
      slot.seq = sequence++;
      queue.add(slot);
      if (queue.peek() == slot) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean dispatch(Slot slot) {
    Entry entry = slot.entry;
    if (entry.cancelled) {
      return false;
    }
    if (slot.kind != Kind.FOLLOW_UP && !entry.claim()) {
      metrics.skipped();
      return false;
    }
    try {
      executor.execute(() -> execute(slot));
      return true;
    } catch (RuntimeException e) { // executor shut down
      entry.release();
      log.warn("could not start run of {}: {}", entry.key, e.toString());
      return false;
    }
  }

  private void execute(Slot slot) {
    Entry entry = slot.entry;
    Semaphore host = hostPermits.computeIfAbsent(entry.host, h -> new Semaphore(maxPerHost, true));
    Duration followUp = null;
    boolean hostHeld = false;
    boolean globalHeld = false;
    try {
      host.acquire();
      hostHeld = true;
      global.acquire();
      globalHeld = true;
      if (entry.cancelled) {
        return;
      }
      metrics.lateness(Math.max(0, clock.nanoTime() - slot.due));
      followUp = entry.job.run(slot.kind == Kind.FOLLOW_UP);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | Error e) {
      metrics.failed();
      log.error("run of {} failed; it stays scheduled", entry.key, e);
    } finally {
      if (globalHeld) {
        global.release();
      }
      if (hostHeld) {
        host.release();
      }
      if (followUp != null && !entry.cancelled) {
        enqueue(new Slot(clock.nanoTime() + Math.max(0, followUp.toNanos()), entry, Kind.FOLLOW_UP));
      } else {
        entry.release();
      }
    }
  }

  private static final class Entry {
    final String key;
    final String host;
    final long intervalNanos;
    final Job job;
    volatile boolean cancelled;
    private final java.util.concurrent.atomic.AtomicBoolean inFlight = new java.util.concurrent.atomic.AtomicBoolean();

    Entry(String key, String host, long intervalNanos, Job job) {
      this.key = key;
      this.host = host;
      this.intervalNanos = intervalNanos;
      this.job = job;
    }

    boolean claim() {
      return inFlight.compareAndSet(false, true);
    }

    void release() {
      inFlight.set(false);
    }
  }

  private enum Kind {
    /** A run in the key's fixed-rate rhythm; dispatching it queues the next one. */
    PERIODIC,
    /** A run an earlier run asked for (a re-check); the key stays in flight across the chain. */
    FOLLOW_UP,
    /** A one-off "run now". */
    MANUAL
  }

  private static final class Slot implements Comparable<Slot> {
    final long due;
    final Entry entry;
    final Kind kind;
    long seq;

    Slot(long due, Entry entry, Kind kind) {
      this.due = due;
      this.entry = entry;
      this.kind = kind;
    }

    @Override
    public int compareTo(Slot o) {
      int c = Long.compare(due - o.due, 0); // overflow-safe comparison of nanoTime readings
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
