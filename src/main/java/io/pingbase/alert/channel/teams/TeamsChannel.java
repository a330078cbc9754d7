package io.pingbase.alert.channel.teams;

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
 * Posts an Adaptive Card (1.4, what Teams renders) to a Teams workflow webhook, wrapped in the
 * {@code {"type":"message","attachments":[…]}} envelope the workflow template expects: a bold
 * title coloured by kind, the message, and the facts as a FactSet. The flow answers 202 when it
 * accepted the request; whether it then posts is up to the flow.
 */
public final class TeamsChannel implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String CARD = "application/vnd.microsoft.card.adaptive";
  static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

  private final TeamsSettings settings;
  private final HttpPost http;

  public TeamsChannel(TeamsSettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "teams";
  }

  @Override
  public Delivery send(Notification n) {
    return http.postJson(settings.webhookUrl(), payload(n), settings.timeout());
  }

  /** The TextBlock colour; a reminder keeps the colour of the state it reminds of. */
  static String colour(Notification n) {
    return switch (n.kind()) {
      case DOWN -> "Attention";
      case RECOVERED -> "Good";
      case DEGRADED -> "Warning";
      case REMINDER -> n.to() == MonitorState.DEGRADED ? "Warning" : "Attention";
      case TEST -> "Accent";
    };
  }

  static ObjectNode payload(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "message");
    ObjectNode attachment = root.putArray("attachments").addObject();
    attachment.put("contentType", CARD);
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", SCHEMA);
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject().put("type", "TextBlock").put("text", n.title()).put("weight", "Bolder")
        .put("size", "Medium").put("color", colour(n)).put("wrap", true);
    if (n.message() != null && !n.message().isBlank()) {
      body.addObject().put("type", "TextBlock").put("text", n.message()).put("wrap", true);
    }
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    Wording.facts(n).forEach((title, value) -> facts.addObject().put("title", title).put("value", value));
    facts.addObject().put("title", "Monitor").put("value", n.monitorId());
    facts.addObject().put("title", "Event").put("value", n.eventId());
    return root;
  }
}
