package io.pingbase.alert.channel.opsgenie;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.alert.channel.Wording;
import io.pingbase.monitor.MonitorState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Opsgenie Alert API v2. DOWN, DEGRADED and reminders create an alert whose {@code alias} is the
 * incident key, so Opsgenie folds every create of one outage (retries, reminders) into one alert;
 * a recovery closes that alert by alias. A test creates a P5 alert with its own alias (the event
 * id), so it never touches a real outage's alert. Opsgenie answers 202: the request is queued.
 */
public final class OpsgenieChannel implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Opsgenie's limits: message 130 characters, alias and entity 512, description 15000, note 25000. */
  private static final int MESSAGE_MAX = 130;
  private static final int ALIAS_MAX = 512;
  private static final int DESCRIPTION_MAX = 15_000;
  private static final int NOTE_MAX = 25_000;

  private final OpsgenieSettings settings;
  private final HttpPost http;

  public OpsgenieChannel(OpsgenieSettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "opsgenie";
  }

  @Override
  public Delivery send(Notification n) {
    Map<String, String> auth = Map.of("Authorization", "GenieKey " + settings.apiKey());
    return switch (n.kind()) {
      case DOWN, DEGRADED, REMINDER, TEST -> http.postJson(settings.alertsUrl(""), create(settings, n), auth,
          settings.timeout());
      case RECOVERED -> http.postJson(settings.alertsUrl("/" + pathSegment(alias(n)) + "/close?identifierType=alias"),
          close(n), auth, settings.timeout());
    };
  }

  /** The incident key, or for a test its own event id; cut the same way for create and close. */
  static String alias(Notification n) {
    return Wording.cut(n.kind() == Notification.Kind.TEST ? n.eventId() : n.incidentKey(), ALIAS_MAX);
  }

  static String priority(OpsgenieSettings s, Notification n) {
    String byKind = switch (n.kind()) {
      case DOWN -> "P1";
      case DEGRADED -> "P3";
      case REMINDER -> n.to() == MonitorState.DEGRADED ? "P3" : "P1";
      case RECOVERED, TEST -> "P5";
    };
    return s.priority() != null && n.kind() != Notification.Kind.TEST ? s.priority() : byKind;
  }

  static ObjectNode create(OpsgenieSettings s, Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("message", Wording.cut(n.title(), MESSAGE_MAX));
    root.put("alias", alias(n));
    root.put("description", Wording.cut(Wording.plainText(n), DESCRIPTION_MAX));
    if (!s.responders().isEmpty()) {
      ArrayNode responders = root.putArray("responders");
      for (OpsgenieSettings.Responder r : s.responders()) {
        responders.addObject().put("type", r.type()).put(r.type().equals("user") ? "username" : "name", r.name());
      }
    }
    ArrayNode tags = root.putArray("tags").add("pingbase").add(n.kind().wire());
    if (n.reason() != null) {
      tags.add(n.reason().name());
    }
    if (n.target() != null) {
      root.put("entity", Wording.cut(n.target(), ALIAS_MAX));
    }
    root.put("source", "PingBase");
    root.put("priority", priority(s, n));
    ObjectNode details = root.putObject("details");
    details.put("Monitor", n.monitorName());
    details.put("Monitor id", n.monitorId());
    Wording.facts(n).forEach(details::put);
    details.put("Event id", n.eventId());
    return root;
  }

  static ObjectNode close(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", "PingBase");
    root.put("note", Wording.cut(n.title() + "\n" + Wording.plainText(n), NOTE_MAX));
    return root;
  }

  /** Percent-encodes one path segment (URLEncoder writes a space as '+', which a path keeps literally). */
  static String pathSegment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
