package io.pingbase.alert.channel.slack;

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
 * Posts to a Slack incoming webhook. Blocks sit inside one attachment because only attachments
 * have a colour bar (red DOWN, amber DEGRADED, green UP); top-level {@code text} is what Slack
 * shows in notifications and screen readers.
 */
public final class SlackChannel implements Channel {
  static final String RED = "#E01E5A";
  static final String AMBER = "#ECB22E";
  static final String GREEN = "#2EB67D";
  static final String GREY = "#868686";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Slack's limits: header text 150 characters, section text 3000. */
  private static final int HEADER_MAX = 150;
  private static final int TEXT_MAX = 3000;

  private final SlackSettings settings;
  private final HttpPost http;

  public SlackChannel(SlackSettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "slack";
  }

  @Override
  public Delivery send(Notification n) {
    return http.postJson(settings.webhookUrl(), payload(n), settings.timeout());
  }

  static String colour(MonitorState state) {
    return switch (state) {
      case DOWN -> RED;
      case DEGRADED -> AMBER;
      case UP -> GREEN;
      case PENDING, PAUSED -> GREY;
    };
  }

  static ObjectNode payload(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", n.title());
    ObjectNode attachment = root.putArray("attachments").addObject();
    attachment.put("color", colour(n.to()));
    ArrayNode blocks = attachment.putArray("blocks");

    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", cut(n.title(), HEADER_MAX));

    ObjectNode facts = blocks.addObject().put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    if (n.target() != null) {
      field(fields, "Target", "`" + escape(n.target()) + "`");
    }
    field(fields, "State", (n.from() == null ? "" : n.from().name() + " → ") + n.to().name());
    if (n.reason() != null) {
      field(fields, "Reason", n.reason().name());
    }
    if (Wording.responseTime(n) != null) {
      field(fields, "Response time", Wording.responseTime(n));
    }
    if (n.downFor() != null) {
      field(fields, "Down for", Wording.duration(n.downFor()));
    }
    if (n.message() != null && !n.message().isBlank()) {
      ObjectNode message = blocks.addObject().put("type", "section");
      message.putObject("text").put("type", "mrkdwn").put("text", cut(escape(n.message()), TEXT_MAX));
    }
    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn")
        .put("text", "PingBase · monitor `" + escape(n.monitorId()) + "` · " + Wording.time(n) + " · event " + escape(n.eventId()));
    return root;
  }

  private static void field(ArrayNode fields, String label, String value) {
    fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + value);
  }

  /** Slack mrkdwn: only these three must be escaped (so a message cannot @-mention or link). */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
