package io.pingbase.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pingbase.engine.MonitorEngine;
import io.pingbase.monitor.CheckOutcome;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.OutcomeSink;
import io.pingbase.monitor.StateChange;
import io.pingbase.schedule.SchedulerMetrics;
import io.pingbase.store.ResultWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PingBase's own metrics on /metrics. Only {@code app/} knows Micrometer: the core reports through
 * small interfaces ({@link SchedulerMetrics}, {@link OutcomeSink}) whose no-op defaults cost nothing.
 */
final class MicrometerMetrics {
  private MicrometerMetrics() {}

  static final Duration[] LATENESS_BUCKETS = java.util.stream.Stream.of(
          100L, 250L, 500L, 1_000L, 2_000L, 5_000L, 10_000L, 25_000L, 50_000L, 100_000L, 250_000L, 500_000L,
          1_000_000L, 2_500_000L, 5_000_000L)
      .map(Duration::ofNanos).map(d -> d.multipliedBy(1_000)).toArray(Duration[]::new);

  /** Scheduler lateness as a histogram (100 µs to 5 s buckets), plus skipped and failed runs. */
  static SchedulerMetrics scheduler(MeterRegistry registry) {
    Timer lateness = Timer.builder("pingbase.scheduler.lateness")
        .description("Actual start of a check minus its due time, after concurrency permits")
        // Cumulative buckets: percentiles over any window come from two scrapes (histogram_quantile).
        .serviceLevelObjectives(LATENESS_BUCKETS)
        .distributionStatisticExpiry(Duration.ofMinutes(1)) // the _max gauge covers the last minute
        .register(registry);
    Counter skipped = Counter.builder("pingbase.scheduler.skipped")
        .description("Periodic runs skipped because the previous run or confirmation was still in flight")
        .register(registry);
    Counter failed = Counter.builder("pingbase.scheduler.failed")
        .description("Runs that threw unexpectedly (logged)").register(registry);
    return new SchedulerMetrics() {
      @Override
      public void lateness(long nanos) {
        lateness.record(nanos, TimeUnit.NANOSECONDS);
      }

      @Override
      public void skipped() {
        skipped.increment();
      }

      @Override
      public void failed() {
        failed.increment();
      }
    };
  }

  /** Counts checks by observed state and state changes by new state, then passes everything on. */
  static OutcomeSink counting(MeterRegistry registry, OutcomeSink next) {
    Map<MonitorState, Counter> checks = new EnumMap<>(MonitorState.class);
    Map<MonitorState, Counter> changes = new EnumMap<>(MonitorState.class);
    for (MonitorState s : MonitorState.values()) {
      String tag = s.name().toLowerCase(Locale.ROOT);
      checks.put(s, Counter.builder("pingbase.checks").description("Checks run, by observed status")
          .tag("status", tag).register(registry));
      changes.put(s, Counter.builder("pingbase.state.changes").description("Monitor state changes, by new state")
          .tag("to", tag).register(registry));
    }
    return new OutcomeSink() {
      @Override
      public void result(CheckOutcome outcome) {
        checks.get(outcome.observed()).increment();
        next.result(outcome);
      }

      @Override
      public void stateChanged(StateChange change) {
        changes.get(change.to()).increment();
        next.stateChanged(change);
      }
    };
  }

  static void writer(MeterRegistry registry, ResultWriter writer) {
    Gauge.builder("pingbase.results.buffered", writer, ResultWriter::queued)
        .description("Results waiting to be written").register(registry);
    FunctionCounter.builder("pingbase.results.written", writer, ResultWriter::written)
        .description("Results written to the database").register(registry);
    FunctionCounter.builder("pingbase.results.dropped", writer, ResultWriter::dropped)
        .description("Results dropped because the buffer overflowed while the database was unavailable")
        .register(registry);
    FunctionCounter.builder("pingbase.results.write.failures", writer, ResultWriter::failedAttempts)
        .description("Failed write attempts (retried)").register(registry);
    Gauge.builder("pingbase.results.writer.healthy", writer, w -> w.healthy() ? 1 : 0).register(registry);
  }

  static void alerting(MeterRegistry registry, io.pingbase.alert.Alerting alerting) {
    var sender = alerting.sender();
    FunctionCounter.builder("pingbase.alerts.delivered", sender, io.pingbase.alert.Sender::delivered)
        .description("Alert deliveries accepted by their channel").register(registry);
    FunctionCounter.builder("pingbase.alerts.attempts.failed", sender, io.pingbase.alert.Sender::failedAttempts)
        .description("Alert delivery attempts that failed and will be retried (or gave up)").register(registry);
    Gauge.builder("pingbase.alerts.in.flight", sender, io.pingbase.alert.Sender::inFlight)
        .description("Alert delivery attempts under way").register(registry);
    Gauge.builder("pingbase.alerts.healthy", alerting, a -> a.healthy() ? 1 : 0)
        .description("1 while alerting reaches the database").register(registry);
  }

  static void heartbeats(MeterRegistry registry, io.pingbase.check.heartbeat.HeartbeatHub hub) {
    for (io.pingbase.check.heartbeat.Ping.Kind kind : io.pingbase.check.heartbeat.Ping.Kind.values()) {
      FunctionCounter.builder("pingbase.heartbeat.pings", hub, h -> h.pings(kind))
          .description("Heartbeat pings received, by kind")
          .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
    FunctionCounter.builder("pingbase.heartbeat.unknown.tokens", hub,
            io.pingbase.check.heartbeat.HeartbeatHub::unknownTokens)
        .description("Pings to a token no heartbeat monitor has").register(registry);
  }

  static void engine(MeterRegistry registry, MonitorEngine engine) {
    Gauge.builder("pingbase.monitors", engine, MonitorEngine::size).description("Monitors loaded").register(registry);
    // One pass over all monitors per scrape, shared by the five gauges (100,000 monitors: ~1 ms).
    var counts = new java.util.concurrent.atomic.AtomicReference<Map<MonitorState, Integer>>();
    var countedAt = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    java.util.function.Function<MonitorState, Integer> count = state -> {
      long now = System.nanoTime();
      long last = countedAt.get();
      if (last == Long.MIN_VALUE || now - last > 1_000_000_000L) {
        counts.set(engine.countByState());
        countedAt.set(now);
      }
      return counts.get().get(state);
    };
    for (MonitorState s : MonitorState.values()) {
      Gauge.builder("pingbase.monitors.by.state", count, c -> c.apply(s))
          .description("Monitors in each state").tag("state", s.name().toLowerCase(Locale.ROOT)).register(registry);
    }
  }
}
