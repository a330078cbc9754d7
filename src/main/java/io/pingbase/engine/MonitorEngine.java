package io.pingbase.engine;

import io.pingbase.check.Check;
import io.pingbase.check.CheckFactory;
import io.pingbase.check.CheckResult;
import io.pingbase.check.Target;
import io.pingbase.check.heartbeat.HeartbeatCheck;
import io.pingbase.check.heartbeat.HeartbeatHub;
import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.MonitorStatus;
import io.pingbase.monitor.OutcomeSink;
import io.pingbase.monitor.StateMachine;
import io.pingbase.schedule.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs monitors: schedules each one, runs its check, feeds the result through the
 * {@link StateMachine} and hands results and state changes to the {@link OutcomeSink}.
 *
 * <p>Holds the live status of every monitor in memory; this is the source of truth while running.
 * Nothing here waits on the database: the sink returns at once.
 */
public final class MonitorEngine implements AutoCloseable {
  private final CheckFactory checks;
  private final Scheduler scheduler;
  private final OutcomeSink sink;
  private final InstantSource wallClock;
  private final Map<String, Running> monitors = new ConcurrentHashMap<>();
  private final HeartbeatHub heartbeats;

  public MonitorEngine(CheckFactory checks, Scheduler scheduler, OutcomeSink sink, InstantSource wallClock) {
    this(checks, scheduler, sink, wallClock, new HeartbeatHub(wallClock));
  }

  /** @param heartbeats where heartbeat monitors' pings arrive; their checks are bound to it */
  public MonitorEngine(CheckFactory checks, Scheduler scheduler, OutcomeSink sink, InstantSource wallClock,
      HeartbeatHub heartbeats) {
    this.checks = checks;
    this.scheduler = scheduler;
    this.sink = sink;
    this.wallClock = wallClock;
    this.heartbeats = heartbeats;
  }

  public HeartbeatHub heartbeats() {
    return heartbeats;
  }

  /**
   * Adds a monitor, or replaces the definition of one already running (keeping its status). A
   * PAUSED status is kept and not scheduled. The schedule is rebuilt only when the interval or
   * target changed, so renaming a monitor does not move its phase.
   */
  public void put(long ref, Monitor monitor, MonitorStatus initial) {
    Running existing = monitors.get(monitor.id());
    if (existing != null && existing.ref == ref) {
      Monitor old = existing.monitor;
      synchronized (existing) {
        existing.monitor = monitor;
        if (!old.target().equals(monitor.target())) {
          if (old.target() instanceof Target.Heartbeat && !(monitor.target() instanceof Target.Heartbeat)) {
            heartbeats.detach(monitor.id());
          }
          existing.check = createCheck(monitor);
        }
      }
      if (old.scheduleDiffers(monitor) && existing.status.state() != MonitorState.PAUSED) {
        schedule(existing);
      }
      return;
    }
    if (existing != null && existing.monitor.target() instanceof Target.Heartbeat
        && !(monitor.target() instanceof Target.Heartbeat)) {
      heartbeats.detach(monitor.id());
    }
    Running running = new Running(ref, monitor, createCheck(monitor), initial);
    monitors.put(monitor.id(), running);
    if (initial.state() != MonitorState.PAUSED) {
      schedule(running);
    }
  }

  /**
   * Runs the state machine through a confirmation into DOWN and back on the calling thread, with
   * a synthetic monitor and nothing handed to the sink: loads the classes of the result path
   * before virtual threads run it by the thousand (see {@link io.pingbase.check.WarmUp}).
   */
  public void warmUp() {
    Monitor m = new Monitor("warm-up", "warm-up", new io.pingbase.check.Target.Tcp("127.0.0.1", 1),
        Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(100), null,
        io.pingbase.monitor.ConfirmationPolicy.DEFAULT, io.pingbase.monitor.MonitorSource.API);
    CheckResult up = CheckResult.up(10, io.pingbase.check.Phases.tcp(-1, 10), "127.0.0.1:1");
    CheckResult down = CheckResult.down(io.pingbase.check.FailureReason.REFUSED, "warm-up", 10,
        io.pingbase.check.Phases.NONE, "127.0.0.1:1");
    CheckResult slow = CheckResult.up(200_000, io.pingbase.check.Phases.tcp(-1, 200_000), "127.0.0.1:1");
    MonitorStatus status = MonitorStatus.pending(wallClock.instant());
    int i = 0;
    for (CheckResult r : new CheckResult[] {up, down, down, down, slow, slow, slow, up, up, up}) {
      Instant at = wallClock.instant();
      CheckOutcome o = new CheckOutcome(-1, m.id(), at, StateMachine.classify(r, m.degradedAfter()), r, i++ % 3 != 1);
      status = StateMachine.onResult(status, m, o).status();
    }
    StateMachine.resume(StateMachine.pause(status, m, -1, wallClock.instant(), "warm-up").status(), m, -1,
        wallClock.instant(), "warm-up");
  }

  /** Stops and forgets a monitor. A check in flight finishes; its result is still recorded. */
  public boolean remove(String id) {
    Running running = monitors.remove(id);
    scheduler.cancel(id);
    if (running != null && running.monitor.target() instanceof Target.Heartbeat) {
      heartbeats.detach(id);
    }
    return running != null;
  }

  public Optional<LiveMonitor> get(String id) {
    Running r = monitors.get(id);
    return r == null ? Optional.empty() : Optional.of(r.snapshot());
  }

  public List<LiveMonitor> all() {
    List<LiveMonitor> list = new ArrayList<>(monitors.size());
    for (Running r : monitors.values()) {
      list.add(r.snapshot());
    }
    return list;
  }

  public int size() {
    return monitors.size();
  }

  /** How many monitors are in each state, in one pass and without copying them. */
  public java.util.Map<MonitorState, Integer> countByState() {
    int[] counts = new int[MonitorState.values().length];
    for (Running r : monitors.values()) {
      counts[r.status.state().ordinal()]++;
    }
    java.util.Map<MonitorState, Integer> result = new java.util.EnumMap<>(MonitorState.class);
    for (MonitorState state : MonitorState.values()) {
      result.put(state, counts[state.ordinal()]);
    }
    return result;
  }

  /** Stops checking the monitor and records the change to PAUSED. */
  public boolean pause(String id, String why) {
    Running r = monitors.get(id);
    if (r == null) {
      return false;
    }
    scheduler.cancel(id);
    StateMachine.Step step;
    synchronized (r) {
      step = StateMachine.pause(r.status, r.monitor, r.ref, wallClock.instant(), why);
      r.status = step.status();
    }
    if (step.change() != null) {
      sink.stateChanged(step.change());
    }
    return true;
  }

  /** Starts checking again, from PENDING. */
  public boolean resume(String id, String why) {
    Running r = monitors.get(id);
    if (r == null) {
      return false;
    }
    StateMachine.Step step;
    synchronized (r) {
      step = StateMachine.resume(r.status, r.monitor, r.ref, wallClock.instant(), why);
      r.status = step.status();
    }
    if (step.change() != null) {
      sink.stateChanged(step.change());
      schedule(r);
    }
    return true;
  }

  /** Runs a monitor's check now, outside its rhythm. False when unknown or paused. */
  public boolean checkNow(String id) {
    Running r = monitors.get(id);
    if (r == null || r.status.state() == MonitorState.PAUSED) {
      return false;
    }
    return scheduler.runNow(id);
  }

  /**
   * Evaluates a heartbeat monitor now, on the calling thread (a ping's): a success after DOWN is
   * UP before the ping is answered. With re-checks configured the run goes through the scheduler
   * instead, so the confirmation's follow-ups are scheduled. False when unknown or paused.
   */
  public boolean evaluateNow(String id) {
    Running r = monitors.get(id);
    if (r == null || r.status.state() == MonitorState.PAUSED) {
      return false;
    }
    if (r.monitor.confirmation().rechecks() > 0 || !(r.check instanceof HeartbeatCheck)) {
      return scheduler.runNow(id);
    }
    evaluate(r, false);
    return true;
  }

  @Override
  public void close() {
    monitors.keySet().forEach(scheduler::cancel);
    monitors.clear();
  }

  private void schedule(Running r) {
    Monitor m = r.monitor;
    scheduler.schedule(m.id(), m.target().host(), m.interval(), Scheduler.spread(m.id(), m.interval()),
        followUp -> runOnce(r, followUp));
  }

  /**
   * Runs {@code monitor}'s check once on the calling thread, without scheduling, recording or
   * alerting anything: "test now" before saving. The network policy applies as for any check.
   * A heartbeat has nothing to run: empty.
   */
  public java.util.Optional<CheckResult> probe(Monitor monitor) {
    if (monitor.target() instanceof Target.Heartbeat) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(checks.create(monitor.target()).run(monitor.timeout()));
  }

  private Check createCheck(Monitor monitor) {
    return monitor.target() instanceof Target.Heartbeat hb
        ? heartbeats.attach(monitor.id(), hb)
        : checks.create(monitor.target());
  }

  /**
   * A heartbeat's run: judging, stepping and handing over happen under the monitor's lock, so an
   * evaluation triggered by a ping and a scheduled one cannot step the state machine, or record
   * their changes, out of order. Cheap: no I/O. Never pinged: no result, the monitor stays PENDING.
   */
  private Duration evaluate(Running r, boolean recheck) {
    StateMachine.Step step;
    CheckOutcome outcome;
    synchronized (r) {
      if (!(r.check instanceof HeartbeatCheck hb)) {
        return null; // the definition changed type under us; the next run uses the new check
      }
      Optional<CheckResult> result = hb.evaluate();
      if (result.isEmpty()) {
        return null;
      }
      Monitor monitor = r.monitor;
      MonitorState observed = StateMachine.classify(result.get(), monitor.degradedAfter());
      outcome = new CheckOutcome(r.ref, monitor.id(), wallClock.instant(), observed, result.get(), recheck);
      step = StateMachine.onResult(r.status, monitor, outcome);
      r.status = step.status();
      hb.settled(result.get(), step.status().state() == observed);
      // Handed over under the lock (the sink only queues): a ping's evaluation and a scheduled one
      // may race, and their state changes must reach storage in the order they were stepped.
      sink.result(outcome);
      if (step.change() != null) {
        sink.stateChanged(step.change());
      }
    }
    return step.recheck() && monitors.get(outcome.monitorId()) == r ? r.monitor.confirmation().spacing() : null;
  }

  /** One run: probe, classify, step the state machine, hand over. Returns the re-check delay or null. */
  private Duration runOnce(Running r, boolean recheck) {
    if (r.check instanceof HeartbeatCheck) {
      return evaluate(r, recheck);
    }
    Monitor monitor = r.monitor;
    Check check = r.check;
    Instant at = wallClock.instant();
    CheckResult result = check.run(monitor.timeout());
    MonitorState observed = StateMachine.classify(result, monitor.degradedAfter());
    CheckOutcome outcome = new CheckOutcome(r.ref, monitor.id(), at, observed, result, recheck);
    StateMachine.Step step;
    synchronized (r) {
      step = StateMachine.onResult(r.status, r.monitor, outcome);
      r.status = step.status();
    }
    sink.result(outcome);
    if (step.change() != null) {
      sink.stateChanged(step.change());
    }
    return step.recheck() && monitors.get(monitor.id()) == r ? monitor.confirmation().spacing() : null;
  }

  private static final class Running {
    final long ref;
    volatile Monitor monitor;
    volatile Check check;
    volatile MonitorStatus status;

    Running(long ref, Monitor monitor, Check check, MonitorStatus status) {
      this.ref = ref;
      this.monitor = monitor;
      this.check = check;
      this.status = status;
    }

    LiveMonitor snapshot() {
      return new LiveMonitor(ref, monitor, status);
    }
  }
}
