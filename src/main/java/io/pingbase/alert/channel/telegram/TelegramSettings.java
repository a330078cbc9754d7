package io.pingbase.alert.channel.telegram;

import io.pingbase.alert.channel.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Telegram bot and the chat it writes to.
 *
 * @param botToken  the token from @BotFather ("123456:ABC-DEF…"); a credential, never shown by
 *                  {@link #toString()} and never in a delivery summary
 * @param chatId    a numeric chat id ("-1001234567890") or a public channel ("@pingbase_alerts")
 * @param parseMode how the text is formatted
 * @param baseUrl   the Bot API server; {@link #DEFAULT_BASE_URL} unless a local Bot API server is used
 * @param timeout   for one attempt
 */
public record TelegramSettings(String botToken, String chatId, ParseMode parseMode, URI baseUrl, Duration timeout) {
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.telegram.org");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");

  /** Telegram's {@code parse_mode}; NONE sends plain text. */
  public enum ParseMode {
    HTML, MARKDOWN_V2, NONE;

    /** The value of {@code parse_mode}, or null for none. */
    String wire() {
      return switch (this) {
        case HTML -> "HTML";
        case MARKDOWN_V2 -> "MarkdownV2";
        case NONE -> null;
      };
    }
  }

  public TelegramSettings {
    if (botToken == null || !TOKEN.matcher(botToken).matches()) {
      throw new IllegalArgumentException("bot-token must look like 123456:ABC-DEF… (from @BotFather)");
    }
    if (chatId == null || chatId.isBlank()) {
      throw new IllegalArgumentException("chat-id must not be blank");
    }
    parseMode = parseMode == null ? ParseMode.HTML : parseMode;
    baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    SettingsChecks.requireHttpUrl(baseUrl, "base-url");
    timeout = SettingsChecks.timeout(timeout, DEFAULT_TIMEOUT);
  }

  /** Its keys in pingbase.yml and the API. */
  public static final java.util.List<String> KEYS = java.util.List.of("bot-token", "chat-id", "parse-mode",
      "base-url", "timeout");

  public static TelegramSettings read(io.pingbase.alert.channel.ChannelFields f) {
    String mode = f.text("parse-mode");
    ParseMode parseMode = null;
    if (mode != null) {
      parseMode = switch (mode.toLowerCase(Locale.ROOT)) {
        case "html" -> ParseMode.HTML;
        case "markdownv2", "markdown-v2" -> ParseMode.MARKDOWN_V2;
        case "none" -> ParseMode.NONE;
        default -> throw new IllegalArgumentException(
            "parse-mode must be html, markdownv2 or none, not '" + mode + "'");
      };
    }
    return new TelegramSettings(f.text("bot-token"), f.text("chat-id"), parseMode, f.url("base-url"),
        f.duration("timeout"));
  }

  /** {@code <base-url>/bot<token>/sendMessage}. */
  URI sendMessageUrl() {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "bot" + botToken + "/sendMessage");
  }

  @Override
  public String toString() {
    return "TelegramSettings[botToken=***, chatId=" + chatId + ", parseMode=" + parseMode + ", baseUrl=" + baseUrl
        + ", timeout=" + timeout + "]";
  }
}
