package io.pingbase.check.heartbeat;

import io.pingbase.check.Target;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ping side of heartbeat monitors: which token belongs to which monitor, and each monitor's
 * {@link PingState}, in memory. The web server records pings here; the engine evaluates them
 * through {@link HeartbeatCheck}; a writer persists the states that changed ({@link #drainChanged}).
 *
 * <p>The ping path is a map lookup and a small synchronized update per monitor, with no I/O: the
 * database sees only the latest state per monitor, written in the background about once a second
 * (see docs/DECISIONS.md for what a crash can lose).
 */
public final class HeartbeatHub {
  // Striped counters: the ping path must not contend on one cache line.
  private final java.util.concurrent.atomic.LongAdder[] pingCounts = counters();
  private final java.util.concurrent.atomic.LongAdder unknownTokens = new java.util.concurrent.atomic.LongAdder();

  private static final SecureRandom RANDOM = new SecureRandom();
  /** 18 random bytes: 144 bits, 24 URL-safe characters. */
  private static final int TOKEN_BYTES = 18;

  private final InstantSource clock;
  private final Map<String, Beat> byToken = new ConcurrentHashMap<>();
  private final Map<String, Beat> byMonitor = new ConcurrentHashMap<>();
  /** Restored from storage at start, handed to a monitor when it attaches. */
  private final Map<String, PingState> restored = new ConcurrentHashMap<>();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();

  public HeartbeatHub(InstantSource clock) {
    this.clock = clock;
  }

  /** A new ping token: 144 bits from SecureRandom, base64url without padding (24 characters). */
  public static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Ping states read from storage at start-up, by monitor id. */
  public void restore(Map<String, PingState> states) {
    restored.putAll(states);
    byMonitor.forEach((id, beat) -> {
      PingState s = states.get(id);
      if (s != null) {
        beat.restore(s);
      }
    });
  }

  /**
   * Connects {@code monitorId} to its token (replacing an earlier token of the same monitor) and
   * returns the check that evaluates it. The monitor keeps its ping state across definition changes.
   *
   * @throws IllegalArgumentException when the target has no token yet, or another monitor has it
   */
  public HeartbeatCheck attach(String monitorId, Target.Heartbeat target) {
    if (target.token() == null) {
      throw new IllegalArgumentException("heartbeat monitor '" + monitorId + "' has no token");
    }
    synchronized (this) {
      Beat other = byToken.get(target.token());
      if (other != null && !other.monitorId.equals(monitorId)) {
        throw new IllegalArgumentException("heartbeat monitor '" + monitorId + "' has the token of monitor '"
            + other.monitorId + "'");
      }
      Beat beat = byMonitor.computeIfAbsent(monitorId, id -> new Beat(id, restored.remove(id)));
      String old = beat.token;
      beat.token = target.token();
      if (old != null && !old.equals(target.token())) {
        byToken.remove(old, beat);
      }
      byToken.put(target.token(), beat);
      return new HeartbeatCheck(target, beat, clock);
    }
  }

  /** Forgets a removed monitor: its token answers 404 from now on. Its stored state stays. */
  public synchronized void detach(String monitorId) {
    Beat beat = byMonitor.remove(monitorId);
    if (beat != null && beat.token != null) {
      byToken.remove(beat.token, beat);
    }
  }

  /** The monitor that owns {@code token}, or null: unknown tokens are answered 404. */
  public Beat find(String token) {
    Beat beat = token == null ? null : byToken.get(token);
    if (beat == null) {
      unknownTokens.increment();
    }
    return beat;
  }

  private static java.util.concurrent.atomic.LongAdder[] counters() {
    java.util.concurrent.atomic.LongAdder[] c = new java.util.concurrent.atomic.LongAdder[Ping.Kind.values().length];
    for (int i = 0; i < c.length; i++) {
      c[i] = new java.util.concurrent.atomic.LongAdder();
    }
    return c;
  }

  /** Pings recorded since start, of one kind: for /metrics. */
  public long pings(Ping.Kind kind) {
    return pingCounts[kind.ordinal()].sum();
  }

  /** Lookups of a token no monitor has (mistyped URLs, deleted monitors, guessing): for /metrics. */
  public long unknownTokens() {
    return unknownTokens.sum();
  }

  /** The monitor id a token belongs to, or null. */
  public String monitorOf(String token) {
    Beat b = find(token);
    return b == null ? null : b.monitorId;
  }

  /** The ping state of a monitor, or null when it was never pinged. */
  public PingState state(String monitorId) {
    Beat b = byMonitor.get(monitorId);
    return b == null ? restored.get(monitorId) : b.state();
  }

  /**
   * Records a ping stamped now (the clock is read under the monitor's lock, so stamps never go
   * backwards). Returns true when the monitor should be evaluated at once: a failure, or any ping
   * while the last evaluation was not a plain, on-time UP (PENDING, DOWN, late within grace).
   */
  public boolean record(Beat beat, Ping.Kind kind, Integer exitCode, String body, long bodyBytes) {
    // Lock-free: under thousands of pings a second to one monitor, a lock would park and unpark
    // the virtual threads of every concurrent request. A lost race just computes again.
    PingState before;
    PingState after;
    do {
      before = beat.state.get();
      java.time.Instant now = clock.instant();
      if (before != null && now.isBefore(before.last().at())) {
        now = before.last().at(); // stamps never go backwards, whatever order racing pings land in
      }
      after = PingState.next(before, new Ping(now, kind, exitCode, body, bodyBytes));
    } while (!beat.state.compareAndSet(before, after));
    pingCounts[kind.ordinal()].increment();
    if (!beat.dirty && DIRTY.compareAndSet(beat, false, true)) {
      changed.add(beat.monitorId);
    }
    return after.last().failing() || !beat.settledUp;
  }

  private static final java.lang.invoke.VarHandle DIRTY;

  static {
    try {
      DIRTY = java.lang.invoke.MethodHandles.lookup().findVarHandle(Beat.class, "dirty", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The states changed since the last call, by monitor id; for the writer. */
  public Map<String, PingState> drainChanged() {
    Map<String, PingState> out = new LinkedHashMap<>();
    for (String id : changed) {
      changed.remove(id);
      Beat b = byMonitor.get(id);
      if (b != null) {
        b.dirty = false; // before reading the state: a ping after this marks it again
        PingState s = b.state();
        if (s != null) {
          out.put(id, s);
        }
      }
    }
    return out;
  }

  /** Marks states whose write failed as changed again, so the writer retries them. */
  public void retry(Set<String> monitorIds) {
    changed.addAll(monitorIds);
  }

  /** One heartbeat monitor's ping side. */
  public static final class Beat {
    final String monitorId;
    volatile String token;
    private final java.util.concurrent.atomic.AtomicReference<PingState> state;
    /** In {@code changed} and not yet drained; saves a set insert per ping. */
    volatile boolean dirty;
    /** The last evaluation left the monitor UP and on time: a success ping changes nothing. */
    volatile boolean settledUp;

    Beat(String monitorId, PingState restored) {
      this.monitorId = monitorId;
      this.state = new java.util.concurrent.atomic.AtomicReference<>(restored);
    }

    public String monitorId() {
      return monitorId;
    }

    public PingState state() {
      return state.get();
    }

    void restore(PingState s) {
      state.compareAndSet(null, s);
    }
  }
}
