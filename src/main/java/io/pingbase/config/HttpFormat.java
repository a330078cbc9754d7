package io.pingbase.config;

import io.pingbase.check.Target;
import io.pingbase.check.http.HttpAuth;
import io.pingbase.check.http.HttpExpect;
import io.pingbase.check.http.HttpSyntax;
import io.pingbase.check.http.HttpUrl;
import io.pingbase.check.http.JsonPath;
import io.pingbase.check.http.StatusCodes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code type: http}: a URL, the request (method, headers, body, auth), what answer is accepted
 * (status, redirects, body cap, TLS) and the {@code expect} assertions. See docs/CONFIGURATION.md.
 */
final class HttpFormat implements TargetFormat<Target.Http> {
  static final List<String> EXPECT_KEYS = List.of("body-contains", "body-not-contains", "body-matches", "json", "headers");
  static final List<String> JSON_KEYS = List.of("path", "equals", "exists");
  static final List<String> BASIC_AUTH_KEYS = List.of("username", "password");
  private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "connection");
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})\\s*(B|KiB|MiB)?");

  @Override
  public String type() {
    return "http";
  }

  @Override
  public Class<Target.Http> targetClass() {
    return Target.Http.class;
  }

  @Override
  public List<String> keys() {
    return List.of("url", "method", "headers", "body", "basic-auth", "bearer-token", "accepted-status",
        "max-redirects", "max-body", "tls-verify", "ca-file", "expect");
  }

  @Override
  public Target.Http read(MapReader r) {
    String url = r.requiredText("url");
    if (url != null) {
      try {
        HttpUrl parsed = HttpUrl.parse(url.strip());
        String problem = Hosts.problem(parsed.host());
        if (problem != null) {
          r.error("url", "host " + problem);
        }
        url = url.strip();
      } catch (IllegalArgumentException e) {
        r.error("url", e.getMessage());
      }
    }
    String method = r.nonBlank("method", "GET");
    if (method != null && !(HttpSyntax.isToken(method) && method.equals(method.toUpperCase(Locale.ROOT)))) {
      r.error("method", "must be an upper-case method such as GET, HEAD or POST, was " + Nodes.quote(method));
    }
    Map<String, String> headers = headers(r);
    String body = r.text("body", null);
    HttpAuth auth = auth(r);
    StatusCodes accepted = accepted(r);
    Integer maxRedirects = r.integer("max-redirects", 0, 50, Target.Http.DEFAULT_MAX_REDIRECTS);
    Long maxBody = size(r, "max-body", Target.Http.DEFAULT_MAX_BODY, Target.Http.MAX_MAX_BODY);
    Boolean tlsVerify = r.flag("tls-verify", true);
    String caFile = r.nonBlank("ca-file", null);
    // Not checked for existence here: stored monitors are read with this same code at start-up, and
    // a CA file removed since must make the check DOWN (ERROR, naming the file), not the server
    // refuse to start. The tls type does the same.
    if (caFile != null && Boolean.FALSE.equals(tlsVerify)) {
      r.error("ca-file", "has no effect with tls-verify: false; remove one of them");
    }
    HttpExpect expect = expect(r);
    if (!r.clean()) {
      return null;
    }
    try {
      return new Target.Http(url, method, headers, body, auth, accepted, maxRedirects, maxBody, tlsVerify, caFile, expect);
    } catch (IllegalArgumentException e) {
      r.error("url", e.getMessage());
      return null;
    }
  }

  private static Map<String, String> headers(MapReader r) {
    ConfigNode node = r.value("headers");
    Map<String, String> headers = new LinkedHashMap<>();
    if (node == null) {
      return headers;
    }
    if (!(node instanceof ConfigMap map)) {
      r.error("headers", "must be a map of header names to values, was " + Nodes.describe(node));
      return headers;
    }
    MapReader h = r.section("headers", "a map of header names to values");
    for (ConfigMap.Entry e : map.entries()) {
      String name = e.key();
      String key = name;
      if (!HttpSyntax.isToken(name)) {
        h.error(key, "is not a valid header name (letters, digits and !#$%&'*+.^_`|~-)");
      } else if (FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        h.error(key, "is set by PingBase (one request per connection, Content-Length from body)");
      } else if (!(e.value() instanceof ConfigScalar s)) {
        h.error(key, "must be text, was " + Nodes.describe(e.value()));
      } else if (HttpSyntax.hasLineBreak(s.text())) {
        h.error(key, "must not contain line breaks");
      } else {
        headers.put(name, s.text());
      }
    }
    return headers;
  }

  private static HttpAuth auth(MapReader r) {
    String token = r.nonBlank("bearer-token", null);
    if (token != null && HttpSyntax.hasLineBreak(token)) {
      r.error("bearer-token", "must not contain line breaks");
      token = null;
    }
    if (!r.has("basic-auth")) {
      return token == null ? null : new HttpAuth.Bearer(token);
    }
    if (r.has("bearer-token")) {
      r.error("basic-auth", "give basic-auth or bearer-token, not both");
      return null;
    }
    MapReader a = r.section("basic-auth", "a map with username and password");
    if (a == null) {
      return null;
    }
    a.allowOnly(BASIC_AUTH_KEYS);
    String username = a.requiredText("username");
    if (username != null && username.indexOf(':') >= 0) {
      a.error("username", "must not contain ':' (basic auth separates username and password with it)");
    }
    String password = a.text("password", null);
    if (password == null && !a.has("password")) {
      a.missing("password");
    }
    return a.clean() ? new HttpAuth.Basic(username, password) : null;
  }

  private static StatusCodes accepted(MapReader r) {
    ConfigNode node = r.value("accepted-status");
    if (node == null) {
      return StatusCodes.DEFAULT;
    }
    List<ConfigNode> items = node instanceof ConfigList list ? list.items() : List.of(node);
    List<StatusCodes.Range> ranges = new ArrayList<>();
    for (ConfigNode item : items) {
      if (!(item instanceof ConfigScalar s)) {
        r.error("accepted-status", "must be status codes and ranges such as [\"200-299\", 304], found "
            + Nodes.describe(item));
        return null;
      }
      try {
        ranges.add(StatusCodes.parseRange(s.text()));
      } catch (IllegalArgumentException e) {
        r.error("accepted-status", e.getMessage());
        return null;
      }
    }
    if (ranges.isEmpty()) {
      r.error("accepted-status", "must list at least one status; leave it out for the default 200-399");
      return null;
    }
    return new StatusCodes(ranges);
  }

  private static HttpExpect expect(MapReader r) {
    if (!r.has("expect")) {
      return HttpExpect.NONE;
    }
    MapReader e = r.section("expect", "a map with " + String.join(", ", EXPECT_KEYS));
    if (e == null) {
      return null;
    }
    e.allowOnly(EXPECT_KEYS);
    List<String> contains = e.texts("body-contains");
    List<String> notContains = e.texts("body-not-contains");
    List<String> matches = e.texts("body-matches");
    for (String regex : matches) {
      regexProblem(e, "body-matches", regex);
    }
    List<HttpExpect.Json> json = jsonAssertions(e);
    Map<String, String> headers = new LinkedHashMap<>();
    ConfigNode h = e.value("headers");
    if (h != null && !(h instanceof ConfigMap)) {
      e.error("headers", "must be a map of header names to regular expressions, was " + Nodes.describe(h));
    } else if (h instanceof ConfigMap map) {
      MapReader hr = e.section("headers", "a map of header names to regular expressions");
      for (ConfigMap.Entry entry : map.entries()) {
        String key = entry.key();
        if (!HttpSyntax.isToken(entry.key())) {
          hr.error(key, "is not a valid header name");
        } else if (!(entry.value() instanceof ConfigScalar s)) {
          hr.error(key, "must be a regular expression, was " + Nodes.describe(entry.value()));
        } else if (!regexProblem(hr, key, s.text())) {
          headers.put(entry.key(), s.text());
        }
      }
    }
    return e.clean() ? new HttpExpect(contains, notContains, matches, json, headers) : null;
  }

  private static List<HttpExpect.Json> jsonAssertions(MapReader e) {
    ConfigNode node = e.value("json");
    List<HttpExpect.Json> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof ConfigList list)) {
      e.error("json", "must be a list of {path, equals} or {path, exists}, was " + Nodes.describe(node));
      return out;
    }
    for (int i = 0; i < list.items().size(); i++) {
      MapReader j = e.item(list.items().get(i), "json[" + i + "]", "a map with path and equals or exists");
      if (j == null) {
        continue;
      }
      j.allowOnly(JSON_KEYS);
      String path = j.requiredText("path");
      if (path != null) {
        try {
          JsonPath.compile(path);
        } catch (IllegalArgumentException ex) {
          j.error("path", ex.getMessage());
        }
      }
      String equals = j.text("equals", null);
      Boolean exists = j.flag("exists", null);
      if (j.clean() && (equals == null) == (exists == null)) {
        j.error(equals == null ? "path" : "exists", "give either equals or exists");
      }
      if (j.clean()) {
        out.add(new HttpExpect.Json(path, equals, exists));
      }
    }
    return out;
  }

  private static boolean regexProblem(MapReader r, String key, String regex) {
    try {
      Pattern.compile(regex);
      return false;
    } catch (java.util.regex.PatternSyntaxException ex) {
      r.error(key, "is not a valid regular expression: " + ex.getDescription() + " in " + Nodes.quote(regex));
      return true;
    }
  }

  /** A size in bytes: {@code 65536}, {@code 512KiB}, {@code 1MiB}. */
  static Long size(MapReader r, String key, long fallback, long max) {
    ConfigNode node = r.value(key);
    if (node == null) {
      return fallback;
    }
    if (node instanceof ConfigScalar s) {
      Matcher m = SIZE.matcher(s.text().strip());
      if (m.matches()) {
        long unit = m.group(2) == null || m.group(2).equals("B") ? 1 : m.group(2).equals("KiB") ? 1024 : 1024 * 1024;
        long value = Long.parseLong(m.group(1)) * unit;
        if (value <= max) {
          return value;
        }
        r.error(key, "must be at most " + formatSize(max) + ", was " + Nodes.quote(s.text()));
        return null;
      }
    }
    r.error(key, "must be a size such as 65536, 512KiB or 1MiB, was " + Nodes.describe(node));
    return null;
  }

  static Object formatSize(long bytes) {
    if (bytes > 0 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + "MiB";
    }
    if (bytes > 0 && bytes % 1024 == 0) {
      return bytes / 1024 + "KiB";
    }
    return (int) bytes;
  }

  @Override
  public void write(Target.Http http, Map<String, Object> out) {
    out.put("url", http.url());
    out.put("method", http.method());
    if (!http.headers().isEmpty()) {
      out.put("headers", http.headers());
    }
    if (http.body() != null) {
      out.put("body", http.body());
    }
    switch (http.auth()) {
      case null -> { }
      case HttpAuth.Basic b -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", b.username());
        m.put("password", b.password());
        out.put("basic-auth", Collections.unmodifiableMap(m));
      }
      case HttpAuth.Bearer b -> out.put("bearer-token", b.token());
    }
    out.put("accepted-status", http.accepted().ranges().stream()
        .map(range -> range.from() == range.to() ? (Object) range.from() : range.toString()).toList());
    out.put("max-redirects", http.maxRedirects());
    out.put("max-body", formatSize(http.maxBody()));
    out.put("tls-verify", http.tlsVerify());
    if (http.caFile() != null) {
      out.put("ca-file", http.caFile());
    }
    HttpExpect e = http.expect();
    if (!e.isEmpty()) {
      Map<String, Object> m = new LinkedHashMap<>();
      putList(m, "body-contains", e.bodyContains());
      putList(m, "body-not-contains", e.bodyNotContains());
      putList(m, "body-matches", e.bodyMatches());
      if (!e.json().isEmpty()) {
        m.put("json", e.json().stream().map(j -> {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("path", j.path());
          if (j.equals() != null) {
            item.put("equals", j.equals());
          } else {
            item.put("exists", j.exists());
          }
          return Collections.unmodifiableMap(item);
        }).toList());
      }
      if (!e.headers().isEmpty()) {
        m.put("headers", e.headers());
      }
      out.put("expect", Collections.unmodifiableMap(m));
    }
  }

  private static void putList(Map<String, Object> m, String key, List<String> values) {
    if (!values.isEmpty()) {
      m.put(key, values);
    }
  }
}
