package io.pingbase.check.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One response as read: status line, headers in order, and the body up to the cap.
 *
 * @param contentLength the Content-Length header, or -1 when absent
 * @param truncated     the body was longer than the cap and the rest was left unread
 */
record HttpResponse(String version, int status, String reasonPhrase, List<Header> headers, byte[] body,
    long contentLength, boolean truncated) {

  record Header(String name, String value) {}

  /** The first value of a header, any case; null when absent. */
  String header(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  /** Every value of a header, any case. */
  List<String> headers(String name) {
    List<String> values = new ArrayList<>(1);
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        values.add(h.value());
      }
    }
    return values;
  }

  boolean isRedirect() {
    return switch (status) {
      case 301, 302, 303, 307, 308 -> header("Location") != null;
      default -> false;
    };
  }

  /** Whether a response to {@code method} with this status has no body, whatever its headers say (RFC 9112 6.3). */
  static boolean bodyless(String method, int status) {
    return method.toUpperCase(Locale.ROOT).equals("HEAD") || status / 100 == 1 || status == 204 || status == 304;
  }
}
