package io.pingbase.alert.channel.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.HttpPost;
import io.pingbase.alert.channel.Wording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a message through the Telegram Bot API ({@code sendMessage}). Telegram says how long to
 * wait after a 429 in the body ("retry after 5", {@code parameters.retry_after}), not in a header,
 * so that figure is taken from the summary when no Retry-After came.
 */
public final class TelegramChannel implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RETRY_AFTER = Pattern.compile("retry after (\\d{1,9})");
  /** Telegram's limit on a message's text. */
  private static final int TEXT_MAX = 4096;

  private final TelegramSettings settings;
  private final HttpPost http;

  public TelegramChannel(TelegramSettings settings, HttpPost http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public String type() {
    return "telegram";
  }

  @Override
  public Delivery send(Notification n) {
    Delivery d = http.postJson(settings.sendMessageUrl(), message(settings, n), settings.timeout());
    if (d instanceof Delivery.Retry retry && retry.retryAfter() == null) {
      Matcher m = RETRY_AFTER.matcher(retry.summary());
      if (m.find()) {
        return new Delivery.Retry(retry.summary(), Duration.ofSeconds(Long.parseLong(m.group(1))));
      }
    }
    return d;
  }

  static ObjectNode message(TelegramSettings s, Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("chat_id", s.chatId());
    String text = text(s.parseMode(), n);
    root.put("text", text.length() <= TEXT_MAX ? text : text.substring(0, TEXT_MAX - 1) + "…");
    String mode = s.parseMode().wire();
    if (mode != null) {
      root.put("parse_mode", mode);
    }
    root.putObject("link_preview_options").put("is_disabled", true);
    return root;
  }

  static String text(TelegramSettings.ParseMode mode, Notification n) {
    UnaryOperator<String> esc = switch (mode) {
      case HTML -> TelegramChannel::escapeHtml;
      case MARKDOWN_V2 -> TelegramChannel::escapeMarkdownV2;
      case NONE -> UnaryOperator.identity();
    };
    String bold = switch (mode) {
      case HTML -> "<b>%s</b>";
      case MARKDOWN_V2 -> "*%s*";
      case NONE -> "%s";
    };
    String code = switch (mode) {
      case HTML -> "<code>%s</code>";
      case MARKDOWN_V2 -> "`%s`";
      case NONE -> "%s";
    };
    List<String> lines = new ArrayList<>();
    lines.add(bold.formatted(esc.apply(n.title())));
    if (n.target() != null) {
      lines.add(esc.apply("Target: ") + code.formatted(esc.apply(n.target())));
    }
    if (n.message() != null && !n.message().isBlank()) {
      lines.add(esc.apply(n.message()));
    }
    if (Wording.responseTime(n) != null) {
      lines.add(esc.apply("Response time: " + Wording.responseTime(n)));
    }
    if (n.downFor() != null) {
      lines.add(esc.apply("Down for: " + Wording.duration(n.downFor())));
    }
    lines.add(esc.apply("At: " + Wording.time(n)));
    return String.join("\n", lines);
  }

  static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** MarkdownV2 wants every one of these characters escaped outside entities. */
  static String escapeMarkdownV2(String s) {
    return s.replaceAll("([_*\\[\\]()~`>#+\\-=|{}.!\\\\])", "\\\\$1");
  }
}
