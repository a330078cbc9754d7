package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.alert.ChannelSpec;
import io.pingbase.check.Target;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigLoader;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.testing.TestAccounts;
import io.pingbase.web.api.SessionCookie;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against the real server and the config loader, bounded in count and time, from
 * a fixed seed ({@code -Dpingbase.fuzz.seed=N} explores another stream, {@code
 * -Dpingbase.fuzz.requests=N} and {@code -Dpingbase.fuzz.configs=N} change the counts).
 *
 * <p>HTTP: requests written byte by byte on loopback sockets to every route, with random methods,
 * paths with odd bytes and encodings, JSON bodies built from the monitor, channel and maintenance
 * schemas then broken (wrong types, huge strings, deep nesting, duplicate keys, invalid UTF-8),
 * wrong content types and broken framing. Every well-framed request gets an answer below 500
 * within {@link #ANSWER_WITHIN}; afterwards /healthz is 200 and a monitor created then works.
 *
 * <p>Config: random and mutated YAML (alias bombs, deep nesting, huge scalars, tabs, odd keys,
 * tags) through {@link ConfigLoader}: it returns or throws {@link ConfigException}, nothing else,
 * within {@link #ANSWER_WITHIN}.
 *
 * <p>Nothing generated leaves loopback: monitors are tcp, http or heartbeat on loopback; channels are webhook, email or gotify on 127.0.0.1 (a fuzzed
 * telegram or slack channel that happened to be valid would send to the internet). The end of
 * the test checks both.
 */
class FuzzTest {
  private static final long SEED = Long.getLong("pingbase.fuzz.seed", 20261125L);
  private static final int REQUESTS = Integer.getInteger("pingbase.fuzz.requests", 3_000);
  private static final int CONFIGS = Integer.getInteger("pingbase.fuzz.configs", 1_500);
  /** Each half stops early past this, so the test stays bounded on a slow machine. */
  private static final Duration BUDGET = Duration.ofSeconds(25);
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
  /** Loopback or invalid: a name that needs DNS would send a query off this machine. */
  private static final List<String> HOSTS = List.of("127.0.0.1", "localhost", "::1", "", " ", "127.0.0.1:80",
      "[::1");

  /** A marker among a request's headers: send it without the test owner's token. */
  private static final String ANONYMOUS = "(anonymous)";

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
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    target.close();
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  @Test
  void hostileRequestsGetA4xxInTimeAndTheServerStaysWell() throws Exception {
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    long deadline = System.nanoTime() + BUDGET.toNanos();
    int tried = 0;
    for (; tried < REQUESTS && System.nanoTime() < deadline; tried++) {
      Hostile h = hostile(random);
      Answer a = send(h.bytes());
      String outcome = a.status() > 0 ? a.status() / 100 + "xx" : a.error();
      outcomes.merge(h.kind() + " " + outcome, 1, Integer::sum);
      String what = "#" + tried + " " + h.kind() + ": " + printable(h.bytes(), 300);
      // No answer: a hang always fails, a reset does for a request without a body. With one, a
      // request Jetty refuses before reading the body (a bad path) is answered and the connection
      // closed with the body unread, and the client's kernel may get the reset before it reads
      // the answer: counted by outcome, not a failure.
      if (a.status() >= 500) {
        failures.add(what + " -> " + a.head());
      } else if (a.status() == 0 && (a.error().equals("no answer in time") || (h.wellFramed() && !h.hasBody()))) {
        failures.add(what + " -> " + a.error());
      } else if (a.millis() > ANSWER_WITHIN.toMillis()) {
        failures.add(what + " -> answered after " + a.millis() + " ms");
      }
    }
    System.out.printf("FuzzTest HTTP: %d requests tried (seed %d), %d failures; by kind and outcome: %s%n",
        tried, SEED, failures.size(), outcomes);
    assertThat(failures).as("seed %d", SEED).isEmpty();
    assertThat(tried).isGreaterThanOrEqualTo(Math.min(REQUESTS, 500));

    // Still well: health, and a monitor created now is checked and comes UP.
    assertThat(server.get("/healthz").status()).isEqualTo(200);
    server.delete("/api/v1/monitors/after-fuzz");
    TestServer.Response created = server.post("/api/v1/monitors", """
        {"id":"after-fuzz","name":"After fuzz","type":"tcp","host":"127.0.0.1","port":%d,"interval":"1s",
         "timeout":"1s"}""".formatted(target.port()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    MonitorState state = null;
    while (System.nanoTime() < until) {
      state = server.app().registry().get("after-fuzz").map(l -> l.status().state()).orElse(null);
      if (state == MonitorState.UP) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(state).isEqualTo(MonitorState.UP);
    assertThat(server.get("/api/v1/monitors/after-fuzz").json().path("id").asText()).isEqualTo("after-fuzz");
    assertStayedOnLoopback();
  }

  /** What the fuzz created may only ever reach loopback or names that resolve nowhere. */
  private static void assertStayedOnLoopback() throws Exception {
    for (LiveMonitor m : server.app().registry().list()) {
      String host = switch (m.monitor().target()) {
        case Target.Tcp tcp -> tcp.host();
        case Target.Heartbeat hb -> "localhost";
        case Target.Dns dns -> "not-allowed-" + dns.host();
        case Target.Tls tls -> tls.host();
        case Target.Http http -> http.host();
      };
      boolean safe;
      try {
        safe = InetAddress.getByName(host).isLoopbackAddress();
      } catch (java.net.UnknownHostException resolvesNowhere) {
        safe = true; // the tests' hosts file knows it not: nothing can be dialled
      }
      assertThat(safe).as("monitor %s targets %s", m.monitor().id(), host).isTrue();
    }
    for (ChannelSpec c : server.app().alerting().settings().channels()) {
      assertThat(c.kind().type()).as("channel %s", c.name()).isIn("webhook", "email", "gotify");
    }
  }

  record Hostile(String kind, byte[] bytes, boolean wellFramed) {
    boolean hasBody() {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      return end < 0 || end + 4 < bytes.length;
    }
  }

  record Answer(int status, String head, String error, long millis) {}

  private static Hostile hostile(Random random) {
    return switch (random.nextInt(12)) {
      case 0, 1, 2, 3 -> schemaBody(random);
      case 4 -> oddPath(random);
      case 5 -> hugeOrDeep(random);
      case 6 -> brokenFraming(random);
      case 7 -> wrongContentType(random);
      case 8 -> credentials(random);
      case 9 -> accountBody(random);
      default -> routeRequest(random);
    };
  }

  /**
   * Hostile credentials on a route that needs them: malformed, unknown, truncated or doubled
   * tokens, other schemes, garbage session cookies with or without CSRF tokens, odd workspace
   * picks. Sent without the test owner's token, so the authentication filter must judge them.
   */
  private static Hostile credentials(Random random) {
    String token = TestAccounts.TOKEN;
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put(ANONYMOUS, "");
    switch (random.nextInt(6)) {
      case 0 -> headers.put("Authorization", pick(random, "Bearer", "Bearer ", "bearer " + token, "Basic "
          + java.util.Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8)), "Bearer pbt_",
          "Bearer pbt_AAAAAAAA_" + "A".repeat(32), "Bearer " + token.substring(0, token.length() - 1) + "x",
          "Bearer " + token + token, "Bearer " + "x".repeat(6_000), "Bearer \u00ff\u0000", "Token " + token,
          "Bearer  " + token + " ", "Digest username=\"a\""));
      case 1 -> headers.put("Cookie", SessionCookie.NAME + "=" + pick(random, "", "x", "A".repeat(43),
          "A".repeat(44), "%00", "\u00e9".repeat(43), "a;b", "\"" + "A".repeat(43) + "\"", "x".repeat(5_000))
          + (random.nextBoolean() ? "; other=1" : ""));
      case 2 -> {
        headers.put("Cookie", SessionCookie.NAME + "=" + "A".repeat(43));
        headers.put("X-CSRF-Token", pick(random, "", "A".repeat(43), "x".repeat(4_000), "\u0001"));
      }
      case 3 -> {
        headers.put("Authorization", "Bearer " + token);
        headers.put("X-PingBase-Workspace", pick(random, "", "default", "acme", "../etc", "DEFAULT", "a".repeat(33),
            "x".repeat(3_000), "\u00e9t\u00e9", "default:x", "%00"));
      }
      case 4 -> {
        headers.put("Authorization", "Bearer " + token);
        headers.put("Cookie", SessionCookie.NAME + "=" + "A".repeat(43));
      }
      default -> headers.put("X-Forwarded-For", pick(random, "127.0.0.9", "garbage", "x".repeat(3_000), ",,,", "::1, "));
    }
    String[] route = pick(random, new String[] {"GET", "/api/v1/monitors"}, new String[] {"POST", "/api/v1/monitors"},
        new String[] {"GET", "/api/v1/me"}, new String[] {"DELETE", "/api/v1/monitors/file-one"},
        new String[] {"GET", "/metrics"}, new String[] {"POST", "/api/v1/auth/logout"},
        new String[] {"GET", "/api/v1/audit"}, new String[] {"PUT", "/api/v1/me/workspace"});
    byte[] body = route[0].equals("GET") ? new byte[0] : json(random).getBytes(StandardCharsets.UTF_8);
    return new Hostile("credentials", request(route[0], route[1].getBytes(StandardCharsets.UTF_8), "application/json",
        body, headers), true);
  }

  /** A body for an account endpoint (sign-in, setup, sign-up, invitations, tokens, members, me), a few keys broken. */
  private static Hostile accountBody(Random random) {
    String[] route = pick(random,
        new String[] {"POST", "/api/v1/auth/login", "email,password,totp"},
        new String[] {"POST", "/api/v1/setup", "setup-token,email,name,password,token"},
        new String[] {"POST", "/api/v1/signup", "email,name,password,workspace-name"},
        new String[] {"POST", "/api/v1/invitations/accept", "token,name,password"},
        new String[] {"POST", "/api/v1/invitations", "email,role"},
        new String[] {"POST", "/api/v1/tokens", "name,kind,role,scopes,expires,expires-in"},
        new String[] {"POST", "/api/v1/workspaces", "id,name"},
        new String[] {"PUT", "/api/v1/workspace", "name"},
        new String[] {"PUT", "/api/v1/members/" + pick(random, "1", "0", "-1", "x", "99999999999999999999"), "role"},
        new String[] {"PUT", "/api/v1/me/password", "current-password,new-password"},
        new String[] {"POST", "/api/v1/me/totp/confirm", "code"},
        new String[] {"POST", "/api/v1/me/totp/disable", "password"},
        new String[] {"PUT", "/api/v1/me/workspace", "workspace"},
        new String[] {"DELETE", "/api/v1/tokens/" + pick(random, "0", "-1", "x", "99999999999999999999"), ""},
        new String[] {"DELETE", "/api/v1/invitations/" + pick(random, "0", "x", "%00"), ""});
    StringBuilder json = new StringBuilder("{");
    for (String key : route[2].split(",")) {
      if (key.isEmpty() || random.nextInt(4) == 0) {
        continue; // left out
      }
      String v = random.nextInt(3) == 0 ? value(random, 0) : quote(pick(random, "ann@example.com", "a long passphrase",
          "viewer", "owner", "read", "1h", "2027-01-01T00:00:00Z", "123456", "x".repeat(400), "", "\u0000",
          "A".repeat(43), "default", "pbt_x"));
      if (key.equals("scopes") && random.nextBoolean()) {
        v = pick(random, "[\"read\"]", "[\"read\",\"write\"]", "[\"write\"]", "[]", "[1]", "\"read\"");
      }
      json.append(json.length() > 1 ? "," : "").append(quote(key)).append(':').append(v);
    }
    if (random.nextInt(5) == 0) {
      json.append(json.length() > 1 ? "," : "").append(quote(pick(random, "admin", "role", "", "id"))).append(":1");
    }
    json.append('}');
    String type = random.nextInt(6) == 0 ? pick(random, "text/plain", "application/x-www-form-urlencoded") : "application/json";
    return new Hostile("account", request(route[0], route[1], type, json.toString().getBytes(StandardCharsets.UTF_8)),
        true);
  }

  /** A schema-shaped body (monitor, channel, maintenance) with a few keys broken, to a route that takes it. */
  private static Hostile schemaBody(Random random) {
    int schema = random.nextInt(3);
    String id = "fuzz-" + random.nextInt(12);
    String path;
    String method = pick(random, "POST", "PUT", "POST");
    Map<String, String> body = switch (schema) {
      case 0 -> monitor(random, id);
      case 1 -> channel(random, id);
      default -> maintenance(random, id);
    };
    String base = switch (schema) {
      case 0 -> "/api/v1/monitors";
      case 1 -> "/api/v1/channels";
      default -> "/api/v1/maintenance";
    };
    path = method.equals("PUT") ? base + "/" + id : base;
    for (int i = random.nextInt(5) < 2 ? 0 : 1 + random.nextInt(3); i > 0; i--) { // 40 % stay valid-ish
      List<String> keys = new ArrayList<>(body.keySet());
      String key = random.nextInt(5) == 0 ? pick(random, "x", "__proto__", "", "\u0000", "ID", "type ")
          : keys.get(random.nextInt(keys.size()));
      body.put(key, value(random, 0));
    }
    StringBuilder json = new StringBuilder("{");
    body.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
    if (random.nextInt(6) == 0) { // a duplicate key: the last, the first or a refusal, never a 500
      String k = pick(random, new ArrayList<>(body.keySet()));
      json.append(',').append(quote(k)).append(':').append(value(random, 0));
    }
    json.append('}');
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(8) == 0) { // invalid UTF-8 inside a string
      bytes = invalidUtf8(random, bytes);
    }
    return new Hostile("schema", request(method, path, "application/json", bytes), true);
  }

  private static Map<String, String> monitor(Random random, String id) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("id", quote(id));
    m.put("name", quote("Fuzz " + (random.nextInt(4) == 0 ? randomUnicode(random, 1 + random.nextInt(8))
        : randomText(random, 1 + random.nextInt(8)))));
    String type = pick(random, "tcp", "http", "heartbeat", "tcp");
    m.put("type", quote(type));
    switch (type) {
      case "tcp" -> {
        m.put("host", quote(pick(random, HOSTS)));
        m.put("port", Integer.toString(target.port()));
      }
      case "http" -> {
        m.put("url", quote(pick(random, "http://127.0.0.1:" + target.port() + "/", "http://127.0.0.1:9/x?y=1",
            "http://[::1]:9/", "http://localhost:9/", "ftp://127.0.0.1/", "http://", "127.0.0.1")));
        m.put("method", quote(pick(random, "GET", "HEAD", "POST", "get", "BREW", "")));
        m.put("headers", "{\"Authorization\":\"Bearer x\",\"X-N\":" + (random.nextBoolean() ? "\"1\"" : value(random, 2)) + "}");
        if (random.nextBoolean()) {
          m.put("basic-auth", "{\"username\":\"u\",\"password\":" + (random.nextBoolean() ? "\"p\"" : value(random, 3)) + "}");
        } else {
          m.put("bearer-token", quote(randomUnicode(random, random.nextInt(30))));
        }
        m.put("expect", random.nextBoolean() ? "{\"body-contains\":\"ok\"}"
            : "{\"body-contains\":" + value(random, 3) + ",\"headers\":{\"a\":\"(\"}}");
      }
      default -> {
        m.put("period", quote(pick(random, "1h", "5m", "0s")));
        m.put("grace", quote(pick(random, "1m", "5m", "-1s", "1y")));
      }
    }
    m.put("interval", quote(maybe(random, "1h", "1s", "2s", "1d", "0s", "1ms")));
    m.put("timeout", quote(maybe(random, "1s", "1ms", "500ms", "2s", "1h")));
    if (random.nextBoolean()) {
      m.put("confirmation", "{\"rechecks\":" + random.nextInt(4) + ",\"spacing\":\"100ms\"}");
    }
    if (random.nextInt(3) == 0) {
      m.put("alerts", "{\"channels\":[" + quote("fuzz-" + random.nextInt(12)) + "],\"remind-every\":"
          + value(random, 3) + "}");
    }
    return m;
  }

  private static Map<String, String> channel(Random random, String name) {
    Map<String, String> c = new java.util.LinkedHashMap<>();
    c.put("name", quote(name));
    String type = pick(random, "webhook", "email", "gotify");
    c.put("type", quote(type));
    switch (type) {
      case "webhook" -> {
        c.put("url", quote(pick(random, "http://127.0.0.1:" + target.port() + "/hook", "http://127.0.0.1:9/h",
            "https://user:pw@127.0.0.1:9/", "not a url", "")));
        c.put("headers", "{\"X-Token\":" + (random.nextBoolean() ? "\"t\"" : value(random, 3)) + "}");
        c.put("secret", quote(randomUnicode(random, random.nextInt(40))));
        c.put("body-template", quote(maybe(random, "{{title}}", "{{", "}}{{nope}}", "{{#each}}", "x".repeat(5000))));
      }
      case "email" -> {
        c.put("host", quote(maybe(random, "127.0.0.1", "localhost", "::1", "")));
        c.put("port", maybe(random, "9", "0", "65536", "\"25\"", "-1"));
        c.put("from", quote(maybe(random, "a@b.c", "not an address", "<>", "a@b.c\r\nBcc: x@y.z")));
        c.put("to", maybe(random, "[\"a@b.c\"]", "\"a@b.c\"", "[]", "[1,2]", "[\"x\"]"));
        c.put("password", quote(randomUnicode(random, random.nextInt(20))));
      }
      default -> {
        c.put("server", quote(maybe(random, "http://127.0.0.1:9", "http://127.0.0.1:" + target.port(), "gopher://x")));
        c.put("token", quote(randomText(random, 1 + random.nextInt(30))));
        c.put("priority", random.nextBoolean() ? "5" : value(random, 3));
      }
    }
    c.put("on", maybe(random, "[\"down\",\"up\"]", "[\"nope\"]", "\"down\"", "[]", "null", "{}"));
    c.put("default", maybe(random, "false", "true", "\"yes\"", "1"));
    if (random.nextInt(4) == 0) {
      c.put("template", "{\"title\":" + value(random, 3) + ",\"message\":\"{{monitor.name}} {{\"}");
    }
    return c;
  }

  private static Map<String, String> maintenance(Random random, String name) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("name", quote(name));
    m.put("title", quote(random.nextBoolean() ? randomText(random, 1 + random.nextInt(30))
        : randomUnicode(random, random.nextInt(30))));
    switch (random.nextInt(3)) {
      case 0 -> {
        m.put("start", quote(maybe(random, "2026-01-01T00:00:00Z", "2026-13-01T00:00", "-999999999-01-01T00:00:00Z",
            "yesterday", "2026-01-01 02:00")));
        m.put("end", quote(maybe(random, "2027-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z")));
      }
      case 1 -> {
        m.put("cron", quote(maybe(random, "0 2 * * SUN", "* * * * * * *", "61 25 32 13 8", "@reboot", "", "0 0 30 2 *")));
        m.put("duration", quote(maybe(random, "1h", "0s", "-1h", "400d", "1ms")));
      }
      default -> {
        m.put("days", maybe(random, "[\"mon\",\"tue\"]", "[\"xyz\"]", "\"mon\"", "[]", "[1]"));
        m.put("from", quote(maybe(random, "02:00", "25:00", "2:0", "")));
        m.put("to", quote(maybe(random, "04:00", "01:00", "24:00")));
      }
    }
    m.put("time-zone", quote(maybe(random, "UTC", "Europe/Paris", "Mars/Olympus", "+25:00", "")));
    m.put("monitors", maybe(random, "[\"file-one\"]", "[\"nope\"]", "\"file-one\"", "[]", "[null]"));
    return m;
  }

  /** Any route, any method, odd bytes and encodings in the path and query. */
  private static Hostile oddPath(Random random) {
    String method = pick(random, "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "BREW");
    ByteArrayOutputStream path = new ByteArrayOutputStream();
    path.writeBytes(pick(random, "/api/v1/monitors/", "/api/v1/channels/", "/api/v1/maintenance/",
        "/api/v1/notifications/", "/ping/", "/api/v1/monitors/file-one/", "/", "/api/v1/")
        .getBytes(StandardCharsets.US_ASCII));
    int n = 1 + random.nextInt(40);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(8)) {
        case 0 -> path.write(0x80 + random.nextInt(0x80)); // a raw high byte, often invalid UTF-8
        case 1 -> path.writeBytes(("%" + String.format("%02X", random.nextInt(256))).getBytes(StandardCharsets.US_ASCII));
        case 2 -> path.writeBytes(pick(random, "%", "%G0", "%2", "%u0041", "%%", "%00", "%2F", "%5C", "%2e%2e")
            .getBytes(StandardCharsets.US_ASCII));
        case 3 -> path.writeBytes(pick(random, "../", "./", "//", "\\", ";x=y", "?", "#", "&", "=")
            .getBytes(StandardCharsets.US_ASCII));
        case 4 -> path.writeBytes("\u00e9\u2028\ud83d\udca5".getBytes(StandardCharsets.UTF_8));
        default -> path.write("abcxyz019-_.~"
            .charAt(random.nextInt(13)));
      }
    }
    byte[] body = random.nextBoolean() ? new byte[0] : json(random).getBytes(StandardCharsets.UTF_8);
    return new Hostile("path", request(method, path.toByteArray(), "application/json", body, Map.of()), true);
  }

  /** Bodies at and past the limits: huge strings, deep nesting, long headers and URIs. */
  private static Hostile hugeOrDeep(Random random) {
    String path = pick(random, "/api/v1/monitors", "/api/v1/channels", "/api/v1/maintenance",
        "/api/v1/monitors/file-one", "/ping/abc");
    String method = path.contains("file-one") ? "PUT" : "POST";
    return switch (random.nextInt(6)) {
      case 0 -> new Hostile("deep", request(method, path, "application/json",
          "[".repeat(1_000 + random.nextInt(200_000)).getBytes(StandardCharsets.US_ASCII)), true);
      case 1 -> new Hostile("deep", request(method, path, "application/json",
          ("{\"id\":".repeat(500 + random.nextInt(5_000)) + "1").getBytes(StandardCharsets.US_ASCII)), true);
      case 2 -> new Hostile("huge", request(method, path, "application/json",
          ("{\"id\":\"x\",\"name\":\"" + "n".repeat(100_000 + random.nextInt(1_000_000)) + "\"}")
              .getBytes(StandardCharsets.US_ASCII)), true);
      case 3 -> new Hostile("huge", request(method, path, "application/json",
          new byte[(int) WebServer.MAX_REQUEST_BYTES + 1 + random.nextInt(100_000)]), true);
      case 4 -> new Hostile("huge", request("GET", "/api/v1/monitors/" + "x".repeat(5_000 + random.nextInt(20_000)),
          null, new byte[0]), true);
      default -> new Hostile("huge", request("GET", "/api/v1/monitors".getBytes(StandardCharsets.US_ASCII), null,
          new byte[0], Map.of("X-Big", "y".repeat(5_000 + random.nextInt(20_000)))), true);
    };
  }

  /** Requests whose HTTP framing is broken: Jetty may answer 400 or just close. */
  private static Hostile brokenFraming(Random random) {
    String text = switch (random.nextInt(10)) {
      case 0 -> "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n";
      case 1 -> "POST /api/v1/monitors HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nContent-Length: 20\r\n\r\n{}";
      case 2 -> "POST /api/v1/monitors HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
      case 3 -> "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n";
      case 4 -> "GET  /healthz  HTTP/1.1\r\n\r\n";
      case 5 -> "\u0000\u0001\u0002 / HTTP/1.1\r\n\r\n";
      case 6 -> "GET /healthz HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n";
      case 7 -> "GET /healthz HTTP/1.1\nHost: x\n\n";
      case 8 -> "POST /api/v1/monitors HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n";
      default -> new String(randomBytes(random, 1 + random.nextInt(200)), StandardCharsets.ISO_8859_1) + "\r\n\r\n";
    };
    return new Hostile("framing", text.getBytes(StandardCharsets.ISO_8859_1), false);
  }

  private static Hostile wrongContentType(Random random) {
    String type = pick(random, "text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/json; charset=nope",
        ";;", "*/*", "application/json; charset=\"", "\u00ff");
    byte[] body = random.nextBoolean() ? json(random).getBytes(StandardCharsets.UTF_8)
        : "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n".getBytes(StandardCharsets.US_ASCII);
    String path = pick(random, "/api/v1/monitors", "/api/v1/channels", "/api/v1/maintenance", "/ping/abc",
        "/api/v1/monitors/file-one");
    String method = path.endsWith("file-one") ? "PUT" : "POST";
    return new Hostile("content-type", request(method, path, type, body), true);
  }

  /** A route with a plausible method and random ids, query strings and a random JSON body. */
  private static Hostile routeRequest(Random random) {
    String id = pick(random, "file-one", "fuzz-" + random.nextInt(12), "-1", "0", "9223372036854775808", "%00",
        "%FF", "x".repeat(70), "%2e%2e");
    String[] route = pick(random,
        new String[] {"GET", "/api/v1/status"}, new String[] {"GET", "/api/v1/monitors"},
        new String[] {"GET", "/api/v1/monitors/" + id}, new String[] {"DELETE", "/api/v1/monitors/" + id},
        new String[] {"POST", "/api/v1/monitors/" + id + "/pause"}, new String[] {"POST", "/api/v1/monitors/" + id + "/resume"},
        new String[] {"POST", "/api/v1/monitors/" + id + "/check"}, new String[] {"GET", "/api/v1/monitors/" + id + "/results"},
        new String[] {"GET", "/api/v1/monitors/" + id + "/stats"}, new String[] {"GET", "/api/v1/monitors/" + id + "/events"},
        new String[] {"GET", "/api/v1/events"}, new String[] {"GET", "/api/v1/channels"},
        new String[] {"GET", "/api/v1/channels/" + id}, new String[] {"DELETE", "/api/v1/channels/" + id},
        new String[] {"POST", "/api/v1/channels/" + id + "/test"}, new String[] {"GET", "/api/v1/notifications"},
        new String[] {"GET", "/api/v1/notifications/" + id}, new String[] {"GET", "/api/v1/maintenance"},
        new String[] {"GET", "/api/v1/maintenance/" + id}, new String[] {"DELETE", "/api/v1/maintenance/" + id},
        new String[] {"GET", "/ping/" + id}, new String[] {"POST", "/ping/" + id + "/fail"},
        new String[] {"HEAD", "/ping/" + id + "/start"}, new String[] {"GET", "/healthz"},
        new String[] {"GET", "/metrics"}, new String[] {"GET", "/api/v1/openapi.yaml"},
        new String[] {"GET", "/api/v1/me"}, new String[] {"GET", "/api/v1/workspace"},
        new String[] {"GET", "/api/v1/workspaces"}, new String[] {"GET", "/api/v1/members"},
        new String[] {"DELETE", "/api/v1/members/" + id}, new String[] {"GET", "/api/v1/tokens"},
        new String[] {"GET", "/api/v1/invitations"}, new String[] {"GET", "/api/v1/audit"},
        new String[] {"POST", "/api/v1/me/totp"}, new String[] {"GET", "/api/v1/setup"},
        new String[] {"POST", "/api/v1/auth/logout"}, new String[] {"DELETE", "/api/v1/workspace"});
    String method = random.nextInt(5) == 0 ? pick(random, "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS") : route[0];
    String query = random.nextBoolean() ? "" : "?" + pick(random, "from", "to", "limit", "cursor", "range", "monitor",
        "status", "exit-code", "x") + "=" + pick(random, "2026-01-01T00:00:00Z", "-1", "99999999999999999999", "%00",
        "1h", "3661d", "", "a&b=c&&==", "MjAyNi4x", "%FF%FE", "NaN");
    byte[] body = random.nextInt(3) == 0 ? new byte[0] : json(random).getBytes(StandardCharsets.UTF_8);
    return new Hostile("route", request(method, route[1] + query, "application/json", body), true);
  }

  /**
   * Not random: every key of every account body, in turn, with a value of each wrong kind (null,
   * a number, a boolean, a list, a map, empty, huge), the other keys valid. Each must be a 4xx
   * (the random stream above meets a given key with a given wrong kind too rarely; a {@code null}
   * role was once a 500).
   */
  @Test
  void everyAccountKeyWithAValueOfEachWrongKindIsA4xx() throws Exception {
    String[][] routes = {
        {"POST", "/api/v1/auth/login", "email=owner@pingbase.test,password=not the password!,totp=123456"},
        {"POST", "/api/v1/setup", "setup-token=x,email=a@b.c,name=A,password=a long passphrase"},
        {"POST", "/api/v1/signup", "email=a@b.c,name=A,password=a long passphrase,workspace-name=A"},
        {"POST", "/api/v1/invitations/accept", "token=x,name=A,password=a long passphrase,totp=123456"},
        {"POST", "/api/v1/invitations", "email=invitee@pingbase.test,role=viewer"},
        {"POST", "/api/v1/tokens", "name=t,kind=personal,role=viewer,expires-in=1h"},
        {"POST", "/api/v1/workspaces", "id=w,name=W"},
        {"PUT", "/api/v1/workspace", "name=Default"},
        {"PUT", "/api/v1/members/1", "role=owner"},
        {"PUT", "/api/v1/me/password", "current-password=not the password!,new-password=a long passphrase"},
        {"POST", "/api/v1/me/totp/confirm", "code=123456"},
        {"POST", "/api/v1/me/totp/disable", "password=not the password!"},
        {"PUT", "/api/v1/me/workspace", "workspace=default"}};
    String[] wrong = {"null", "1", "-1", "true", "[]", "[\"x\"]", "{}", "{\"a\":1}", "\"\"", "\"" + "x".repeat(20_000) + "\"",
        "\"\\u0000\""};
    // A member who is no owner, so that changing a role gets past the last-owner rule.
    TestServer.Response invited = server.post("/api/v1/invitations", "{\"email\":\"member@pingbase.test\"}");
    long member = server.sendAnonymous(server.request("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + invited.json().get("token").asText() + "\",\"password\":\"a long passphrase\"}"))
        .json().at("/user/id").asLong();
    routes[8][1] = "/api/v1/members/" + member;
    routes[8][2] = "role=editor";
    List<String> failures = new ArrayList<>();
    int tried = 0;
    for (String[] route : routes) {
      String[] pairs = route[2].split(",");
      for (int changed = 0; changed < pairs.length; changed++) {
        for (String value : wrong) {
          StringBuilder json = new StringBuilder("{");
          for (int i = 0; i < pairs.length; i++) {
            String[] kv = pairs[i].split("=", 2);
            json.append(i == 0 ? "" : ",").append(quote(kv[0])).append(':').append(i == changed ? value : quote(kv[1]));
          }
          json.append('}');
          Answer a = send(request(route[0], route[1], "application/json", json.toString().getBytes(StandardCharsets.UTF_8)));
          tried++;
          if (a.status() < 400 && a.status() != 200 && a.status() != 201 && a.status() != 204 || a.status() >= 500) {
            failures.add(route[0] + " " + route[1] + " " + abbreviate(json.toString()) + " -> " + a.head());
          }
        }
      }
    }
    System.out.printf("FuzzTest account keys: %d requests, %d failures%n", tried, failures.size());
    assertThat(failures).isEmpty();
    assertThat(server.get("/api/v1/me").status()).as("the owner's token still works").isEqualTo(200);
  }

  // ---- config ----------------------------------------------------------------------------------

  @Test
  void hostileConfigFilesGetAConfigExceptionInTime() throws Exception {
    Random random = new Random(SEED);
    ConfigLoader loader = new ConfigLoader(Map.of("HOME", "/root", "PORT", "8080")::get, id -> false);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    long deadline = System.nanoTime() + BUDGET.toNanos();
    int tried = 0;
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      for (; tried < CONFIGS && System.nanoTime() < deadline; tried++) {
        String[] kindAndText = config(random);
        String text = kindAndText[1];
        Future<String> result = thread.submit(() -> {
          try {
            loader.parse(text, "fuzz.yml");
            return "accepted";
          } catch (ConfigException e) {
            return e.getMessage() == null || e.getMessage().isBlank() ? "config error without message" : "refused";
          }
        });
        String outcome;
        try {
          outcome = result.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          result.cancel(true);
          outcome = "hang";
        } catch (java.util.concurrent.ExecutionException e) {
          outcome = "threw " + e.getCause().getClass().getSimpleName();
          failures.add("#" + tried + " " + kindAndText[0] + ": " + abbreviate(text) + " -> " + e.getCause());
        }
        if (outcome.equals("hang") || outcome.startsWith("config error without")) {
          failures.add("#" + tried + " " + kindAndText[0] + ": " + abbreviate(text) + " -> " + outcome);
        }
        outcomes.merge(kindAndText[0] + " " + outcome, 1, Integer::sum);
      }
    } finally {
      thread.shutdownNow();
    }
    System.out.printf("FuzzTest config: %d files tried (seed %d), %d failures; by kind and outcome: %s%n",
        tried, SEED, failures.size(), outcomes);
    assertThat(failures).as("seed %d", SEED).isEmpty();
  }

  static final String VALID = """
      server: { bind: 127.0.0.1, port: 8080 }
      storage: { type: sqlite, path: ./data/x.db }
      defaults: { interval: 1m, timeout: 5s }
      channels:
        - { name: ops, type: webhook, url: "http://127.0.0.1:9/h", headers: { X-Token: abc } }
      maintenance:
        - { name: nightly, cron: "0 2 * * *", duration: 1h, monitors: [db] }
      monitors:
        - id: db
          name: DB
          type: tcp
          host: 127.0.0.1
          port: 5432
          alerts: { channels: [ops] }
        - { id: web, name: Web, type: http, url: "http://127.0.0.1:8080/", basic-auth: { username: u, password: p } }
        - { id: job, name: Job, type: heartbeat, period: 1h, grace: 5m }
      """;

  /** The file the mutations start from is itself valid, so near misses are tried too. */
  @Test
  void theBaseOfTheConfigMutationsIsValid() throws ConfigException {
    assertThat(new ConfigLoader(Map.<String, String>of()::get, id -> false).parse(VALID, "fuzz.yml").monitors())
        .hasSize(3);
  }

  private static String[] config(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> new String[] {"alias-bomb", aliasBomb(random)};
      case 1 -> new String[] {"deep", deep(random)};
      case 2 -> new String[] {"huge-scalar", "monitors:\n  - id: " + "x".repeat(random.nextInt(10) == 0 ? 2_000_000 : 1_000 + random.nextInt(200_000))
          + "\n    name: " + "y".repeat(random.nextInt(50_000)) + "\n"};
      case 3 -> new String[] {"tabs", VALID.replace("  ", random.nextBoolean() ? "\t" : " \t")};
      case 4 -> new String[] {"odd-keys", oddKeys(random)};
      case 5 -> new String[] {"tags", pick(random,
          "server: !!java.lang.Runtime {}\n", "monitors: !!set {a, b}\n", "x: !!binary AAAA\n",
          "server: !<tag:yaml.org,2002:javax.script.ScriptEngineManager> [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:9/\"]]]]\n",
          "monitors: [!!float 1, !!timestamp 2001-12-14, !!null ~, !!bool yes]\n", "%YAML 1.1\n%TAG ! tag:x,2000:\n---\nserver: !a {}\n")};
      case 6, 7 -> new String[] {"mutated", mutate(random, VALID)};
      case 8 -> new String[] {"random-bytes", new String(randomBytes(random, random.nextInt(2_000)), StandardCharsets.ISO_8859_1)};
      case 9 -> new String[] {"documents", VALID + "---\n" + VALID + (random.nextBoolean() ? "...\n" : "")};
      case 10 -> new String[] {"env", VALID.replace("port: 8080", "port: " + pick(random, "${PORT}", "${NOPE}", "${PORT:-1}", "${", "$${PORT}",
          "${PORT}${PORT}${PORT}", "${" + "A".repeat(10_000) + "}").transform(v -> random.nextBoolean() ? quote(v) : v))};
      default -> new String[] {"structure", structure(random)};
    };
  }

  private static String aliasBomb(Random random) {
    int levels = 5 + random.nextInt(15);
    int width = 2 + random.nextInt(9);
    StringBuilder y = new StringBuilder("a0: &a0 [\"lol\"]\n");
    for (int i = 1; i <= levels; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < width; j++) {
        y.append(j > 0 ? "," : "").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    y.append(pick(random, "monitors: *a" + levels + "\n", "server: *a" + levels + "\n",
        "monitors:\n  - <<: *a" + levels + "\n", "x: &r [*r]\n"));
    return y.toString();
  }

  private static String deep(Random random) {
    int depth = 40 + random.nextInt(20_000);
    return switch (random.nextInt(4)) {
      case 0 -> "monitors: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
      case 1 -> "monitors: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n";
      case 2 -> {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < Math.min(depth, 3_000); i++) {
          y.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        yield y.toString();
      }
      default -> "monitors:\n" + "- ".repeat(Math.min(depth, 5_000)) + "x\n";
    };
  }

  private static String oddKeys(Random random) {
    return pick(random,
        "server: {bind: 127.0.0.1}\nserver: {port: 1}\n",
        "? [a, b]\n: 1\n",
        "? {a: 1}\n: 2\nmonitors: []\n",
        "1: x\n2: y\n",
        "null: x\n~: y\n",
        "\"\": x\n",
        "\u0000: x\n",
        "monitors:\n  - {id: a, id: b, name: x, type: tcp, host: 127.0.0.1, port: 1}\n",
        "<<: {server: {port: 1}}\n",
        "monitors:\n  - <<: [*x]\n",
        "monitors:\n  - &m {id: a, name: A, type: tcp, host: 127.0.0.1, port: 1}\n  - *m\n  - *m\n",
        "MONITORS: []\nServer: {}\n",
        "monitors:\n  - {id: \"\u202eevil\", name: \"\ud83d\udca5\", type: tcp, host: 127.0.0.1, port: 1}\n",
        "monitors: {id: a}\n",
        "monitors: 5\nserver: [1, 2]\nstorage: \"\"\n",
        "maintenance:\n  - {name: w, days: [], from: \"02:00\", to: \"04:00\"}\n",
        "maintenance:\n  - {name: w, cron: \"0 0 30 2 *\", duration: 1h}\n",
        "channels:\n  - {name: a, type: webhook, url: \"http://127.0.0.1:9/\", headers: []}\n",
        randomUnicodeKey(random) + ": " + randomUnicodeKey(random) + "\n");
  }

  private static String randomUnicodeKey(Random random) {
    return quote(randomUnicode(random, 1 + random.nextInt(20)));
  }

  /** A random tree of YAML maps and lists with keys from the real schema and values of every kind. */
  private static String structure(Random random) {
    StringBuilder y = new StringBuilder();
    for (String root : List.of("server", "storage", "retention", "checks", "defaults", "alerting", "maintenance",
        "monitors")) {
      if (random.nextInt(3) > 0) {
        y.append(root).append(": ").append(yamlValue(random, 0)).append('\n');
      }
    }
    return y.toString();
  }

  private static String yamlValue(Random random, int depth) {
    if (depth > 4) {
      return "1";
    }
    return switch (random.nextInt(9)) {
      case 0 -> "null";
      case 1 -> pick(random, "yes", "no", "on", "off", "true", "~", "0x1F", "0o17", "1e400", ".inf", ".nan", "-0");
      case 2 -> Integer.toString(random.nextInt(200_000) - 100_000);
      case 3 -> quote(pick(random, "1s", "-1s", "1h30m", "9999999999d", "tcp", "http", "127.0.0.1", "", "x".repeat(300)));
      case 4, 5 -> {
        StringBuilder m = new StringBuilder("{");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
          m.append(i > 0 ? ", " : "").append(pick(random, "id", "name", "type", "host", "port", "url", "interval",
              "timeout", "bind", "path", "channels", "cron", "duration", "raw", "rollups", "max-concurrency", "x"))
              .append(": ").append(yamlValue(random, depth + 1));
        }
        yield m.append('}').toString();
      }
      case 6, 7 -> "[" + yamlValue(random, depth + 1) + ", " + yamlValue(random, depth + 1) + "]";
      default -> quote(randomUnicode(random, random.nextInt(10)));
    };
  }

  private static String mutate(Random random, String text) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(6);
    for (int i = 0; i < edits && !s.isEmpty(); i++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(5)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, pick(random, ":", "-", "{", "[", "]", "}", "&a", "*a", "\t", "\n", "'", "\"", "#", "!", "%", "|", ">", "?", "<<: "));
        case 2 -> s.setCharAt(at, (char) random.nextInt(0x80));
        case 3 -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(200))));
        default -> s.delete(at, Math.min(s.length(), at + random.nextInt(40)));
      }
    }
    return s.toString();
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private static byte[] request(String method, String path, String contentType, byte[] body) {
    return request(method, path.getBytes(StandardCharsets.UTF_8), contentType, body, Map.of());
  }

  /**
   * Every request carries the test owner's token, so hostile input reaches the handlers, not
   * only the authentication filter; with {@link #ANONYMOUS} among the headers it carries only
   * what those headers say.
   */
  private static byte[] request(String method, byte[] path, String contentType, byte[] body,
      Map<String, String> headers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(method.getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.writeBytes(path);
    StringBuilder head = new StringBuilder(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (!headers.containsKey(ANONYMOUS)) {
      head.append(TestServer.AUTHORIZATION_LINE);
    }
    headers.forEach((k, v) -> {
      if (!k.equals(ANONYMOUS)) {
        head.append(k).append(": ").append(v).append("\r\n");
      }
    });
    if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * Writes the request on a fresh loopback connection and reads the status line. The server may
   * answer before reading a refused body and close: a write error after that is not a failure
   * as long as an answer arrives.
   */
  private static Answer send(byte[] request) {
    long start = System.nanoTime();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.app().port())) {
      s.setSoTimeout((int) ANSWER_WITHIN.toMillis() * 2);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      try {
        out.write(request);
        out.flush();
        s.shutdownOutput();
      } catch (IOException writeFailed) {
        // refused early: read what it said
      }
      byte[] head = new byte[512];
      int n = 0;
      try {
        int r;
        while (n < head.length && (r = in.read(head, n, head.length - n)) >= 0) {
          n += r;
          if (new String(head, 0, n, StandardCharsets.ISO_8859_1).contains("\r\n")) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        return new Answer(0, "", "no answer in time", millis(start));
      } catch (IOException reset) {
        if (n == 0) {
          return new Answer(0, "", "connection reset without answer", millis(start));
        }
      }
      String line = new String(head, 0, n, StandardCharsets.ISO_8859_1);
      if (!line.startsWith("HTTP/1.1 ") || line.length() < 12) {
        return new Answer(0, line, n == 0 ? "closed without answer" : "not HTTP", millis(start));
      }
      int status = Integer.parseInt(line.substring(9, 12));
      return new Answer(status, line.lines().findFirst().orElse(""), "", millis(start));
    } catch (IOException e) {
      return new Answer(0, "", "cannot connect: " + e, millis(start));
    }
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static byte[] invalidUtf8(Random random, byte[] json) {
    int quote = -1;
    for (int i = 0; i < json.length; i++) {
      if (json[i] == '"' && random.nextInt(3) == 0) {
        quote = i;
        break;
      }
    }
    if (quote < 0) {
      return json;
    }
    byte[] bad = pick(random, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAE},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
    byte[] out = new byte[json.length + bad.length];
    System.arraycopy(json, 0, out, 0, quote + 1);
    System.arraycopy(bad, 0, out, quote + 1, bad.length);
    System.arraycopy(json, quote + 1, out, quote + 1 + bad.length, json.length - quote - 1);
    return out;
  }

  private static String json(Random random) {
    return random.nextBoolean() ? value(random, 0) : "{" + quote(pick(random, "id", "name", "type")) + ":" + value(random, 1) + "}";
  }

  private static String value(Random random, int depth) {
    return switch (random.nextInt(12)) {
      case 0 -> "null";
      case 1 -> Boolean.toString(random.nextBoolean());
      case 2 -> Integer.toString(random.nextInt(140_000) - 70_000);
      case 3 -> pick(random, "1e400", "-0", "0.5", "1E2", "99999999999999999999999999", "-9223372036854775809", "NaN");
      case 4 -> quote(pick(random, "tcp", "http", "", " ", "1s", "-1s", "9999999999d", "127.0.0.1", "file-one"));
      case 5 -> quote(randomUnicode(random, random.nextInt(40)));
      case 6 -> "\"\\ud800\\u0000\\uffff\\\\\"";
      case 7 -> quote("x".repeat(random.nextInt(20_000)));
      case 8, 9 -> depth < 4 ? "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]" : "[]";
      default -> depth < 4 ? "{\"a\":" + value(random, depth + 1) + "," + quote(pick(random, "b", "c", "a"))
          + ":" + value(random, depth + 1) + "}" : "{}";
    };
  }

  /** The first option three times in four, else any: base documents are mostly valid. */
  private static String maybe(Random random, String valid, String... others) {
    return random.nextInt(4) > 0 ? valid : others[random.nextInt(others.length)];
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }

  private static String pick(Random random, List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static String randomText(Random random, int length) {
    String alphabet = "abcxyz019-_.~!$&'()*+,;=:@/";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
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

  private static String printable(byte[] bytes, int max) {
    String s = new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.ISO_8859_1)
        .replace("\r", "\\r").replace("\n", "\\n");
    return bytes.length > max ? s + "... (" + bytes.length + " bytes)" : s;
  }

  private static String abbreviate(String text) {
    String s = text.replace("\n", "\\n");
    return s.length() > 300 ? s.substring(0, 300) + "... (" + text.length() + " chars)" : s;
  }
}
