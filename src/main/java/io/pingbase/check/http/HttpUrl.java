package io.pingbase.check.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An absolute http:// or https:// URL taken apart for one request.
 *
 * @param host          without IPv6 brackets, as the connector takes it
 * @param port          the explicit port or the scheme's default
 * @param requestTarget path and query as sent in the request line ("/health?full=1")
 */
public record HttpUrl(URI uri, boolean https, String host, int port, String requestTarget) {

  /** @throws IllegalArgumentException saying what is wrong with the text */
  public static HttpUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("url must not be empty; write e.g. https://example.com/health");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + e.getMessage());
    }
    return of(uri, text);
  }

  /** A URL a redirect pointed at, already resolved against the current one. */
  static HttpUrl of(URI uri, String shown) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("url must start with http:// or https://, was \"" + shown + "\"");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("url must not contain user:password@; use basic-auth, was \"" + shown + "\"");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("url has no valid host: \"" + shown + "\"");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean https = scheme.equals("https");
    int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, was " + port + " in \"" + shown + "\"");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new HttpUrl(uri, https, host, port, target);
  }

  /** The Host header: the host (IPv6 in brackets), and the port when it is not the scheme's default. */
  String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == (https ? 443 : 80) ? h : h + ":" + port;
  }

  /** Scheme, host and port: credentials are only sent while this stays the same. */
  String origin() {
    return (https ? "https://" : "http://") + hostHeader();
  }

  /** The URL without its fragment, for messages and the final-url detail. */
  String shown() {
    String s = uri.toString();
    int hash = s.indexOf('#');
    return hash >= 0 ? s.substring(0, hash) : s;
  }
}
