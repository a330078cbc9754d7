package io.pingbase.alert;

import static org.awaitility.Awaitility.await;

import io.pingbase.alert.channel.ChannelContext;
import io.pingbase.alert.channel.ChannelKinds;
import io.pingbase.alert.channel.pagerduty.PagerDutySettings;
import io.pingbase.alert.channel.webhook.WebhookSettings;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Target;
import io.pingbase.monitor.AlertRoute;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.store.StoredMonitor;
import io.pingbase.store.jdbc.JdbcStore;
import io.pingbase.testing.SettableClock;
import java.net.URI;
import java.time.InstantSource;
import java.util.function.Function;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alerting over a real SQLite store with a settable clock, driven tick by tick: the monitors are
 * what the test says, state changes are appended as the result writer would, and each
 * {@link #tick()} routes and sends once and waits for the attempts to be recorded.
 */
final class AlertBench implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

  final SettableClock clock = new SettableClock(T0);
  final JdbcStore store;
  final Map<String, Monitor> monitors = new ConcurrentHashMap<>();
  final Map<String, MonitorState> states = new ConcurrentHashMap<>();
  final Map<String, Instant> since = new ConcurrentHashMap<>();
  private final Map<String, StoredMonitor> stored = new ConcurrentHashMap<>();
  volatile Maintenance maintenance = Maintenance.NONE;
  final Alerting alerting;

  AlertBench(Function<InstantSource, JdbcStore> open, AlertingSettings settings) {
    this(open, settings, new Sender.Settings(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(2), 200,
        4, 4));
  }

  AlertBench(Function<InstantSource, JdbcStore> open, AlertingSettings settings, Sender.Settings sending) {
    store = open.apply(clock);
    AlertRules.Monitors lookup = new AlertRules.Monitors() {
      @Override
      public Optional<Monitor> monitor(String id) {
        return Optional.ofNullable(monitors.get(id));
      }

      @Override
      public Optional<String> downIn(String group) {
        return monitors.values().stream()
            .filter(m -> group.equals(m.group()) && states.get(m.id()) == MonitorState.DOWN)
            .map(Monitor::name).findFirst();
      }
    };
    alerting = new Alerting(settings, store.outbox(), lookup, this::live, (m, at) -> maintenance.windowAt(m, at),
        ChannelContext.create(clock), sending);
  }

  private List<Router.Live> live() {
    List<Router.Live> out = new ArrayList<>();
    monitors.values().forEach(m -> out.add(new Router.Live(m, states.getOrDefault(m.id(), MonitorState.PENDING),
        since.get(m.id()))));
    return out;
  }

  static Monitor monitor(String id, String group, AlertRoute route) {
    return new Monitor(id, "Monitor " + id, new Target.Tcp("127.0.0.1", 5432), Duration.ofSeconds(30),
        Duration.ofSeconds(5), null, group, ConfirmationPolicy.DEFAULT, MonitorSource.FILE, route);
  }

  static AlertRoute to(String... channels) {
    return new AlertRoute(List.of(channels), null, null, List.of());
  }

  void add(Monitor m) {
    monitors.put(m.id(), m);
    stored.put(m.id(), store.monitors().save(m));
    states.put(m.id(), MonitorState.PENDING);
  }

  /** Records a state change as the result writer does, and what the engine would now hold. */
  void change(String id, MonitorState to) {
    MonitorState from = states.get(id);
    StoredMonitor m = stored.get(id);
    Instant at = clock.instant();
    store.events().append(new StateChange(m.ref(), id, from, to, at,
        to == MonitorState.DOWN ? FailureReason.REFUSED : null,
        to == MonitorState.DOWN ? "connection refused by 127.0.0.1:5432" : "connected", 1_500));
    states.put(id, to);
    since.put(id, at);
  }

  /** Routes what is pending, sends what is due, and waits until every attempt is recorded. */
  void tick() {
    alerting.router().routeChanges();
    alerting.sender().runOnce();
    await().atMost(Duration.ofSeconds(20)).until(() -> alerting.sender().inFlight() == 0);
  }

  void followUps() {
    alerting.router().followUps();
    alerting.router().releaseHeld();
  }

  List<Outbox.NotificationLog> log() {
    return store.outbox().log(null, 100);
  }

  static ChannelSpec webhook(String name, URI url, Notification.Kind... on) {
    return new ChannelSpec(name, ChannelKinds.of("webhook"), WebhookSettings.of(url),
        on.length == 0 ? Set.of() : EnumSet.copyOf(List.of(on)), false, Map.of("url", url.toString()));
  }

  static ChannelSpec defaultWebhook(String name, URI url) {
    return new ChannelSpec(name, ChannelKinds.of("webhook"), WebhookSettings.of(url), Set.of(), true, Map.of());
  }

  static ChannelSpec pagerduty(String name, URI url) {
    return new ChannelSpec(name, ChannelKinds.of("pagerduty"),
        new PagerDutySettings("0123456789abcdef0123456789abcdef", url, null), Set.of(), false, Map.of());
  }

  static AlertingSettings settings(List<ChannelSpec> channels, List<GroupRule> groups) {
    return new AlertingSettings(java.time.ZoneId.of("UTC"), AlertingSettings.DEFAULT_GIVE_UP_AFTER, channels, groups);
  }

  @Override
  public void close() {
    alerting.close();
    store.close();
  }
}
