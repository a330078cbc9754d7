package io.pingbase.alert.channel.gotify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.alert.channel.Wording;
import io.pingbase.monitor.MonitorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Posts a Gotify message ({@code POST /message}) as Markdown: the message, then the facts as a
 * list. Text from the check is escaped so it cannot add links or formatting. Priority follows
 * Gotify's clients: 8 and above alerts loudly, 4–7 notifies, below 4 is quiet.
 */
public final class GotifyChannel implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GotifySettings settings;
  private final HttpPost http;

  public GotifyChannel(GotifySettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "gotify";
  }

  @Override
  public Delivery send(Notification n) {
    return http.postJson(settings.messageUrl(), message(settings, n), Map.of("X-Gotify-Key", settings.token()),
        settings.timeout());
  }

  /** A reminder keeps the priority of the state it reminds of. */
  static int priority(Notification n) {
    return switch (n.kind()) {
      case DOWN -> 8;
      case DEGRADED -> 5;
      case RECOVERED -> 2;
      case REMINDER -> n.to() == MonitorState.DEGRADED ? 5 : 8;
      case TEST -> 4;
    };
  }

  static ObjectNode message(GotifySettings s, Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", n.title());
    root.put("message", markdown(n));
    root.put("priority", s.priority() != null ? s.priority() : priority(n));
    root.putObject("extras").putObject("client::display").put("contentType", "text/markdown");
    return root;
  }

  static String markdown(Notification n) {
    List<String> lines = new ArrayList<>();
    if (n.message() != null && !n.message().isBlank()) {
      lines.add(escape(n.message()));
      lines.add("");
    }
    Wording.facts(n).forEach((k, v) -> lines.add("- **" + k + ":** " + escape(v)));
    lines.add("- **Event:** " + escape(n.eventId()));
    return String.join("\n", lines);
  }

  /** Backslash-escapes what Markdown would read as formatting, links or HTML. */
  static String escape(String s) {
    return s.replaceAll("([\\\\`*_\\[\\]<>#|!])", "\\\\$1");
  }
}
