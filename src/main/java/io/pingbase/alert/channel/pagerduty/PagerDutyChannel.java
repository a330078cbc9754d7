package io.pingbase.alert.channel.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.alert.channel.Wording;
import io.pingbase.monitor.MonitorState;
import java.util.Objects;

/**
 * Sends PagerDuty Events API v2 events: {@code trigger} when a monitor goes DOWN or DEGRADED (and
 * for reminders and tests), {@code resolve} when it recovers. The notification's incident key is
 * the {@code dedup_key}, so every event of one outage lands on one PagerDuty alert and a
 * redelivered trigger is folded into it by PagerDuty.
 */
public final class PagerDutyChannel implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** PagerDuty's limits: summary 1024 characters, dedup_key 255. */
  private static final int SUMMARY_MAX = 1024;

  private final PagerDutySettings settings;
  private final HttpPost http;

  public PagerDutyChannel(PagerDutySettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "pagerduty";
  }

  @Override
  public Delivery send(Notification n) {
    return http.postJson(settings.eventsUrl(), event(settings.routingKey(), n), settings.timeout());
  }

  static String action(Notification.Kind kind) {
    return switch (kind) {
      case RECOVERED -> "resolve";
      case DOWN, DEGRADED, REMINDER, TEST -> "trigger";
    };
  }

  static String severity(MonitorState state) {
    return switch (state) {
      case DOWN -> "critical";
      case DEGRADED -> "warning";
      case UP, PENDING, PAUSED -> "info";
    };
  }

  static ObjectNode event(String routingKey, Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("routing_key", routingKey);
    String action = action(n.kind());
    root.put("event_action", action);
    root.put("dedup_key", n.incidentKey());
    if (action.equals("resolve")) {
      return root; // a resolve needs only the key; a payload would be ignored
    }
    ObjectNode payload = root.putObject("payload");
    String summary = n.title() + (n.message() == null || n.message().isBlank() ? "" : " — " + n.message());
    payload.put("summary", summary.length() <= SUMMARY_MAX ? summary : summary.substring(0, SUMMARY_MAX - 1) + "…");
    payload.put("source", n.target() != null ? n.target() : n.monitorId());
    payload.put("severity", severity(n.to()));
    payload.put("timestamp", n.at().toString());
    payload.put("component", n.monitorName());
    if (n.reason() != null) {
      payload.put("class", n.reason().name());
    }
    ObjectNode details = payload.putObject("custom_details");
    details.put("monitor_id", n.monitorId());
    details.put("monitor_name", n.monitorName());
    details.put("target", n.target());
    details.put("from", n.from() == null ? null : n.from().name());
    details.put("to", n.to().name());
    details.put("reason", n.reason() == null ? null : n.reason().name());
    details.put("message", n.message());
    details.put("response_time_ms", Wording.responseMillis(n));
    details.put("event_id", n.eventId());
    root.put("client", "PingBase");
    return root;
  }
}
