package io.pingbase.alert.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.alert.channel.Template;
import io.pingbase.alert.channel.Wording;
import io.pingbase.monitor.MonitorState;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a notification as JSON (schema {@value #SCHEMA}, documented in docs/ALERTING.md) or as the
 * user's own body template. With a secret, {@code X-PingBase-Signature: sha256=<hex>} is the
 * HMAC-SHA256 of the exact body bytes, so the receiver can check who sent it;
 * {@code X-PingBase-Event-Id} lets it drop a redelivery.
 */
public final class WebhookChannel implements Channel {
  public static final String SCHEMA = "pingbase.notification/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSettings settings;
  private final HttpPost http;
  private final Template template; // null: the v1 payload

  public WebhookChannel(WebhookSettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
    this.template = settings.bodyTemplate() == null ? null : Template.parse(settings.bodyTemplate());
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public Delivery send(Notification n) {
    byte[] body;
    String contentType;
    try {
      String payload = JSON.writeValueAsString(payload(n));
      if (template == null) {
        body = payload.getBytes(StandardCharsets.UTF_8);
        contentType = "application/json";
      } else {
        body = template.render(Wording.values(n), payload).getBytes(StandardCharsets.UTF_8);
        contentType = template.isJson() ? "application/json" : "text/plain; charset=utf-8";
      }
    } catch (JsonProcessingException | RuntimeException e) {
      return new Delivery.Rejected("could not build the body: " + e.getMessage());
    }
    Map<String, String> headers = new LinkedHashMap<>(settings.headers());
    headers.put("X-PingBase-Event-Id", n.eventId());
    if (settings.secret() != null) {
      headers.put("X-PingBase-Signature", "sha256=" + hmacSha256Hex(settings.secret(), body));
    }
    return http.send(new HttpPost.Request(settings.url(), contentType, headers, body, settings.timeout()));
  }

  /** The v1 payload. Adding a field is compatible; renaming or removing one makes a v2. */
  static ObjectNode payload(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("event_id", n.eventId());
    root.put("incident_key", n.incidentKey());
    root.put("kind", n.kind().wire());
    root.put("title", n.title());
    ObjectNode monitor = root.putObject("monitor");
    monitor.put("id", n.monitorId());
    monitor.put("name", n.monitorName());
    monitor.put("target", n.target());
    root.put("from", state(n.from()));
    root.put("to", state(n.to()));
    root.put("reason", n.reason() == null ? null : n.reason().name());
    root.put("message", n.message());
    root.put("response_time_ms", Wording.responseMillis(n));
    root.put("at", n.at().toString());
    if (n.downFor() == null) {
      root.putNull("down_for_seconds");
    } else {
      root.put("down_for_seconds", n.downFor().toSeconds());
    }
    if (n.isDigest()) { // one notification standing for several monitors: each of them, same shape
      var folded = root.putArray("folded");
      n.folded().forEach(f -> folded.add(payload(f)));
    }
    return root;
  }

  private static String state(MonitorState s) {
    return s == null ? null : s.name().toLowerCase(Locale.ROOT);
  }

  /** Hex HMAC-SHA256 of {@code body} with {@code secret} (UTF-8); a Mac per call, as Mac is not thread-safe. */
  static String hmacSha256Hex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }
}
