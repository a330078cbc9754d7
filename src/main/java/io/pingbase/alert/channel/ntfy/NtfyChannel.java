package io.pingbase.alert.channel.ntfy;

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
 * Publishes to an ntfy topic with ntfy's JSON publishing (POST to the server root, the topic in
 * the body), so titles and messages need none of the header encoding the plain form would.
 * Priority and tag (an emoji in the ntfy apps) follow the kind unless a priority is set.
 */
public final class NtfyChannel implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NtfySettings settings;
  private final HttpPost http;

  public NtfyChannel(NtfySettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "ntfy";
  }

  @Override
  public Delivery send(Notification n) {
    return http.postJson(settings.publishUrl(), message(settings, n), settings.headers(), settings.timeout());
  }

  /** ntfy's 1 (min) to 5 (max, "urgent"); a reminder keeps the priority of the state it reminds of. */
  static int priority(Notification n) {
    return switch (n.kind()) {
      case DOWN -> 5;
      case RECOVERED -> 3;
      case DEGRADED -> 4;
      case REMINDER -> n.to() == MonitorState.DEGRADED ? 4 : 5;
      case TEST -> 3;
    };
  }

  /** Tags that are emoji short codes show as the emoji before the title. */
  static String tag(Notification n) {
    return switch (n.kind()) {
      case DOWN -> "rotating_light";
      case RECOVERED -> "white_check_mark";
      case DEGRADED -> "warning";
      case REMINDER -> n.to() == MonitorState.DEGRADED ? "warning" : "rotating_light";
      case TEST -> "test_tube";
    };
  }

  static ObjectNode message(NtfySettings s, Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("topic", s.topic());
    root.put("title", n.title());
    root.put("message", Wording.plainText(n));
    root.put("priority", s.priority() != null ? s.priority() : priority(n));
    root.putArray("tags").add(tag(n));
    return root;
  }
}
