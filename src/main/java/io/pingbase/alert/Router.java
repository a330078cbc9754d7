package io.pingbase.alert;

import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns recorded state changes into notifications and deliveries ({@link AlertRules}), plans
 * reminders and escalations while monitors stay down, and releases deliveries held by a
 * maintenance window when it ends.
 */
public final class Router {
  private static final Logger log = LoggerFactory.getLogger(Router.class);
  static final int BATCH = 500;

  /**
   * A running monitor as far as follow-ups care: its definition, state, since when, and its latest
   * result's warning and details (certificate thresholds).
   */
  public record Live(Monitor monitor, MonitorState state, Instant since, String warning, Map<String, Object> details) {
    public Live(Monitor monitor, MonitorState state, Instant since) {
      this(monitor, state, since, null, Map.of());
    }
  }

  private final Outbox outbox;
  private final Supplier<AlertRules> rules;
  private final Supplier<List<Live>> live;
  private final Maintenance maintenance;
  private final InstantSource clock;
  /** Follow-ups already planned, by event id: spares the database an insert that would be ignored. */
  private final Map<String, Boolean> planned = new ConcurrentHashMap<>();

  public Router(Outbox outbox, Supplier<AlertRules> rules, Supplier<List<Live>> live, Maintenance maintenance,
      InstantSource clock) {
    this.outbox = outbox;
    this.rules = rules;
    this.live = live;
    this.maintenance = maintenance;
    this.clock = clock;
  }

  /** Routes the recorded changes not routed yet; returns how many. */
  public int routeChanges() {
    List<Outbox.PendingChange> pending = outbox.pendingChanges(BATCH);
    if (pending.isEmpty()) {
      return 0;
    }
    AlertRules r = rules.get();
    r.refresh();
    for (Outbox.PendingChange p : pending) {
      List<Outbox.Planned> plans;
      try {
        plans = r.plan(p);
      } catch (RuntimeException e) {
        // A bug in planning must not block every later change behind this one: route it to nobody, loudly.
        log.error("Could not plan alerts for the change of monitor '{}' to {} at {}; it is not alerted",
            p.change().monitorId(), p.change().to(), p.change().at(), e);
        plans = List.of();
      }
      outbox.route(p.row(), plans, clock.instant());
    }
    return pending.size();
  }

  /**
   * Plans due reminders and escalations of monitors that are down, and a DEGRADED notification
   * for each certificate threshold crossed (30, 14, 7 days) and each new certificate that is
   * itself below one; returns how many were added.
   */
  public int followUps() {
    Instant now = clock.instant();
    AlertRules r = rules.get();
    int added = 0;
    java.util.Set<String> stillOpen = new java.util.HashSet<>();
    for (Live l : live.get()) {
      if (l.state() == MonitorState.DEGRADED && l.since() != null) {
        String threshold = AlertRules.thresholdSuffix(l.details());
        if (threshold != null) {
          String key = AlertRules.incidentKey(l.monitor().id(), MonitorState.DEGRADED, l.since());
          added += plan(stillOpen, key + "/" + threshold, () -> r.followUp(l.monitor(), MonitorState.DEGRADED, l.since(),
              Notification.Kind.DEGRADED, threshold, r.route(l.monitor()).channels(), now, l.warning()));
        }
        continue;
      }
      if (l.state() != MonitorState.DOWN || l.since() == null) {
        continue;
      }
      Monitor m = l.monitor();
      AlertRules.Resolved route = r.route(m);
      Duration down = Duration.between(l.since(), now);
      String key = AlertRules.incidentKey(m.id(), MonitorState.DOWN, l.since());
      if (route.remindEvery() != null && down.compareTo(route.remindEvery()) >= 0) {
        long n = down.toMillis() / route.remindEvery().toMillis();
        added += plan(stillOpen, key + "/reminder-" + n, () -> r.followUp(m, MonitorState.DOWN, l.since(),
            Notification.Kind.REMINDER, "reminder-" + n, null, now,
            "still down after " + io.pingbase.alert.channel.Wording.duration(down)));
      }
      if (route.escalateAfter() != null && down.compareTo(route.escalateAfter()) >= 0) {
        added += plan(stillOpen, key + "/escalation", () -> r.followUp(m, MonitorState.DOWN, l.since(),
            Notification.Kind.DOWN, "escalation", route.escalateTo(), now,
            "escalated: down for " + io.pingbase.alert.channel.Wording.duration(down)));
      }
    }
    planned.keySet().retainAll(stillOpen);
    return added;
  }

  /** Plans a follow-up once per event id; {@code make} (which may ask the database) runs only when it is new. */
  private int plan(java.util.Set<String> stillOpen, String eventId,
      java.util.function.Supplier<Optional<Outbox.Planned>> make) {
    stillOpen.add(eventId);
    if (planned.containsKey(eventId)) {
      return 0;
    }
    Optional<Outbox.Planned> p = make.get();
    if (p.isEmpty()) {
      return 0; // nobody to tell (yet): looked at again next time
    }
    boolean added = outbox.add(p.get(), clock.instant());
    planned.put(eventId, Boolean.TRUE);
    return added ? 1 : 0;
  }

  /**
   * Decides on held deliveries whose maintenance window is over: a DOWN or DEGRADED whose episode
   * is still going on is sent now; anything else (the monitor recovered meanwhile) is suppressed.
   */
  public int releaseHeld() {
    List<Outbox.Held> held = outbox.held();
    if (held.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    Map<String, Live> byId = new java.util.HashMap<>();
    for (Live l : live.get()) {
      byId.put(l.monitor().id(), l);
    }
    List<Long> release = new ArrayList<>();
    List<Long> suppress = new ArrayList<>();
    for (Outbox.Held h : held) {
      Live l = byId.get(h.notification().monitorId());
      if (l != null && maintenance.windowAt(l.monitor(), now).isPresent()) {
        continue;
      }
      Notification n = h.notification();
      boolean ongoing = l != null && l.since() != null
          && n.incidentKey().equals(AlertRules.incidentKey(l.monitor().id(), l.state(), l.since()))
          && (n.kind() == Notification.Kind.DOWN || n.kind() == Notification.Kind.DEGRADED);
      (ongoing ? release : suppress).add(h.id());
    }
    if (!release.isEmpty()) {
      outbox.release(release, now);
    }
    if (!suppress.isEmpty()) {
      outbox.suppress(suppress, "maintenance ended and the monitor is no longer in this state", now);
    }
    return release.size() + suppress.size();
  }
}
