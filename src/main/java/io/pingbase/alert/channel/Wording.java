package io.pingbase.alert.channel;

import io.pingbase.alert.Notification;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How channels write the figures of a notification, so every channel says them the same way. */
public final class Wording {
  private Wording() {}

  /** The response time in milliseconds with microsecond precision (412 µs → 0.412), or null when none. */
  public static BigDecimal responseMillis(Notification n) {
    return n.responseMicros() < 0 ? null : BigDecimal.valueOf(n.responseMicros(), 3);
  }

  /** The response time for people ("0.412 ms", "1250 ms"), or null when none. */
  public static String responseTime(Notification n) {
    BigDecimal ms = responseMillis(n);
    return ms == null ? null : ms.stripTrailingZeros().toPlainString() + " ms";
  }

  /** A duration for people: "45s", "5m 3s", "2h 0m", "3d 4h". */
  public static String duration(Duration d) {
    if (d == null) {
      return null;
    }
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m " + s % 60 + "s";
    }
    if (s < 86_400) {
      return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
    return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
  }

  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", java.util.Locale.ENGLISH);

  /** When it happened, for people, in the notification's time zone: "2026-11-25 03:00:00 CET". */
  public static String time(Notification n) {
    return TIME.format(n.at().atZone(n.zone()));
  }

  /** Every template placeholder's value but {@code payload}; absent values are null. */
  public static Map<String, String> values(Notification n) {
    Map<String, String> v = new java.util.HashMap<>();
    v.put("schema", io.pingbase.alert.channel.webhook.WebhookChannel.SCHEMA);
    v.put("event_id", n.eventId());
    v.put("incident_key", n.incidentKey());
    v.put("kind", n.kind().wire());
    v.put("title", n.title());
    v.put("monitor_id", n.monitorId());
    v.put("monitor_name", n.monitorName());
    v.put("target", n.target());
    v.put("from", n.from() == null ? null : n.from().name().toLowerCase(java.util.Locale.ROOT));
    v.put("to", n.to().name().toLowerCase(java.util.Locale.ROOT));
    v.put("reason", n.reason() == null ? null : n.reason().name());
    v.put("message", n.message());
    v.put("response_time_ms", responseMillis(n) == null ? null : responseMillis(n).toPlainString());
    v.put("at", n.at().toString());
    v.put("time", time(n));
    v.put("down_for_seconds", n.downFor() == null ? null : Long.toString(n.downFor().toSeconds()));
    v.put("down_for", duration(n.downFor()));
    return v;
  }

  /**
   * The facts of a notification that are present, labelled for people, in the order channels
   * show them: Target, State, Reason, Response time, Down for, At (in the notification's time zone). The title, the
   * message and the event id are not among them: each channel puts those where its provider
   * has a place for them.
   */
  public static Map<String, String> facts(Notification n) {
    Map<String, String> m = new LinkedHashMap<>();
    if (n.target() != null) {
      m.put("Target", n.target());
    }
    m.put("State", (n.from() == null ? "" : n.from().name() + " → ") + n.to().name());
    if (n.reason() != null) {
      m.put("Reason", n.reason().name());
    }
    if (responseTime(n) != null) {
      m.put("Response time", responseTime(n));
    }
    if (n.downFor() != null) {
      m.put("Down for", duration(n.downFor()));
    }
    m.put("At", time(n));
    return Collections.unmodifiableMap(m);
  }

  /** Plain text for push channels: the message (when there is one), then one "Label: value" line per fact. */
  public static String plainText(Notification n) {
    List<String> lines = new ArrayList<>();
    if (n.message() != null && !n.message().isBlank()) {
      lines.add(n.message());
    }
    facts(n).forEach((k, v) -> lines.add(k + ": " + v));
    return String.join("\n", lines);
  }

  /** {@code s} cut to at most {@code max} characters, ending in "…" when cut. */
  public static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
