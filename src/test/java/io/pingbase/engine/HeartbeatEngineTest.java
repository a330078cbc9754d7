package io.pingbase.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.check.CheckFactory;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Target;
import io.pingbase.check.heartbeat.HeartbeatHub;
import io.pingbase.check.heartbeat.Ping;
import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.MonitorStatus;
import io.pingbase.monitor.OutcomeSink;
import io.pingbase.monitor.StateChange;
import io.pingbase.schedule.ManualClock;
import io.pingbase.schedule.Scheduler;
import io.pingbase.schedule.SchedulerMetrics;
import io.pingbase.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Heartbeats in the engine, driven tick by tick: a manual scheduler clock and a settable wall clock. */
class HeartbeatEngineTest {
  static final String TOKEN = "engine-token-0123456789ab";

  final ManualClock ticks = new ManualClock();
  final SettableClock wall = new SettableClock(Instant.parse("2026-06-01T10:00:00Z"));
  final Scheduler scheduler = new Scheduler(ticks, Runnable::run, 10, 10, SchedulerMetrics.NONE);
  final HeartbeatHub hub = new HeartbeatHub(wall);
  final List<CheckOutcome> results = new CopyOnWriteArrayList<>();
  final List<StateChange> changes = new CopyOnWriteArrayList<>();
  final MonitorEngine engine = new MonitorEngine(new CheckFactory(null), scheduler, new OutcomeSink() {
    @Override
    public void result(CheckOutcome outcome) {
      results.add(outcome);
    }

    @Override
    public void stateChanged(StateChange change) {
      changes.add(change);
    }
  }, wall, hub);

  Monitor heartbeat(int rechecks) {
    return new Monitor("job", "Job", new Target.Heartbeat(Duration.ofMinutes(5), Duration.ofMinutes(1), null, null, TOKEN),
        Duration.ofSeconds(10), Duration.ofSeconds(10), null, null, new ConfirmationPolicy(rechecks, Duration.ofSeconds(1)),
        MonitorSource.API);
  }

  MonitorState state() {
    return engine.get("job").orElseThrow().status().state();
  }

  void ping(Ping.Kind kind, Integer exit) {
    if (hub.record(hub.find(TOKEN), kind, exit, null, 0)) {
      engine.evaluateNow("job");
    }
  }

  void tick(Duration d) {
    ticks.advance(d);
    wall.advance(d);
    scheduler.runDue();
  }

  @Test
  void pendingUntilTheFirstPing_thenLateThenUpAgainAtOnce() {
    engine.put(1, heartbeat(0), MonitorStatus.pending(wall.instant()));
    for (int i = 0; i < 60; i++) {
      tick(Duration.ofSeconds(10)); // ten minutes of scheduled evaluations, never pinged
    }
    assertThat(state()).isEqualTo(MonitorState.PENDING);
    assertThat(results).isEmpty();

    ping(Ping.Kind.SUCCESS, null);
    assertThat(state()).isEqualTo(MonitorState.UP);
    int before = results.size();
    ping(Ping.Kind.SUCCESS, null); // UP on time: counted, not judged again
    assertThat(results).hasSize(before);

    for (int i = 0; i < 37; i++) {
      tick(Duration.ofSeconds(10)); // 6m10s: past expected + grace (6m)
    }
    assertThat(state()).isEqualTo(MonitorState.DOWN);
    StateChange late = changes.getLast();
    assertThat(late.reason()).isEqualTo(FailureReason.LATE);
    assertThat(late.message()).startsWith("no ping for 6m").endsWith("expected every 5m with 1m grace");

    ping(Ping.Kind.SUCCESS, null);
    assertThat(state()).as("UP before the ping is answered").isEqualTo(MonitorState.UP);
    ping(Ping.Kind.EXIT, 1);
    assertThat(state()).isEqualTo(MonitorState.DOWN);
    assertThat(changes.getLast().reason()).isEqualTo(FailureReason.FAILED);
    assertThat(changes.getLast().message()).isEqualTo("job exited with code 1");
    assertThat(changes.stream().map(c -> c.from() + ">" + c.to()).toList())
        .containsExactly("PENDING>UP", "UP>DOWN", "DOWN>UP", "UP>DOWN");
  }

  @Test
  void withRechecksTheChangeIsConfirmedThroughTheScheduler() {
    engine.put(1, heartbeat(2), MonitorStatus.pending(wall.instant()));
    ping(Ping.Kind.SUCCESS, null);
    scheduler.runDue();
    assertThat(state()).isEqualTo(MonitorState.UP);
    ping(Ping.Kind.FAIL, null);
    scheduler.runDue(); // the first differing result starts a confirmation
    assertThat(state()).isEqualTo(MonitorState.UP);
    tick(Duration.ofSeconds(1));
    tick(Duration.ofSeconds(1));
    assertThat(state()).isEqualTo(MonitorState.DOWN);
  }

  @Test
  void removingAMonitorForgetsItsToken() {
    engine.put(1, heartbeat(0), MonitorStatus.pending(wall.instant()));
    assertThat(hub.find(TOKEN)).isNotNull();
    engine.remove("job");
    assertThat(hub.find(TOKEN)).isNull();
  }
}
