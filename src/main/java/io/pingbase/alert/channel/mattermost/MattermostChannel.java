package io.pingbase.alert.channel.mattermost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.alert.channel.Wording;
import io.pingbase.monitor.MonitorState;
import java.util.Objects;

/**
 * Posts to a Mattermost incoming webhook with one Slack-compatible attachment: a colour bar by
 * kind, the title, the message and the facts as short fields. There is no top-level {@code text}:
 * the attachment's {@code fallback} is what notifications show. Mattermost answers 200 "ok".
 */
public final class MattermostChannel implements Channel {
  static final String RED = "#D24B4E";
  static final String GREEN = "#3DB887";
  static final String AMBER = "#FFBC1F";
  static final String BLUE = "#1C58D9";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Mattermost cuts posts at 16383 characters; stay well below. */
  private static final int TEXT_MAX = 4000;

  private final MattermostSettings settings;
  private final HttpPost http;

  public MattermostChannel(MattermostSettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "mattermost";
  }

  @Override
  public Delivery send(Notification n) {
    return http.postJson(settings.webhookUrl(), payload(settings, n), settings.timeout());
  }

  /** A reminder keeps the colour of the state it reminds of. */
  static String colour(Notification n) {
    return switch (n.kind()) {
      case DOWN -> RED;
      case RECOVERED -> GREEN;
      case DEGRADED -> AMBER;
      case REMINDER -> n.to() == MonitorState.DEGRADED ? AMBER : RED;
      case TEST -> BLUE;
    };
  }

  static ObjectNode payload(MattermostSettings s, Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("username", s.username());
    if (s.channel() != null) {
      root.put("channel", s.channel());
    }
    if (s.iconUrl() != null) {
      root.put("icon_url", s.iconUrl().toString());
    }
    ObjectNode a = root.putArray("attachments").addObject();
    a.put("fallback", n.title());
    a.put("color", colour(n));
    a.put("title", n.title());
    if (n.message() != null && !n.message().isBlank()) {
      a.put("text", Wording.cut(n.message(), TEXT_MAX));
    }
    ArrayNode fields = a.putArray("fields");
    Wording.facts(n).forEach((title, value) -> fields.addObject().put("short", true).put("title", title)
        .put("value", value));
    a.put("footer", "PingBase · monitor " + n.monitorId() + " · event " + n.eventId());
    return root;
  }
}
