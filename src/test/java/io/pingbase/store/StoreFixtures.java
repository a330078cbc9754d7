package io.pingbase.store;

import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Target;
import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import java.time.Duration;
import java.time.Instant;

/** Monitors, results and changes for the tests of this package. */
final class StoreFixtures {
  static final Instant T0 = Instant.parse("2025-03-10T00:00:00Z");

  private StoreFixtures() {}

  static Monitor tcp(String id) {
    return new Monitor(id, "Monitor " + id, new Target.Tcp("127.0.0.1", 5432), Duration.ofSeconds(30),
        Duration.ofSeconds(5), null, null, ConfirmationPolicy.DEFAULT, MonitorSource.FILE);
  }

  static CheckOutcome up(StoredMonitor m, Instant at, long micros) {
    return new CheckOutcome(m.ref(), m.monitor().id(), at, MonitorState.UP,
        CheckResult.up(micros, Phases.tcp(Phases.ABSENT, micros), "127.0.0.1:5432"), false);
  }

  static CheckOutcome down(StoredMonitor m, Instant at) {
    return new CheckOutcome(m.ref(), m.monitor().id(), at, MonitorState.DOWN,
        CheckResult.down(FailureReason.REFUSED, "connection refused", 100, Phases.tcp(Phases.ABSENT, 100),
            "127.0.0.1:5432"), false);
  }

  static StateChange change(StoredMonitor m, MonitorState from, MonitorState to, Instant at) {
    return new StateChange(m.ref(), m.monitor().id(), from, to, at, null, "now " + to, 500);
  }

  /** Every result of a monitor in [from, to), oldest first. */
  static java.util.List<CheckOutcome> all(ResultStore results, long ref, Instant from, Instant to) {
    var out = new java.util.ArrayList<CheckOutcome>();
    String cursor = null;
    for (int page = 0; page < 1_000; page++) {
      Page<StoredResult> p = results.results(ref, from, to, 1_000, cursor);
      p.items().forEach(r -> out.add(r.outcome()));
      cursor = p.next();
      if (cursor == null) {
        break;
      }
    }
    return out.reversed();
  }
}
