package io.pingbase.check;

/**
 * What a monitor points at. A closed set: adding a protocol adds a record here, and every
 * exhaustive {@code switch} over targets fails to compile until it handles the new kind.
 */
public sealed interface Target {

  /** The monitor type name used in config and the API ("tcp"). */
  String type();

  /** The host that concurrency caps are counted against; never flood one host. */
  String host();

  /** A short human form for logs and the CLI ("tcp://db:5432"). */
  String display();

  /** A plain TCP port: connect, time it, close. */
  record Tcp(String host, int port) implements Target {
    public Tcp {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1-65535, was " + port);
      }
    }

    @Override
    public String type() {
      return "tcp";
    }

    @Override
    public String display() {
      return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  // --- type: http
  /**
   * An HTTP(S) request and what its answer must look like; see {@link io.pingbase.check.http.HttpCheck}.
   *
   * @param url          absolute http:// or https:// URL, without user info (see {@code basic-auth})
   * @param headers      extra request headers in order (name to value)
   * @param body         request body sent as UTF-8, or null for none
   * @param auth         basic or bearer credentials, or null
   * @param maxRedirects redirects followed at most; 0 follows none
   * @param maxBody      bytes of the body read at most; the rest is left unread
   * @param caFile       a PEM file of extra CA certificates to trust, or null for the JDK's trust store
   */
  record Http(String url, String method, java.util.Map<String, String> headers, String body,
      io.pingbase.check.http.HttpAuth auth, io.pingbase.check.http.StatusCodes accepted, int maxRedirects,
      long maxBody, boolean tlsVerify, String caFile, io.pingbase.check.http.HttpExpect expect) implements Target {
    public static final int DEFAULT_MAX_REDIRECTS = 10;
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    public static final long MAX_MAX_BODY = 64L * 1024 * 1024;

    public Http {
      io.pingbase.check.http.HttpUrl.parse(url); // throws saying what is wrong
      if (!io.pingbase.check.http.HttpSyntax.isToken(method)) {
        throw new IllegalArgumentException("method must be a word such as GET or POST, was \"" + method + "\"");
      }
      headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
      headers.forEach((name, value) -> {
        if (!io.pingbase.check.http.HttpSyntax.isToken(name)) {
          throw new IllegalArgumentException("not a header name: \"" + name + "\"");
        }
        if (io.pingbase.check.http.HttpSyntax.hasLineBreak(value)) {
          throw new IllegalArgumentException("the value of header " + name + " must not contain line breaks");
        }
      });
      java.util.Objects.requireNonNull(accepted, "accepted");
      java.util.Objects.requireNonNull(expect, "expect");
      if (maxRedirects < 0 || maxRedirects > 50) {
        throw new IllegalArgumentException("max-redirects must be 0-50, was " + maxRedirects);
      }
      if (maxBody < 0 || maxBody > MAX_MAX_BODY) {
        throw new IllegalArgumentException("max-body must be 0-64MiB, was " + maxBody);
      }
    }

    /** GET {@code url} with every default. */
    public static Http get(String url) {
      return new Http(url, "GET", java.util.Map.of(), null, null, io.pingbase.check.http.StatusCodes.DEFAULT,
          DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_BODY, true, null, io.pingbase.check.http.HttpExpect.NONE);
    }

    @Override
    public String type() {
      return "http";
    }

    @Override
    public String host() {
      return io.pingbase.check.http.HttpUrl.parse(url).host();
    }

    @Override
    public String display() {
      return url;
    }
  }
}
