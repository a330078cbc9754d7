package io.pingbase.check.tcp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Received bytes as a short, safe form for messages: quoted text, or hex when they are binary. */
public final class Printable {
  static final int MAX_TEXT = 80;
  static final int MAX_HEX = 16;

  private Printable() {}

  public static String show(byte[] bytes, int length) {
    return show(bytes, 0, length);
  }

  public static String show(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return "nothing";
    }
    int printable = 0;
    for (int i = offset; i < offset + length; i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f || b == '\r' || b == '\n' || b == '\t') {
        printable++;
      }
    }
    if (printable * 10 >= length * 9) {
      return text(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
    }
    StringBuilder hex = new StringBuilder();
    for (int i = offset; i < offset + Math.min(length, MAX_HEX); i++) {
      if (hex.length() > 0) {
        hex.append(' ');
      }
      hex.append(String.format(Locale.ROOT, "0x%02x", bytes[i] & 0xff));
    }
    return hex + (length > MAX_HEX ? " ... (" + length + " bytes)" : "");
  }

  /** Text in quotes, control characters escaped, cut at {@link #MAX_TEXT} characters. */
  public static String text(String s) {
    StringBuilder q = new StringBuilder("\"");
    int n = Math.min(s.length(), MAX_TEXT);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\r' -> q.append("\\r");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            q.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    q.append('"');
    return s.length() > MAX_TEXT ? q + "... (" + s.length() + " bytes)" : q.toString();
  }

  /** Text kept for details: control characters dropped, at most {@code max} characters. */
  public static String clean(String s, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return b.toString().strip();
  }
}
