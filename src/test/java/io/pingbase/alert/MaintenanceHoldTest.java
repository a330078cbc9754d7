package io.pingbase.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pingbase.alert.channel.ChannelContext;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Target;
import io.pingbase.config.ConfigLoader;
import io.pingbase.maintenance.Coverage;
import io.pingbase.maintenance.LiveMaintenance;
import io.pingbase.maintenance.MaintenanceCalendar;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.maintenance.Schedule;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.store.StoredMonitor;
import io.pingbase.store.jdbc.JdbcStore;
import io.pingbase.testing.HttpReceiver;
import io.pingbase.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor that goes DOWN inside a maintenance window: nothing reaches the webhook during the
 * window; when the window ends while it is still DOWN, exactly one DOWN arrives; when it recovered
 * inside the window, nothing ever arrives. The router and sender are driven by hand over a real
 * SQLite store with a settable clock; the webhook is a real HTTP receiver on loopback.
 */
class MaintenanceHoldTest {
  static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z");
  static final Instant WINDOW_END = T0.plus(Duration.ofHours(1));

  @TempDir
  Path dir;
  final SettableClock clock = new SettableClock(T0);
  final Monitor db = new Monitor("db", "Postgres primary", new Target.Tcp("127.0.0.1", 5432), Duration.ofSeconds(30),
      Duration.ofSeconds(5), null, "Databases", ConfirmationPolicy.DEFAULT, MonitorSource.FILE);
  HttpReceiver receiver;
  JdbcStore store;
  Alerting alerting;
  StoredMonitor stored;
  /** The monitor's live state as the engine would report it. */
  volatile Router.Live live;

  @BeforeEach
  void setUp() throws Exception {
    receiver = new HttpReceiver();
    store = JdbcStore.sqlite(dir.resolve("pingbase.db"), clock);
    stored = store.monitors().save(db);
    live = new Router.Live(db, MonitorState.UP, T0.minus(Duration.ofDays(1)));
    AlertingSettings settings = new ConfigLoader(Map.<String, String>of()::get, id -> false).parse("""
        channels:
          - { name: hook, type: webhook, url: "%s", default: true }
        """.formatted(receiver.url("/hook")), "pingbase.yml").alerting();
    LiveMaintenance maintenance = new LiveMaintenance();
    maintenance.set(new MaintenanceCalendar(List.of(new MaintenanceWindow("db-upgrade", null,
        new Schedule.OneOff(T0.minus(Duration.ofMinutes(5)), WINDOW_END), ZoneId.of("UTC"),
        new Coverage(false, List.of(), List.of("Databases")), MonitorSource.API))));
    AlertRules.Monitors monitors = new AlertRules.Monitors() {
      @Override
      public Optional<Monitor> monitor(String id) {
        return id.equals("db") ? Optional.of(db) : Optional.empty();
      }

      @Override
      public Optional<String> downIn(String group) {
        return Optional.empty();
      }
    };
    alerting = new Alerting(settings, store.outbox(), monitors, () -> List.of(live), maintenance,
        ChannelContext.create(clock), Sender.Settings.DEFAULT);
  }

  @AfterEach
  void tearDown() {
    if (alerting != null) {
      alerting.close();
    }
    if (store != null) {
      store.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  void change(MonitorState from, MonitorState to, Instant at) {
    clock.set(at);
    store.events().append(new StateChange(stored.ref(), "db", from, to, at,
        to == MonitorState.DOWN ? FailureReason.REFUSED : null, "seen " + to, to == MonitorState.DOWN ? -1 : 800));
    live = new Router.Live(db, to, at);
  }

  /** One tick of the alerting loop, follow-ups and held releases included; returns deliveries claimed. */
  int tick() {
    alerting.router().routeChanges();
    alerting.router().followUps();
    alerting.router().releaseHeld();
    return alerting.sender().runOnce();
  }

  @Test
  void aDownInsideTheWindowIsSentOnceWhenTheWindowEndsWhileStillDown() {
    change(MonitorState.UP, MonitorState.DOWN, T0.plus(Duration.ofMinutes(10)));
    assertThat(tick()).isZero();
    for (Duration d : List.of(Duration.ofMinutes(20), Duration.ofMinutes(49), Duration.ofMinutes(59))) {
      clock.set(T0.plus(d));
      assertThat(tick()).as("at %s", clock.instant()).isZero();
    }
    assertThat(alerting.sender().inFlight()).isZero();
    assertThat(receiver.requests()).isEmpty();

    clock.set(WINDOW_END);
    assertThat(tick()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.requests().isEmpty()
        && alerting.sender().inFlight() == 0);
    for (int i = 0; i < 3; i++) {
      clock.set(WINDOW_END.plus(Duration.ofMinutes(1 + i)));
      assertThat(tick()).isZero();
    }
    assertThat(receiver.requests()).hasSize(1);
    String body = receiver.single().bodyText();
    assertThat(body).contains("\"kind\":\"down\"").contains("\"monitor\":{\"id\":\"db\"");
  }

  @Test
  void aDownThatRecoveredInsideTheWindowIsNeverSent() {
    change(MonitorState.UP, MonitorState.DOWN, T0.plus(Duration.ofMinutes(10)));
    assertThat(tick()).isZero();
    change(MonitorState.DOWN, MonitorState.UP, T0.plus(Duration.ofMinutes(30)));
    assertThat(tick()).isZero();

    clock.set(WINDOW_END);
    assertThat(tick()).isZero();
    clock.set(WINDOW_END.plus(Duration.ofHours(1)));
    assertThat(tick()).isZero();
    assertThat(alerting.sender().inFlight()).isZero();
    assertThat(receiver.requests()).isEmpty();
  }

  /** Outside the window, alerting is as usual: the DOWN goes out at once. */
  @Test
  void aDownAfterTheWindowIsSentAtOnce() {
    change(MonitorState.UP, MonitorState.DOWN, WINDOW_END.plus(Duration.ofMinutes(1)));
    assertThat(tick()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 1);
  }
}
