package io.pingbase.alert.channel.email;

import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Wording;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The two bodies of a notification email: plain text and HTML with the same facts in the same
 * order. Everything that comes from a monitor (name, target, message) is escaped in the HTML,
 * since whoever configures a monitor is not necessarily whoever reads the mail.
 */
record EmailBody(String text, String html) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx '('VV')'", Locale.ROOT);

  static EmailBody of(Notification n, ZoneId zone) {
    Map<String, String> facts = facts(n, zone);
    return new EmailBody(text(n, facts), html(n, facts));
  }

  /** The rows shown in both bodies, label to value, in order; absent facts are left out. */
  static Map<String, String> facts(Notification n, ZoneId zone) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Monitor", n.monitorName() + " (" + n.monitorId() + ")");
    if (n.target() != null && !n.target().isBlank()) {
      f.put("Target", n.target());
    }
    f.put("State", (n.from() == null ? "" : n.from().name() + " \u2192 ") + n.to().name());
    if (n.reason() != null) {
      f.put("Reason", n.reason().name());
    }
    if (n.message() != null && !n.message().isBlank()) {
      f.put("Message", n.message());
    }
    if (n.responseMicros() >= 0) {
      f.put("Response time", Wording.responseTime(n));
    }
    f.put(n.kind() == Notification.Kind.RECOVERED ? "Recovered at" : "Since", TIME.format(n.at().atZone(zone)));
    if (n.downFor() != null) {
      f.put("Down for", Wording.duration(n.downFor()));
    }
    f.put("Event id", n.eventId());
    return f;
  }

  private static String text(Notification n, Map<String, String> facts) {
    int width = facts.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    StringBuilder b = new StringBuilder(n.title()).append("\r\n\r\n");
    facts.forEach((label, value) ->
        b.append(String.format(Locale.ROOT, "%-" + width + "s", label + ":")).append(oneLine(value)).append("\r\n"));
    b.append("\r\n-- \r\nSent by PingBase\r\n");
    return b.toString();
  }

  private static String html(Notification n, Map<String, String> facts) {
    StringBuilder b = new StringBuilder(1024);
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(n.title()))
        .append("</title></head>\n<body style=\"font-family:sans-serif\">\n")
        .append("<h2 style=\"color:").append(colour(n.kind())).append("\">").append(escape(n.title())).append("</h2>\n")
        .append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n");
    facts.forEach((label, value) -> b.append("<tr><th align=\"left\" valign=\"top\">").append(escape(label))
        .append("</th><td>").append(escape(value)).append("</td></tr>\n"));
    b.append("</table>\n<p style=\"color:#888;font-size:small\">Sent by PingBase</p>\n</body></html>\n");
    return b.toString();
  }

  private static String colour(Notification.Kind kind) {
    return switch (kind) {
      case DOWN, REMINDER -> "#c62828";
      case RECOVERED -> "#2e7d32";
      case DEGRADED -> "#ef6c00";
      case TEST -> "#1565c0";
    };
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c < ' ' && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
  }

  /** A monitor message on one line, so it cannot fake further rows in the plain-text body. */
  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
  }
}
