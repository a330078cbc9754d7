package io.pingbase.check.http;

import io.pingbase.check.CheckResult;
import io.pingbase.check.SystemResolver;
import io.pingbase.check.Target;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A readable way to write an HTTP target in tests: {@code Spec.get(url).header("A", "b").run()}. */
final class Spec {
  static final SystemResolver RESOLVER = new SystemResolver(2);

  String url;
  String method = "GET";
  Map<String, String> headers = new LinkedHashMap<>();
  String body;
  HttpAuth auth;
  StatusCodes accepted = StatusCodes.DEFAULT;
  int maxRedirects = Target.Http.DEFAULT_MAX_REDIRECTS;
  long maxBody = Target.Http.DEFAULT_MAX_BODY;
  boolean tlsVerify = true;
  String caFile;
  HttpExpect expect = HttpExpect.NONE;
  Duration timeout = Duration.ofSeconds(3);

  static Spec get(String url) {
    Spec s = new Spec();
    s.url = url;
    return s;
  }

  Spec method(String m) {
    method = m;
    return this;
  }

  Spec header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Spec body(String b) {
    body = b;
    return this;
  }

  Spec auth(HttpAuth a) {
    auth = a;
    return this;
  }

  Spec accepted(String... ranges) {
    accepted = new StatusCodes(List.of(ranges).stream().map(StatusCodes::parseRange).toList());
    return this;
  }

  Spec maxRedirects(int n) {
    maxRedirects = n;
    return this;
  }

  Spec maxBody(long n) {
    maxBody = n;
    return this;
  }

  Spec tlsVerify(boolean v) {
    tlsVerify = v;
    return this;
  }

  Spec caFile(String f) {
    caFile = f;
    return this;
  }

  Spec expect(HttpExpect e) {
    expect = e;
    return this;
  }

  Spec timeout(Duration t) {
    timeout = t;
    return this;
  }

  Target.Http target() {
    return new Target.Http(url, method, headers, body, auth, accepted, maxRedirects, maxBody, tlsVerify, caFile, expect);
  }

  CheckResult run() {
    return check().run(timeout);
  }

  /** The check itself, to run more than once (it keeps state such as the loaded trust). */
  HttpCheck check() {
    return new HttpCheck(target(), RESOLVER, InstantSource.system());
  }

  static HttpExpect contains(String... s) {
    return new HttpExpect(List.of(s), List.of(), List.of(), List.of(), Map.of());
  }

  static HttpExpect notContains(String... s) {
    return new HttpExpect(List.of(), List.of(s), List.of(), List.of(), Map.of());
  }

  static HttpExpect matches(String... regex) {
    return new HttpExpect(List.of(), List.of(), List.of(regex), List.of(), Map.of());
  }

  static HttpExpect json(HttpExpect.Json... j) {
    return new HttpExpect(List.of(), List.of(), List.of(), List.of(j), Map.of());
  }

  static HttpExpect headers(Map<String, String> h) {
    return new HttpExpect(List.of(), List.of(), List.of(), List.of(), h);
  }
}
