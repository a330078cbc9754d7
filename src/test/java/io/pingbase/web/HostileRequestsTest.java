package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.check.Target;
import io.pingbase.engine.LiveMonitor;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never a 500 for anything a client can send: a fixed-seed stream of hostile and random requests
 * (methods, paths under /api/v1, ids, query strings, bodies, content types), each answered below
 * 500, and every error with the JSON shape {@code {"status", "error"}}.
 *
 * <p>Monitors the fuzz happens to create can only target loopback or names from the test hosts
 * file: every host the generator writes comes from {@link #HOSTS} or is made of letters only.
 */
class HostileRequestsTest {
  /** Fixed, so a failure reproduces; -Dpingbase.fuzz.seed=N explores other streams. */
  private static final long SEED = Long.getLong("pingbase.fuzz.seed", 20260301L);
  private static final int REQUESTS = 500;
  /** The only hosts a generated monitor may name: loopback, hosts-file names, names that resolve nowhere. */
  private static final List<String> HOSTS = List.of("127.0.0.1", "::1", "[::1]", "localhost", "pingbase-test-a",
      "no-such-name", "", " ", "http://x", "127.0.0.1:80", "[::1", "a..b", "-x", "\u00e9t\u00e9", "1.2.3.4.5");

  @TempDir
  static Path dir;
  static TestServer server;
  static LoopbackListener target;

  @BeforeAll
  static void start() throws Exception {
    target = new LoopbackListener();
    server = TestServer.start(dir, """
        monitors:
          - { id: file-one, name: File One, type: tcp, host: 127.0.0.1, port: %d }
        """.formatted(target.port()), InstantSource.system());
    server.post("/api/v1/monitors", """
        { "id": "api-one", "name": "API One", "type": "tcp", "host": "127.0.0.1", "port": %d }""".formatted(target.port()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    target.close();
  }

  @Test
  void noRequestGetsA5xxAndEveryErrorIsJson() throws Exception {
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    String previous = null;
    for (int i = 0; i < REQUESTS; i++) {
      String[] methodAndPath = request(random);
      String method = methodAndPath[0];
      String path = methodAndPath[1] + query(random);
      URI uri;
      try {
        uri = server.uri(path);
      } catch (IllegalArgumentException notAUri) {
        continue; // java.net.URI refuses it, so no client built on it can send it either
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(uri);
      String contentType = pick(random, "application/json", "application/json", "application/json; charset=utf-8",
          null, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", ";;", "*/*");
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      if (random.nextInt(4) == 0) {
        request.header("Accept", pick(random, "text/html", "application/xml", "*/*", "text/plain;q=0"));
      }
      byte[] body = random.nextInt(5) == 0 ? new byte[0] : body(random);
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
      String what = method + " " + path + " " + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
      TestServer.Response r;
      try {
        r = server.sendAlone(request); // hostile requests may be refused half-read: no shared connection
      } catch (UncheckedIOException e) {
        if (uri.toString().length() > 8 * 1024 && body.length > 0) {
          // Refused for its URI while the body was still being sent: the server's answer can be lost
          // to the connection reset (a TCP race, not a missing answer). Ask again without a body.
          try {
            r = server.sendAlone(request.method(method, HttpRequest.BodyPublishers.noBody()));
          } catch (UncheckedIOException again) {
            failures.add(what + " -> no answer, even without a body: " + again.getCause());
            continue;
          }
        } else {
          failures.add(what + " -> no answer: " + e.getCause() + "; the request before: " + previous);
          continue;
        }
      }
      previous = what + " -> " + r + " " + r.headers().map(); // a dropped connection may be its fault
      if (r.status() >= 500) {
        failures.add(what + " -> " + r);
      } else if (r.status() >= 400 && !method.equals("HEAD")) {
        try {
          JsonNode json = r.json();
          if (json.get("status") == null || json.get("status").asInt() != r.status() || !json.path("error").isTextual()
              || r.header("Content-Type") == null || !r.header("Content-Type").startsWith("application/json")) {
            failures.add(what + " -> not our error shape: " + r);
          }
        } catch (IllegalArgumentException notJson) {
          failures.add(what + " -> not JSON: " + r);
        }
      }
    }
    assertThat(failures).as("seed %d", SEED).isEmpty();
    // The server is still well and every monitor the fuzz created targets loopback or a test name.
    assertThat(server.get("/healthz").status()).isEqualTo(200);
    Set<String> testNames = Set.of("localhost", "pingbase-test-a", "no-such-name");
    for (LiveMonitor m : server.app().registry().list()) {
      String host = switch (m.monitor().target()) {
        case Target.Tcp tcp -> tcp.host();
        case Target.Heartbeat hb -> "localhost"; // passive: dials nothing
        case Target.Dns dns -> dns.host(); // "system-resolver" fails below: it would leave loopback
        case Target.Tls tls -> tls.host();
        case Target.Http http -> http.host();
      };
      boolean safe = testNames.contains(host) || host.chars().allMatch(Character::isLetter)
          || InetAddress.getByName(host).isLoopbackAddress();
      assertThat(safe).as("monitor %s targets %s", m.monitor().id(), host).isTrue();
    }
  }

  private static final String[] ANY_METHOD = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
      "PROPFIND", "BREW"};

  /** A path and, mostly, a method the route takes, so requests get past routing into the handlers. */
  private static String[] request(Random random) {
    String id = id(random);
    String[] pathAndMethods = switch (random.nextInt(14)) {
      case 0, 1 -> new String[] {"/api/v1/monitors", "GET", "POST", "POST"};
      case 2 -> new String[] {"/api/v1/status", "GET"};
      case 3 -> new String[] {"/api/v1/events", "GET"};
      case 4, 5 -> new String[] {"/api/v1/monitors/" + id, "GET", "PUT", "PUT", "DELETE"};
      case 6 -> new String[] {"/api/v1/monitors/" + id + "/" + pick(random, "pause", "resume", "check"), "POST"};
      case 7, 8 -> new String[] {"/api/v1/monitors/" + id + "/" + pick(random, "results", "stats", "events"), "GET"};
      case 9 -> new String[] {"/api/v1/" + pick(random, "..", "%2e%2e", "monitors/..", "monitors/%2e%2e/%2e%2e/etc/passwd",
          "monitors/../../healthz", "./monitors", "monitors//x", "monitors/x%2F..%2F..", "%00", ".%00.", "~root"), "GET"};
      case 10 -> new String[] {"/api/v1/" + randomText(random, 1 + random.nextInt(30)), "GET"};
      case 11 -> new String[] {"/api/v1/monitors/" + id + "/" + randomText(random, 1 + random.nextInt(10)), "GET"};
      case 12 -> new String[] {"/api/v1/monitors/" + id + "/" + id + "/" + id, "GET"};
      default -> new String[] {pick(random, "/healthz", "/metrics", "/api/v1/openapi.yaml"), "GET"};
    };
    String method = random.nextInt(10) < 7
        ? pathAndMethods[1 + random.nextInt(pathAndMethods.length - 1)]
        : pick(random, ANY_METHOD);
    return new String[] {method, pathAndMethods[0]};
  }

  private static String id(Random random) {
    return switch (random.nextInt(14)) {
      case 0, 10 -> "file-one";
      case 1, 11 -> "api-one";
      case 12, 13 -> "fuzz-" + random.nextInt(20);
      case 2 -> "x".repeat(65 + random.nextInt(2000));
      case 3 -> percent("\u00e9t\u00e9-\ud83d\udca5-\u202e-\u0000");
      case 4 -> pick(random, "%FF%FE", "%C0%AE", "%ED%A0%80", "%E2%80%8B", "%25", "%2F", "%3F", "%23", "%20", "+");
      case 5 -> "monitor-" + random.nextInt(1000);
      case 6 -> randomText(random, 1 + random.nextInt(64));
      case 7 -> "%" + Integer.toHexString(random.nextInt(256));
      case 8 -> pick(random, "null", "undefined", "0", "-1", "NaN", "true", "[]", "{}", "'", "\"");
      default -> percent(new String(Character.toChars(0x80 + random.nextInt(0x2FF00))));
    };
  }

  private static String query(Random random) {
    if (random.nextInt(3) == 0) {
      return "";
    }
    StringBuilder q = new StringBuilder("?");
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        q.append('&');
      }
      q.append(pick(random, "from", "to", "limit", "cursor", "range", "status", "type", "q", "group", "from", "x", ""))
          .append('=')
          .append(switch (random.nextInt(12)) {
            case 0 -> "2026-01-01T00:00:00Z";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> Integer.toString(random.nextInt(3000) - 1000);
            case 3 -> pick(random, "-999999999-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59.999999999Z",
                "9223372036854775807", "1e10", "0x10", "1h", "0s", "90d", "3661d", "1ms", "PT1H");
            case 4 -> pick(random, "up", "DOWN", "paused", "tcp", "http", "%00", "%FF", "%E2%9C%93");
            case 5 -> "9".repeat(1 + random.nextInt(400));
            case 6 -> percent(randomUnicode(random, 1 + random.nextInt(20)));
            case 7 -> "";
            case 8 -> "MjAyNi4x";
            case 9 -> "a&b=c&&&==";
            default -> randomText(random, random.nextInt(50));
          });
    }
    return q.toString();
  }

  private static byte[] body(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> randomBytes(random, random.nextInt(300));
      case 1 -> "[".repeat(random.nextInt(50_000)).getBytes(StandardCharsets.UTF_8);
      case 2 -> ("{\"a\":".repeat(1 + random.nextInt(100)) + "1").getBytes(StandardCharsets.UTF_8);
      case 3 -> randomText(random, random.nextInt(100)).getBytes(StandardCharsets.UTF_8);
      case 4, 5, 6 -> nearlyValidMonitor(random).getBytes(StandardCharsets.UTF_8);
      default -> json(random, 0).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** A valid monitor with one or two keys given a random value, so create and update get past validation often. */
  private static String nearlyValidMonitor(Random random) {
    java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
    keys.put("id", quote(pick(random, "api-one", "file-one", "fuzz-" + random.nextInt(20))));
    keys.put("name", quote("Fuzz " + randomUnicode(random, 1 + random.nextInt(8))));
    keys.put("type", quote("tcp"));
    keys.put("host", quote(pick(random, HOSTS.subList(0, 6))));
    keys.put("port", Integer.toString(target.port()));
    keys.put("interval", quote(pick(random, "1s", "2s", "1h", "1d")));
    keys.put("timeout", quote(pick(random, "1ms", "500ms", "1s")));
    keys.put("confirmation", "{\"rechecks\": " + random.nextInt(3) + ", \"spacing\": \"100ms\"}");
    for (int i = 0; i <= random.nextInt(2); i++) {
      String key = pick(random, "id", "name", "type", "port", "interval", "timeout", "degraded-after", "group",
          "confirmation", "status", "paused", "last-check", "source", "since", "confirming");
      keys.put(key, value(random, 2));
    }
    StringBuilder o = new StringBuilder("{");
    keys.forEach((k, v) -> o.append(o.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
    return o.append('}').toString();
  }

  /** A random JSON value, mostly an object with monitor keys and values of every type. */
  private static String json(Random random, int depth) {
    if (depth == 0 || (depth < 3 && random.nextInt(3) == 0)) {
      StringBuilder o = new StringBuilder("{");
      int n = random.nextInt(9);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          o.append(',');
        }
        String key = pick(random, "id", "name", "type", "host", "port", "interval", "timeout", "degraded-after",
            "group", "confirmation", "rechecks", "spacing", "status", "paused", "source", "last-check", "\u0000",
            "__proto__", "", "name");
        o.append(quote(key)).append(':').append(key.equals("host") ? quote(pick(random, HOSTS)) : value(random, depth));
      }
      return o.append('}').toString();
    }
    return value(random, depth);
  }

  private static String value(Random random, int depth) {
    return switch (random.nextInt(14)) {
      case 0 -> "null";
      case 1 -> Boolean.toString(random.nextBoolean());
      case 2 -> Integer.toString(random.nextInt(140_000) - 70_000);
      case 3 -> pick(random, "1e400", "-0", "0.5", "1E2", "99999999999999999999999999", "-9223372036854775809", "1.0");
      case 4 -> quote(pick(random, "tcp", "http", "TCP", "", " ", "1s", "500ms", "1h30m", "0s", "-1s", "1.5s", "10",
          "3661d", "9999999999d"));
      case 5 -> quote(randomUnicode(random, random.nextInt(40)));
      case 6 -> "\"\\ud800\\u0000\\uffff\\\\\"";
      case 7 -> quote("x".repeat(random.nextInt(300)));
      case 8, 9 -> depth < 4 ? "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]" : "[]";
      case 10, 11 -> depth < 4 ? json(random, depth + 1) : "{}";
      default -> quote(randomText(random, random.nextInt(20)));
    };
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }

  private static String pick(Random random, List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static String randomText(Random random, int length) {
    String alphabet = "abcxyz019-_.~!$&'()*+,;=:@%/";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      char c = alphabet.charAt(random.nextInt(alphabet.length()));
      s.append(c == '%' ? "%" + String.format("%02X", random.nextInt(256)) : String.valueOf(c));
    }
    return s.toString();
  }

  private static String randomUnicode(Random random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.appendCodePoint(switch (random.nextInt(4)) {
        case 0 -> random.nextInt(0x20);
        case 1 -> 0x20 + random.nextInt(0x60);
        case 2 -> 0xA0 + random.nextInt(0xD700);
        default -> 0x1F300 + random.nextInt(0x300);
      });
    }
    return s.toString();
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  private static String percent(String text) {
    StringBuilder s = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      s.append('%').append(String.format("%02X", b & 0xFF));
    }
    return s.toString();
  }

  private static String quote(String text) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        s.append('\\').append(c);
      } else if (c < 0x20) {
        s.append(String.format("\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.append('"').toString();
  }
}
