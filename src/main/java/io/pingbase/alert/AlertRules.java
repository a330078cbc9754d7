package io.pingbase.alert;

import io.pingbase.monitor.AlertRoute;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.monitor.WorkspaceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides what a state change means for alerting: which notification (if any), to which
 * channels, and whether each delivery starts pending, held for maintenance, or suppressed because
 * the cause is a monitor this one depends on. Pure apart from the two lookups it is given.
 *
 * <p>What is sent:
 * <ul>
 *   <li>UP, DEGRADED or PENDING → DOWN: {@code DOWN}, to the monitor's channels.
 *   <li>UP or PENDING → DEGRADED: {@code DEGRADED}, to the monitor's channels.
 *   <li>DOWN → UP/DEGRADED and DEGRADED → UP: {@code RECOVERED}, to exactly the channels the
 *       episode was announced on, so a channel never hears of a recovery it was not told about.
 *   <li>Pausing, resuming and PENDING → UP: nothing.
 * </ul>
 * An episode's incident key is {@code <monitor id>/<state>/<epoch ms the state began>}
 * ({@code db/down/1767225600000}): the same for its DOWN, reminders, escalation and recovery, and
 * derivable again after a restart.
 */
public final class AlertRules {

  /** What the rules need to know about the running monitors. */
  public interface Monitors {
    Optional<Monitor> monitor(String id);

    /**
     * A monitor of the default workspace's {@code group} that is DOWN now, by name; empty when
     * none. Group rules are the config file's, so only that workspace's groups are root causes.
     */
    Optional<String> downIn(String group);

    /**
     * Called before a batch of changes is planned: an implementation over many monitors may take
     * one snapshot here (which groups have a DOWN monitor) instead of scanning on every
     * {@link #downIn} call, which in an outage of thousands of monitors would be quadratic.
     */
    default void refresh() {}

    /** The details of the monitor's latest result (certificate facts, banners); empty when none. */
    default Map<String, Object> lastDetails(String id) {
      return Map.of();
    }
  }

  private final AlertingSettings settings;
  private final Maintenance maintenance;
  private final Monitors monitors;
  private final Outbox outbox;

  public AlertRules(AlertingSettings settings, Maintenance maintenance, Monitors monitors, Outbox outbox) {
    this.settings = settings;
    this.maintenance = maintenance;
    this.monitors = monitors;
    this.outbox = outbox;
  }

  public AlertingSettings settings() {
    return settings;
  }

  /** Lets the monitor lookup take its snapshot before a batch is planned. */
  void refresh() {
    if (settings.groups().stream().anyMatch(g -> !g.dependsOn().isEmpty())) {
      monitors.refresh();
    }
  }

  public static String incidentKey(String monitorId, MonitorState state, Instant since) {
    return monitorId + "/" + state.name().toLowerCase(java.util.Locale.ROOT) + "/" + since.toEpochMilli();
  }

  /** The notifications for one recorded change; empty when it means nothing to anyone. */
  public List<Outbox.Planned> plan(Outbox.PendingChange pending) {
    StateChange c = pending.change();
    Optional<Monitor> found = monitors.monitor(c.monitorId());
    if (found.isEmpty()) {
      return List.of(); // deleted since: nobody wants to hear about a monitor that no longer exists
    }
    Monitor m = found.get();
    MonitorState from = c.from();
    MonitorState to = c.to();
    if (to == MonitorState.DOWN && from != MonitorState.PAUSED) {
      Notification n = notification(UUID.randomUUID().toString(), m, c, Notification.Kind.DOWN,
          incidentKey(m.id(), to, c.at()), null);
      return List.of(new Outbox.Planned(n, deliveries(m, c.at(), route(m).channels, Notification.Kind.DOWN, true)));
    }
    if (to == MonitorState.DEGRADED && (from == MonitorState.UP || from == MonitorState.PENDING)) {
      String key = incidentKey(m.id(), to, c.at());
      // A certificate threshold gets the id its follow-up would get, so the two are one notification.
      String threshold = thresholdSuffix(monitors.lastDetails(m.id()));
      Notification n = notification(threshold == null ? UUID.randomUUID().toString() : key + "/" + threshold, m, c,
          Notification.Kind.DEGRADED, key, null);
      return List.of(new Outbox.Planned(n, deliveries(m, c.at(), route(m).channels, Notification.Kind.DEGRADED,
          false)));
    }
    boolean recovered = from == MonitorState.DOWN && to.isAvailable()
        || from == MonitorState.DEGRADED && to == MonitorState.UP;
    if (recovered && pending.prevSince() != null) {
      String key = incidentKey(m.id(), from, pending.prevSince());
      Set<String> announced = outbox.channelsNotified(key);
      if (announced.isEmpty()) {
        return List.of();
      }
      Duration downFor = Duration.between(pending.prevSince(), c.at());
      Notification n = notification(UUID.randomUUID().toString(), m, c, Notification.Kind.RECOVERED, key,
          downFor.isNegative() ? null : downFor);
      List<Outbox.PlannedDelivery> ds = new ArrayList<>();
      for (String channel : announced) {
        ChannelSpec spec = settings.channel(channel).orElse(null);
        if (spec != null && spec.wants(Notification.Kind.RECOVERED)) {
          ds.add(new Outbox.PlannedDelivery(channel, Outbox.Status.PENDING, null));
        }
      }
      return ds.isEmpty() ? List.of() : List.of(new Outbox.Planned(n, ds));
    }
    return List.of();
  }

  /**
   * A reminder, escalation or certificate threshold for a monitor in {@code state} since
   * {@code since}, planned once per event id ({@code <incident key>/<eventSuffix>}); empty when
   * nobody should get it.
   *
   * @param channels null: the channels the incident was announced on
   */
  public Optional<Outbox.Planned> followUp(Monitor m, MonitorState state, Instant since, Notification.Kind kind,
      String eventSuffix, List<String> channels, Instant now, String message) {
    String key = incidentKey(m.id(), state, since);
    Set<String> targets = channels == null ? outbox.channelsNotified(key) : new LinkedHashSet<>(channels);
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    Notification n = new Notification(key + "/" + eventSuffix, key, kind, m.id(), m.name(), m.target().display(),
        state, state, null, message, -1, since, state == MonitorState.DOWN ? Duration.between(since, now) : null);
    List<Outbox.PlannedDelivery> ds = deliveries(m, now, List.copyOf(targets), kind, false);
    return ds.isEmpty() ? Optional.empty() : Optional.of(new Outbox.Planned(n, ds));
  }

  /**
   * The monitor's route with its group's filling the gaps. Group rules are the config file's, so
   * they apply to the default workspace's monitors; default channels to monitors of their own
   * workspace only.
   */
  public Resolved route(Monitor m) {
    AlertRoute own = m.alerts();
    GroupRule group = groupRule(m);
    AlertRoute g = group == null ? AlertRoute.NONE : group.alerts();
    Set<String> channels = new LinkedHashSet<>(own.channels());
    channels.addAll(g.channels());
    if (channels.isEmpty()) {
      settings.channels().stream().filter(c -> c.isDefault() && WorkspaceKey.sameWorkspace(c.name(), m.id()))
          .forEach(c -> channels.add(c.name()));
    }
    Duration remind = own.remindEvery() != null ? own.remindEvery() : g.remindEvery();
    boolean ownEscalation = own.escalateAfter() != null;
    return new Resolved(List.copyOf(channels), remind,
        ownEscalation ? own.escalateAfter() : g.escalateAfter(), ownEscalation ? own.escalateTo() : g.escalateTo());
  }

  /** A monitor's effective alerting. */
  public record Resolved(List<String> channels, Duration remindEvery, Duration escalateAfter, List<String> escalateTo) {}

  private List<Outbox.PlannedDelivery> deliveries(Monitor m, Instant at, List<String> channels, Notification.Kind kind,
      boolean foldable) {
    Outbox.Status status = Outbox.Status.PENDING;
    String summary = null;
    Optional<String> window = maintenance.windowAt(m, at);
    if (window.isPresent()) {
      status = Outbox.Status.HELD;
      summary = "held: maintenance window " + window.get();
    } else if (foldable) {
      String cause = rootCause(m);
      if (cause != null) {
        status = Outbox.Status.SUPPRESSED;
        summary = "folded into the root cause: " + cause;
      }
    }
    List<Outbox.PlannedDelivery> out = new ArrayList<>();
    for (String channel : channels) {
      ChannelSpec spec = settings.channel(channel).orElse(null);
      if (spec != null && spec.wants(kind)) {
        out.add(new Outbox.PlannedDelivery(channel, status, summary));
      }
    }
    return out;
  }

  /** "Postgres primary is down (group Infrastructure)" when a group this one depends on has a DOWN monitor. */
  private String rootCause(Monitor m) {
    GroupRule rule = groupRule(m);
    if (rule == null) {
      return null;
    }
    for (String dep : rule.dependsOn()) {
      Optional<String> down = monitors.downIn(dep);
      if (down.isPresent()) {
        return down.get() + " is down (group " + dep + ")";
      }
    }
    return null;
  }

  /** The file's rule for the monitor's group: only for the default workspace, whose groups the file names. */
  private GroupRule groupRule(Monitor m) {
    if (m.group() == null || !WorkspaceKey.inWorkspace(m.id(), WorkspaceKey.DEFAULT)) {
      return null;
    }
    return settings.groupsByName().get(m.group());
  }

  /**
   * "threshold-14-3f2a…" for a result below a certificate's warn-days threshold: the threshold and
   * the certificate's fingerprint, so each threshold of each certificate is announced once.
   */
  public static String thresholdSuffix(Map<String, Object> details) {
    Object threshold = details.get("warn-threshold");
    if (threshold == null) {
      return null;
    }
    Object sha = details.get("sha256");
    String fingerprint = sha == null ? "" : "-" + sha.toString().replace(":", "").toLowerCase(java.util.Locale.ROOT);
    return "threshold-" + threshold + fingerprint.substring(0, Math.min(fingerprint.length(), 17));
  }

  private static Notification notification(String eventId, Monitor m, StateChange c, Notification.Kind kind,
      String key, Duration downFor) {
    return new Notification(eventId, key, kind, m.id(), m.name(), m.target().display(), c.from(),
        c.to(), c.reason(), c.message(), c.responseMicros(), c.at(), downFor);
  }

  /** The channels by name, for callers that check a name exists. */
  public Map<String, GroupRule> groups() {
    return settings.groupsByName();
  }
}
