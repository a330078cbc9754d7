package io.pingbase.alert;

import io.pingbase.alert.channel.ChannelContext;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.WorkspaceKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting, assembled: the rules and channels of the current configuration, the {@link Router}
 * and the {@link Sender}, driven by one background thread. Nothing here runs on the check path:
 * the engine's state changes reach it through the outbox.
 */
public final class Alerting implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Alerting.class);
  /** How often the outbox is polled: the most an alert waits for the router and sender. */
  static final Duration TICK = Duration.ofMillis(200);
  private static final long FOLLOW_UP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** Claimed attempts not yet finished above which the loop waits a tick before claiming more. */
  private static final int MAX_IN_FLIGHT = 2_000;

  private final Outbox outbox;
  private final AlertRules.Monitors monitors;
  private final Maintenance maintenance;
  private final ChannelContext context;
  private final InstantSource clock;
  private final Router router;
  private final Sender sender;
  private final Sender.Settings sending;
  private volatile AlertRules rules;
  private volatile Channels channels;
  private AlertingSettings fileSettings; // guarded by this
  private final java.util.Map<String, ChannelSpec> apiChannels = new java.util.LinkedHashMap<>(); // guarded by this
  private volatile boolean running;
  private volatile boolean healthy = true;
  private volatile Duration logRetention = Duration.ofDays(30);
  private static final long PRUNE_EVERY_NANOS = TimeUnit.HOURS.toNanos(1);
  private Thread thread;

  public Alerting(AlertingSettings settings, Outbox outbox, AlertRules.Monitors monitors,
      Supplier<List<Router.Live>> live, Maintenance maintenance, ChannelContext context, Sender.Settings sending) {
    this.outbox = outbox;
    this.monitors = monitors;
    this.maintenance = maintenance;
    this.context = context;
    this.clock = context.clock();
    apply(settings);
    this.router = new Router(outbox, () -> rules, live, maintenance, clock);
    this.sender = new Sender(outbox, () -> channels, () -> rules.settings(), clock, sending);
    this.sending = sending;
  }

  /** Takes a new file configuration: later routing and sending use its channels and rules. */
  public synchronized void apply(AlertingSettings settings) {
    this.fileSettings = settings;
    rebuild();
  }

  /** Adds or replaces a channel created through the API. A file channel of the same name wins. */
  public synchronized void putApiChannel(ChannelSpec spec) {
    apiChannels.put(spec.name(), spec);
    rebuild();
  }

  public synchronized void removeApiChannel(String name) {
    apiChannels.remove(name);
    rebuild();
  }

  /** Where a channel is defined: "file", "api", or null for no such channel. */
  public synchronized String source(String name) {
    if (fileSettings.channel(name).isPresent()) {
      return "file";
    }
    return apiChannels.containsKey(name) ? "api" : null;
  }

  private void rebuild() {
    java.util.List<ChannelSpec> all = new java.util.ArrayList<>(fileSettings.channels());
    for (ChannelSpec api : apiChannels.values()) {
      if (fileSettings.channel(api.name()).isPresent()) {
        log.warn("Channel '{}' is defined in the file and through the API; the file's definition is used",
            api.name());
      } else {
        all.add(api);
      }
    }
    AlertingSettings merged = new AlertingSettings(fileSettings.zone(), fileSettings.giveUpAfter(), all,
        fileSettings.groups());
    this.channels = new Channels(merged, context);
    this.rules = new AlertRules(merged, maintenance, monitors, outbox);
  }

  public AlertingSettings settings() {
    return rules.settings();
  }

  public Router router() {
    return router;
  }

  public Sender sender() {
    return sender;
  }

  public Outbox outbox() {
    return outbox;
  }

  public AlertRules rules() {
    return rules;
  }

  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("alerting is already started");
    }
    running = true;
    thread = Thread.ofPlatform().name("pingbase-alerts").daemon().start(this::loop);
  }

  /** True while the last round reached the database. */
  public boolean healthy() {
    return healthy;
  }

  /** How long the delivery log keeps notifications whose deliveries are done (default 30 days). */
  public void logRetention(Duration keep) {
    this.logRetention = keep;
  }

  private void loop() {
    long lastFollowUp = System.nanoTime() - FOLLOW_UP_EVERY_NANOS;
    long lastPrune = System.nanoTime() - PRUNE_EVERY_NANOS + TimeUnit.MINUTES.toNanos(1); // first after a minute
    long failingSince = 0;
    while (running) {
      boolean busy = false;
      try {
        int routed = router.routeChanges();
        int claimed = sender.runOnce();
        // In a storm, go round again at once while whole batches come out and the attempts under
        // way stay bounded; otherwise wait a tick.
        busy = (routed >= Router.BATCH || claimed >= sending.batch()) && sender.inFlight() < MAX_IN_FLIGHT;
        if (System.nanoTime() - lastFollowUp >= FOLLOW_UP_EVERY_NANOS) {
          lastFollowUp = System.nanoTime();
          router.followUps();
          router.releaseHeld();
        }
        if (System.nanoTime() - lastPrune >= PRUNE_EVERY_NANOS) {
          lastPrune = System.nanoTime();
          int pruned = outbox.prune(clock.instant().minus(logRetention));
          if (pruned > 0) {
            log.info("Pruned {} notifications older than {} from the delivery log", pruned, logRetention);
          }
        }
        healthy = true;
        if (failingSince != 0) {
          log.info("Alerting reaches the database again");
          failingSince = 0;
        }
      } catch (RuntimeException e) {
        // The database is away: nothing is lost (the outbox is in it); try again next tick.
        healthy = false;
        if (failingSince == 0) {
          failingSince = System.nanoTime();
          log.warn("Alerting cannot reach the database; retrying every {} ms: {}", TICK.toMillis(), e.getMessage());
        }
      }
      try {
        if (!busy) {
          Thread.sleep(TICK);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Sends a test notification to a channel now, on the caller's thread, and records it in the
   * delivery log. Empty when no channel has that name.
   */
  public Optional<TestResult> sendTest(String channelName) {
    Optional<Channels.Configured> c = channels.get(channelName);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String id = "test-" + UUID.randomUUID();
    // "test" of the channel's workspace: the delivery log shows the test to that workspace only.
    Notification n = new Notification(id, id, Notification.Kind.TEST,
        WorkspaceKey.of(WorkspaceKey.workspaceOf(channelName), "test"), "PingBase test", null, null, MonitorState.UP,
        null, "This is a test notification sent from PingBase to channel '" + WorkspaceKey.nameOf(channelName) + "'.",
        -1, now, null);
    long start = System.nanoTime();
    Delivery result = c.get().channel().send(c.get().spec().present(n, settings().zone()));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    Outbox.Status status = switch (result) {
      case Delivery.Delivered d -> Outbox.Status.DELIVERED;
      case Delivery.Retry r -> Outbox.Status.FAILED;
      case Delivery.Rejected r -> Outbox.Status.REJECTED;
    };
    outbox.add(new Outbox.Planned(n, List.of(new Outbox.PlannedDelivery(channelName, status, result.summary()))),
        now);
    return Optional.of(new TestResult(n.eventId(), result, status, millis));
  }

  /** What a test send gave. */
  public record TestResult(String eventId, Delivery delivery, Outbox.Status status, long millis) {}

  @Override
  public void close() {
    running = false;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sender.close();
  }
}
