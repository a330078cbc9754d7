package io.pingbase.alert.channel.pushover;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.alert.channel.Wording;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends a Pushover message ({@code POST /1/messages.json}, form-encoded as Pushover documents).
 * Priority is high (1, bypasses quiet hours) for DOWN and normal (0) otherwise, unless set; the
 * timestamp is when it happened, not when it was sent. Pushover explains a 4xx in
 * {@code {"status":0,"errors":[…]}}: those errors become the summary.
 */
public final class PushoverChannel implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Pushover's limits: title 250 characters, message 1024. */
  private static final int TITLE_MAX = 250;
  private static final int MESSAGE_MAX = 1024;

  private final PushoverSettings settings;
  private final HttpPost http;

  public PushoverChannel(PushoverSettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "pushover";
  }

  @Override
  public Delivery send(Notification n) {
    return explain(http.postForm(settings.messagesUrl(), form(settings, n), settings.timeout()));
  }

  static int priority(Notification n) {
    return switch (n.kind()) {
      case DOWN -> 1;
      case RECOVERED, DEGRADED, REMINDER, TEST -> 0;
    };
  }

  static Map<String, String> form(PushoverSettings s, Notification n) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", s.token());
    f.put("user", s.user());
    f.put("title", Wording.cut(n.title(), TITLE_MAX));
    f.put("message", Wording.cut(Wording.plainText(n), MESSAGE_MAX));
    f.put("priority", String.valueOf(s.priority() != null ? s.priority() : priority(n)));
    f.put("timestamp", String.valueOf(n.at().getEpochSecond()));
    if (s.device() != null) {
      f.put("device", s.device());
    }
    if (s.sound() != null) {
      f.put("sound", s.sound());
    }
    return f;
  }

  /**
   * {@code HTTP 400: {"user":"invalid","errors":["user identifier is invalid"],…}} becomes
   * {@code HTTP 400: user identifier is invalid}.
   */
  static Delivery explain(Delivery d) {
    if (!(d instanceof Delivery.Rejected r)) {
      return d;
    }
    int brace = r.summary().indexOf('{');
    if (brace < 0) {
      return d;
    }
    try {
      JsonNode errors = JSON.readTree(r.summary().substring(brace)).path("errors");
      List<String> texts = new ArrayList<>();
      errors.forEach(e -> texts.add(e.asText()));
      return texts.isEmpty() ? d : new Delivery.Rejected(r.summary().substring(0, brace) + String.join("; ", texts));
    } catch (JacksonException e) {
      return d; // cut short or not JSON: the raw start of the body says enough
    }
  }
}
