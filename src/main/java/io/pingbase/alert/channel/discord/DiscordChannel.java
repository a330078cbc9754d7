package io.pingbase.alert.channel.discord;

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
 * Posts one embed to a Discord webhook ("Execute Webhook"): the title, the message as its
 * description, the facts as inline fields, a colour by kind and the event id in the footer.
 * {@code allowed_mentions} is empty, so a message holding "@everyone" pings no one. Discord
 * answers 204 without {@code ?wait=true}, and a 429 with a Retry-After header.
 */
public final class DiscordChannel implements Channel {
  static final int RED = 0xED4245;
  static final int GREEN = 0x57F287;
  static final int AMBER = 0xFEE75C;
  static final int BLURPLE = 0x5865F2;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Discord's embed limits: title 256, description 4096, field value 1024. */
  private static final int TITLE_MAX = 256;
  private static final int DESCRIPTION_MAX = 4096;
  private static final int VALUE_MAX = 1024;

  private final DiscordSettings settings;
  private final HttpPost http;

  public DiscordChannel(DiscordSettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "discord";
  }

  @Override
  public Delivery send(Notification n) {
    return http.postJson(settings.webhookUrl(), payload(n), settings.timeout());
  }

  /** A reminder keeps the colour of the state it reminds of. */
  static int colour(Notification n) {
    return switch (n.kind()) {
      case DOWN -> RED;
      case RECOVERED -> GREEN;
      case DEGRADED -> AMBER;
      case REMINDER -> n.to() == MonitorState.DEGRADED ? AMBER : RED;
      case TEST -> BLURPLE;
    };
  }

  static ObjectNode payload(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("username", "PingBase");
    root.putObject("allowed_mentions").putArray("parse");
    ObjectNode embed = root.putArray("embeds").addObject();
    embed.put("title", Wording.cut(n.title(), TITLE_MAX));
    if (n.message() != null && !n.message().isBlank()) {
      embed.put("description", Wording.cut(n.message(), DESCRIPTION_MAX));
    }
    embed.put("color", colour(n));
    ArrayNode fields = embed.putArray("fields");
    Wording.facts(n).forEach((name, value) -> fields.addObject()
        .put("name", name).put("value", Wording.cut(value, VALUE_MAX)).put("inline", true));
    embed.put("timestamp", n.at().toString());
    embed.putObject("footer").put("text", "PingBase · monitor " + n.monitorId() + " · event " + n.eventId());
    return root;
  }
}
