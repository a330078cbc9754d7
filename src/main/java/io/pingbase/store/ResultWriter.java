package io.pingbase.store;

import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.OutcomeSink;
import io.pingbase.monitor.StateChange;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes results and state changes from the engine without ever making it wait, and writes them to
 * the store on a thread of its own.
 *
 * <p>Why: a check's timing must not depend on the database. A slow or unavailable database would
 * otherwise stall checks (and make their response times lie), so {@link #result} and
 * {@link #stateChanged} only queue and return.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Results wait in a bounded buffer. When it is full the <em>oldest</em> waiting result is
 *       dropped and counted: recent results matter more, and memory stays bounded. At most
 *       {@code capacity} results wait, plus one batch being written.
 *   <li>State changes wait in a separate, unbounded queue and are never dropped for space: they
 *       are few, and alerts and uptime depend on each. They are written one by one, in order,
 *       before results, every cycle.
 *   <li>On a database error the unsent batch is kept and retried after an exponential back-off
 *       (bounded); nothing is lost while the buffer has room. Data the database
 *       {@linkplain StoreException#rejected() rejects} is retried item by item and only the
 *       items rejected again are dropped (counted in {@link #rejected()}), so one bad row
 *       cannot block everything behind it.
 *   <li>{@link #close()} writes what it can within the close timeout, then reports what is left.
 * </ul>
 */
public final class ResultWriter implements OutcomeSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);
  /** Repeated failures are logged at most this often; the first one and recovery always. */
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

  /**
   * How the writer behaves.
   *
   * @param capacity      results that may wait before the oldest are dropped
   * @param batchSize     results per transaction; a full batch is written without waiting
   * @param flushInterval the longest a result waits when fewer than a batch are queued
   * @param minBackoff    the wait after the first failed attempt, doubled on each further one
   * @param maxBackoff    the longest wait between attempts
   * @param closeTimeout  how long {@link #close()} keeps trying to write what is left
   */
  public record Settings(int capacity, int batchSize, Duration flushInterval, Duration minBackoff,
      Duration maxBackoff, Duration closeTimeout) {

    public Settings {
      if (capacity < 1) {
        throw new IllegalArgumentException("writer capacity must be >= 1, was " + capacity);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("writer batch size must be >= 1, was " + batchSize);
      }
      requirePositive("flush interval", flushInterval);
      requirePositive("minimum back-off", minBackoff);
      requirePositive("maximum back-off", maxBackoff);
      if (maxBackoff.compareTo(minBackoff) < 0) {
        throw new IllegalArgumentException("maximum back-off " + maxBackoff + " is below the minimum " + minBackoff);
      }
      if (closeTimeout == null || closeTimeout.isNegative()) {
        throw new IllegalArgumentException("close timeout must be >= 0, was " + closeTimeout);
      }
    }

    /** Batches of 1000, flushed every second, back-off 100 ms to 10 s, 5 s to close. */
    public static Settings defaults(int capacity) {
      return new Settings(capacity, 1000, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(10),
          Duration.ofSeconds(5));
    }

    private static void requirePositive(String what, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be > 0, was " + d);
      }
    }
  }

  private final ResultStore results;
  private final EventStore events;
  private final Settings settings;

  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a batch is ready, a state change arrives, or closing starts. */
  private final Condition wake = lock.newCondition();
  private final ArrayDeque<CheckOutcome> buffer = new ArrayDeque<>();
  private final ArrayDeque<StateChange> changes = new ArrayDeque<>();
  private volatile boolean closing; // written under lock

  /** The batch being written; only the writer thread touches it. */
  private final List<CheckOutcome> inFlight = new ArrayList<>();
  private volatile int inFlightSize;

  private final AtomicLong written = new AtomicLong();
  private final AtomicLong changesWritten = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private volatile String lastError;
  private volatile boolean healthy = true;

  // Writer thread only: back-off and rate-limited logging.
  private long backoffNanos;
  private long failingSinceNanos;
  private long failuresSinceHealthy;
  private long lastFailureLogNanos;
  private long droppedLogged;
  private long lastDropLogNanos;

  private Thread thread;

  /** A writer with default batching and back-off; see {@link Settings#defaults(int)}. */
  public ResultWriter(ResultStore results, EventStore events, int capacity, Duration flushInterval) {
    this(results, events, withFlushInterval(Settings.defaults(capacity), flushInterval));
  }

  public ResultWriter(ResultStore results, EventStore events, Settings settings) {
    this.results = results;
    this.events = events;
    this.settings = settings;
  }

  private static Settings withFlushInterval(Settings s, Duration flushInterval) {
    return new Settings(s.capacity(), s.batchSize(), flushInterval, s.minBackoff(), s.maxBackoff(), s.closeTimeout());
  }

  /** Starts the writer thread. Results queued before are written first. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("the result writer is already started");
    }
    thread = Thread.ofPlatform().name("pingbase-result-writer").daemon().start(this::run);
  }

  // ---- the engine's side: never blocks on the database -----------------------------------------

  @Override
  public void result(CheckOutcome outcome) {
    lock.lock();
    try {
      if (closing) {
        dropped.incrementAndGet();
        return;
      }
      if (buffer.size() >= settings.capacity()) {
        buffer.pollFirst();
        dropped.incrementAndGet();
      }
      buffer.addLast(outcome);
      if (buffer.size() >= settings.batchSize()) {
        wake.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stateChanged(StateChange change) {
    lock.lock();
    try {
      if (closing) {
        log.error("State change of monitor '{}' to {} at {} arrived after the writer closed; it is not stored",
            change.monitorId(), change.to(), change.at());
        return;
      }
      changes.addLast(change);
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  // ---- metrics -----------------------------------------------------------------------------------

  /** Results waiting to be written, including the batch being written. */
  public int queued() {
    lock.lock();
    try {
      return buffer.size() + inFlightSize;
    } finally {
      lock.unlock();
    }
  }

  /** State changes waiting to be written. */
  public int queuedChanges() {
    lock.lock();
    try {
      return changes.size();
    } finally {
      lock.unlock();
    }
  }

  /** Results written so far. */
  public long written() {
    return written.get();
  }

  /** State changes written so far. */
  public long changesWritten() {
    return changesWritten.get();
  }

  /** Results dropped because the buffer was full (or the writer closed). */
  public long dropped() {
    return dropped.get();
  }

  /** Results and state changes the database refused as data, dropped after a second try alone. */
  public long rejected() {
    return rejected.get();
  }

  /** Write attempts that failed; each is retried. */
  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** The latest error, with what was being written; empty before the first. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** True unless the latest write attempt failed. */
  public boolean healthy() {
    return healthy;
  }

  // ---- the writer thread -------------------------------------------------------------------------

  private void run() {
    while (true) {
      try {
        if (!awaitWork()) {
          break;
        }
        flush();
      } catch (InterruptedException e) {
        log.warn("Result writer interrupted; writing what is left before stopping");
        break;
      } catch (RuntimeException e) {
        // Every failure of a store call is handled in flush(); this is a bug, not an outage.
        log.error("Result writer failed unexpectedly; continuing", e);
        backoffNanos = settings.minBackoff().toNanos();
      }
    }
    drainBeforeClose();
  }

  /**
   * Waits for the next cycle: the back-off after a failure, else until a batch is ready, a state
   * change arrives or the flush interval passes. Returns false once closing has started.
   */
  private boolean awaitWork() throws InterruptedException {
    lock.lock();
    try {
      if (backoffNanos > 0) {
        long left = backoffNanos;
        while (!closing && left > 0) {
          left = wake.awaitNanos(left); // woken early only to close; new results wait for the back-off
        }
      } else {
        long left = settings.flushInterval().toNanos();
        while (!closing && left > 0 && buffer.size() < settings.batchSize() && changes.isEmpty()) {
          left = wake.awaitNanos(left);
        }
      }
      return !closing;
    } finally {
      lock.unlock();
    }
  }

  /**
   * One cycle: state changes, then result batches until the buffer is empty. Returns false after
   * a failed attempt (the data stays queued; the back-off is set).
   */
  private boolean flush() {
    while (true) {
      if (!writeChanges()) {
        return false;
      }
      if (inFlight.isEmpty() && !takeBatch()) {
        logDrops();
        return true;
      }
      if (!writeBatch()) {
        return false;
      }
      succeeded();
      if (closing) {
        return true; // one batch at a time while closing, so the close deadline is checked
      }
    }
  }

  private boolean writeChanges() {
    while (true) {
      StateChange change;
      lock.lock();
      try {
        change = changes.peekFirst();
      } finally {
        lock.unlock();
      }
      if (change == null) {
        return true;
      }
      String what = "state change of monitor '" + change.monitorId() + "' to " + change.to() + " at " + change.at();
      try {
        events.append(change);
        changesWritten.incrementAndGet();
        succeeded();
      } catch (RuntimeException e) {
        if (retryable(e)) {
          failed(what, e);
          return false;
        }
        rejected.incrementAndGet();
        log.error("The database refused the {}; it is dropped: {}", what, e.getMessage(), e);
      }
      lock.lock();
      try {
        changes.pollFirst(); // only this thread removes changes, so the head is still `change`
      } finally {
        lock.unlock();
      }
    }
  }

  private boolean takeBatch() {
    lock.lock();
    try {
      int n = Math.min(settings.batchSize(), buffer.size());
      for (int i = 0; i < n; i++) {
        inFlight.add(buffer.pollFirst());
      }
      inFlightSize = inFlight.size();
      return n > 0;
    } finally {
      lock.unlock();
    }
  }

  private boolean writeBatch() {
    try {
      results.append(inFlight);
      written.addAndGet(inFlight.size());
      clearInFlight();
      return true;
    } catch (RuntimeException e) {
      if (retryable(e)) {
        failed("a batch of " + inFlight.size() + " results", e);
        return false;
      }
      log.warn("The database refused a batch of {} results ({}); writing them one by one to find the bad ones",
          inFlight.size(), e.getMessage());
      return writeOneByOne();
    }
  }

  /** After a rejected batch: each result alone; the ones rejected again are dropped. */
  private boolean writeOneByOne() {
    while (!inFlight.isEmpty()) {
      CheckOutcome o = inFlight.getFirst();
      try {
        results.append(List.of(o));
        written.incrementAndGet();
      } catch (RuntimeException e) {
        if (retryable(e)) {
          failed("a result of monitor '" + o.monitorId() + "'", e);
          return false; // the rest of the batch stays in flight
        }
        rejected.incrementAndGet();
        log.error("The database refused the result of monitor '{}' (ref {}) at {}; it is dropped: {}",
            o.monitorId(), o.monitorRef(), o.at(), e.getMessage());
      }
      inFlight.removeFirst();
      inFlightSize = inFlight.size();
    }
    return true;
  }

  private void clearInFlight() {
    inFlight.clear();
    inFlightSize = 0;
  }

  /**
   * Whether trying the same data again may succeed. A {@link StoreException} says so itself; any
   * other exception came from the data (a store implementation's validation) and will recur.
   */
  private static boolean retryable(RuntimeException e) {
    return e instanceof StoreException s && !s.rejected();
  }

  private void succeeded() {
    backoffNanos = 0;
    if (!healthy) {
      healthy = true;
      log.info("Database writes recovered after {} failed attempts over {} s; {} results waiting, {} dropped so far",
          failuresSinceHealthy, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - failingSinceNanos), queued(),
          dropped.get());
      failuresSinceHealthy = 0;
    }
  }

  private void failed(String what, RuntimeException e) {
    failedAttempts.incrementAndGet();
    lastError = "writing " + what + ": " + e.getMessage();
    long now = System.nanoTime();
    backoffNanos = backoffNanos == 0
        ? settings.minBackoff().toNanos()
        : Math.min(backoffNanos * 2, settings.maxBackoff().toNanos());
    if (healthy) {
      healthy = false;
      failingSinceNanos = now;
      lastFailureLogNanos = now;
      log.warn("Cannot write {} to the database; keeping it and retrying in {} ms ({} results waiting): {}",
          what, TimeUnit.NANOSECONDS.toMillis(backoffNanos), queued(), e.getMessage(), e);
    } else if (now - lastFailureLogNanos >= LOG_EVERY_NANOS) {
      lastFailureLogNanos = now;
      log.warn("Database writes still failing after {} attempts over {} s ({} results waiting, {} dropped so far): {}",
          failuresSinceHealthy + 1, TimeUnit.NANOSECONDS.toSeconds(now - failingSinceNanos), queued(),
          dropped.get(), e.getMessage());
    }
    failuresSinceHealthy++;
    logDrops();
  }

  private void logDrops() {
    long d = dropped.get();
    long now = System.nanoTime();
    if (d > droppedLogged && (droppedLogged == 0 || now - lastDropLogNanos >= LOG_EVERY_NANOS)) {
      log.warn("Result buffer full (capacity {}): dropped {} oldest results so far, {} since the last report",
          settings.capacity(), d, d - droppedLogged);
      droppedLogged = d;
      lastDropLogNanos = now;
    }
  }

  /** Closing: keep flushing until everything is written or the close timeout passes. */
  private void drainBeforeClose() {
    long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
    while (hasWork() && deadline - System.nanoTime() > 0) {
      boolean ok;
      try {
        ok = flush();
      } catch (RuntimeException e) {
        log.error("Result writer failed unexpectedly while closing", e);
        ok = false;
      }
      long left = deadline - System.nanoTime();
      if (ok || left <= 0) {
        continue;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, Math.max(backoffNanos, settings.minBackoff().toNanos())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int leftResults = queued();
    int leftChanges = queuedChanges();
    if (leftResults > 0 || leftChanges > 0) {
      log.error("Closed the result writer with {} results and {} state changes unwritten: the database did not"
          + " take them within {} ms (last error: {})", leftResults, leftChanges, settings.closeTimeout().toMillis(),
          lastError);
    } else {
      log.info("Result writer closed: {} results and {} state changes written, {} dropped, {} rejected",
          written.get(), changesWritten.get(), dropped.get(), rejected.get());
    }
  }

  private boolean hasWork() {
    return queued() > 0 || queuedChanges() > 0;
  }

  /**
   * Stops taking data and writes what is queued, giving up after the close timeout. Results that
   * arrive after this are counted as dropped. Without {@link #start()}, the calling thread does
   * the writing.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    if (t == null) {
      drainBeforeClose();
      return;
    }
    try {
      // The writer thread honours the close timeout itself; the margin covers a store call in
      // progress. A call hung past it is abandoned (the thread is a daemon).
      t.join(settings.closeTimeout().plusSeconds(2));
      if (t.isAlive()) {
        log.error("The result writer is still inside a database call {} ms after close; abandoning it",
            settings.closeTimeout().toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
