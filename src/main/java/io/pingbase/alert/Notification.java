package io.pingbase.alert;

import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One message to send about one monitor: what a channel turns into an email, a Slack post or a
 * PagerDuty event. Built from a state change by the alerting rules; channels only format and
 * deliver it.
 *
 * @param eventId        stable id of what happened (the same on every retry and after a
 *                       restart), sent along so receivers can drop duplicates
 * @param incidentKey    the same for every notification of one outage of one monitor, from the
 *                       first DOWN to its recovery (PagerDuty's dedup_key); never blank
 * @param kind           why this is sent
 * @param monitorId      the monitor's id
 * @param monitorName    its display name
 * @param target         where it points, as shown in logs and the CLI ("tcp://db:5432")
 * @param from           the state before
 * @param to             the state now
 * @param reason         the failure reason when DOWN; otherwise null
 * @param message        what was seen ("connection refused by 10.0.0.5:5432"); may be null
 * @param responseMicros the response time of the result behind it; -1 when none
 * @param at             when it happened (the first failed check for a DOWN)
 * @param downFor        for a recovery, how long the monitor was down; otherwise null
 * @param folded         for a digest of many monitors that changed at once: one notification per
 *                       monitor (this one then stands for all of them); otherwise empty
 * @param zone           the time zone times are shown in to people (the {@code alerting.time-zone});
 *                       set when sending, not stored
 * @param customTitle    the title from the channel's {@code template}, replacing {@link #title()}'s
 *                       default; null for the default
 */
public record Notification(
    String eventId,
    String incidentKey,
    Kind kind,
    String monitorId,
    String monitorName,
    String target,
    MonitorState from,
    MonitorState to,
    FailureReason reason,
    String message,
    long responseMicros,
    Instant at,
    Duration downFor,
    java.util.List<Notification> folded,
    java.time.ZoneId zone,
    String customTitle) {

  /** Why a notification is sent. */
  public enum Kind {
    DOWN, RECOVERED, DEGRADED, REMINDER, TEST;

    /** Lower-case, as in payloads and templates ("down", "recovered"). */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final java.time.ZoneId UTC = java.time.ZoneId.of("UTC");

  public Notification {
    requireText(eventId, "eventId");
    requireText(incidentKey, "incidentKey");
    Objects.requireNonNull(kind, "kind");
    requireText(monitorId, "monitorId");
    requireText(monitorName, "monitorName");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    folded = folded == null ? java.util.List.of() : java.util.List.copyOf(folded);
    zone = zone == null ? UTC : zone;
  }

  /** A notification of several monitors (a digest when {@code folded} is not empty), times in UTC. */
  public Notification(String eventId, String incidentKey, Kind kind, String monitorId, String monitorName,
      String target, MonitorState from, MonitorState to, FailureReason reason, String message, long responseMicros,
      Instant at, Duration downFor, java.util.List<Notification> folded) {
    this(eventId, incidentKey, kind, monitorId, monitorName, target, from, to, reason, message, responseMicros, at,
        downFor, folded, null, null);
  }

  /**
   * As shown on one channel: times in {@code zone}, and the channel's own title and message when
   * its template sets them (null keeps the default).
   */
  public Notification presented(java.time.ZoneId zone, String title, String text) {
    return new Notification(eventId, incidentKey, kind, monitorId, monitorName, target, from, to, reason,
        text == null ? message : text, responseMicros, at, downFor, folded, zone, title);
  }

  /** A notification about one monitor. */
  public Notification(String eventId, String incidentKey, Kind kind, String monitorId, String monitorName,
      String target, MonitorState from, MonitorState to, FailureReason reason, String message, long responseMicros,
      Instant at, Duration downFor) {
    this(eventId, incidentKey, kind, monitorId, monitorName, target, from, to, reason, message, responseMicros, at,
        downFor, java.util.List.of());
  }

  /** A digest of several monitors' notifications. */
  public boolean isDigest() {
    return !folded.isEmpty();
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** A one-line summary for subjects and titles: "DOWN: Postgres primary (REFUSED)". */
  public String title() {
    if (customTitle != null) {
      return customTitle;
    }
    return switch (kind) {
      case DOWN -> "DOWN: " + monitorName + (reason == null ? "" : " (" + reason.name() + ")");
      case RECOVERED -> "RECOVERED: " + monitorName;
      case DEGRADED -> "DEGRADED: " + monitorName;
      case REMINDER -> "STILL " + to.name() + ": " + monitorName;
      case TEST -> "Test notification from PingBase";
    };
  }
}
