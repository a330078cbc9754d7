package io.pingbase.web;

import org.eclipse.jetty.http.HttpFields;

/**
 * Headers every response carries, whoever writes it: our handlers, Javalin's routing, Jetty's
 * error pages. Everything this server answers today is JSON, YAML or text for machines, so the
 * policy allows nothing at all: no scripts, no styles, no framing. The web UI, when it comes,
 * loosens {@code Content-Security-Policy} for its own pages only (still without inline script).
 *
 * <ul>
 *   <li>{@code Content-Security-Policy: default-src 'none'; frame-ancestors 'none'}: a response
 *       opened in a browser runs nothing and cannot be framed (clickjacking);
 *   <li>{@code X-Content-Type-Options: nosniff}: a browser never guesses HTML out of JSON that
 *       echoes a client's text;
 *   <li>{@code Referrer-Policy: no-referrer}: monitor ids in URLs do not leak to other sites;
 *   <li>{@code X-Frame-Options: DENY}: frame-ancestors for browsers that predate CSP 2.
 * </ul>
 */
final class SecurityHeaders {
  static final String CSP = "default-src 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void add(HttpFields.Mutable headers) {
    headers.put("Content-Security-Policy", CSP);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("X-Frame-Options", "DENY");
  }
}
