package io.pingbase.check.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP check against a real JDK HTTP server on loopback, and raw servers that misbehave. */
class HttpCheckTest {
  static HttpServer server;
  static String base;
  /** "METHOD path | Authorization | X-Custom | body" of every request the server saw. */
  static final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", HttpCheckTest::handle);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " | " + ex.getRequestHeaders().getFirst("Authorization")
        + " | " + ex.getRequestHeaders().getFirst("X-Custom") + " | " + body);
    switch (path) {
      case "/ok" -> respond(ex, 200, "text/plain; charset=utf-8", "all good: ok");
      case "/status" -> respond(ex, Integer.parseInt(ex.getRequestURI().getQuery()), "text/plain", "status");
      case "/json" -> respond(ex, 200, "application/json",
          "{\"status\":\"DOWN\",\"db\":{\"up\":true,\"latency\":12.0},\"items\":[{\"id\":7}],\"count\":3}");
      case "/redirect-relative" -> redirect(ex, 302, "ok");
      case "/redirect-absolute" -> redirect(ex, 301, base + "/ok");
      case "/see-other" -> redirect(ex, 303, "/ok");
      case "/temporary" -> redirect(ex, 307, "/echo");
      case "/loop-a" -> redirect(ex, 302, "/loop-b");
      case "/loop-b" -> redirect(ex, 302, "/loop-a");
      case "/chain" -> {
        int n = Integer.parseInt(ex.getRequestURI().getQuery());
        redirect(ex, 302, n == 0 ? "/ok" : "/chain?" + (n - 1));
      }
      case "/echo" -> respond(ex, 200, "text/plain", ex.getRequestMethod() + ":" + body);
      case "/chunked" -> {
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(200, 0); // 0: chunked
        try (OutputStream out = ex.getResponseBody()) {
          for (int i = 0; i < 50; i++) {
            out.write(("part " + i + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
          }
          out.write("the end".getBytes(StandardCharsets.UTF_8));
        }
      }
      case "/huge" -> { // 50 MiB, streamed
        ex.sendResponseHeaders(200, 50L * 1024 * 1024);
        byte[] block = new byte[64 * 1024];
        java.util.Arrays.fill(block, (byte) 'x');
        try (OutputStream out = ex.getResponseBody()) {
          for (int i = 0; i < 800; i++) {
            out.write(block);
          }
        } catch (IOException e) {
          // the client stopped reading at its cap and closed: expected
        }
      }
      default -> respond(ex, 404, "text/plain", "not found");
    }
  }

  private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("X-Version", "1.4.2");
    ex.sendResponseHeaders(status, status == 304 || status == 204 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (status != 304 && status != 204) {
        out.write(bytes);
      }
    }
  }

  private static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  @Test
  void aGoodAnswerIsUpWithItsDetailsAndEveryPhase() {
    CheckResult r = Spec.get(base + "/ok").run();
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("status-code", 200L).containsEntry("http-version", "HTTP/1.1")
        .containsEntry("final-url", base + "/ok").containsEntry("redirects", 0L)
        .containsEntry("content-type", "text/plain; charset=utf-8").containsEntry("content-length", 12L)
        .containsEntry("body-bytes", 12L).doesNotContainKey("body-truncated");
    Phases p = r.phases();
    assertThat(p.dnsMicros()).as("a literal needs no DNS").isEqualTo(Phases.ABSENT);
    assertThat(p.connectMicros()).isNotNegative();
    assertThat(p.tlsMicros()).as("plain HTTP").isEqualTo(Phases.ABSENT);
    assertThat(p.firstByteMicros()).isNotNegative();
    assertThat(p.transferMicros()).isNotNegative();
    assertThat(r.responseMicros()).isGreaterThanOrEqualTo(p.connectMicros() + p.firstByteMicros());
    assertThat(r.address()).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void aNameIsResolvedAndTimed() {
    CheckResult r = Spec.get("http://localhost:" + server.getAddress().getPort() + "/ok").run();
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.phases().dnsMicros()).isNotNegative();
  }

  @Test
  void aStatusOutsideTheAcceptedOnesIsDownWithStatusAndExpectation() {
    CheckResult r = Spec.get(base + "/status?503").run();
    assertThat(r.up()).isFalse();
    assertThat(r.reason()).isEqualTo(FailureReason.STATUS);
    assertThat(r.message()).isEqualTo("status 503, expected 200-399");
    assertThat(r.details()).containsEntry("status-code", 503L);

    CheckResult custom = Spec.get(base + "/status?302").accepted("200-299", "304").maxRedirects(0).run();
    assertThat(custom.message()).isEqualTo("status 302, expected 200-299, 304");
  }

  @Test
  void singleCodesAndRangesAreAccepted() {
    assertThat(Spec.get(base + "/status?304").accepted("200-299", "304").run().up()).isTrue();
    assertThat(Spec.get(base + "/status?204").accepted("200-299", "304").run().up()).isTrue();
    assertThat(Spec.get(base + "/status?404").accepted("404").run().up()).isTrue();
    assertThat(Spec.get(base + "/status?500").accepted("200-299", "304").run().reason()).isEqualTo(FailureReason.STATUS);
  }

  @Test
  void redirectsAreFollowedRelativeAndAbsolute() {
    CheckResult relative = Spec.get(base + "/redirect-relative").run();
    assertThat(relative.up()).as(relative.toString()).isTrue();
    assertThat(relative.details()).containsEntry("final-url", base + "/ok").containsEntry("redirects", 1L)
        .containsEntry("status-code", 200L);
    CheckResult absolute = Spec.get(base + "/redirect-absolute").run();
    assertThat(absolute.details()).containsEntry("final-url", base + "/ok").containsEntry("redirects", 1L);
    CheckResult three = Spec.get(base + "/chain?2").run();
    assertThat(three.up()).isTrue();
    assertThat(three.details()).containsEntry("redirects", 3L);
  }

  @Test
  void seeOtherTurnsAPostIntoAGetWithoutBodyWhile307KeepsBoth() {
    CheckResult seeOther = Spec.get(base + "/see-other").method("POST").body("payload").run();
    assertThat(seeOther.up()).isTrue();
    assertThat(seen).anyMatch(s -> s.startsWith("GET /ok |") && s.endsWith("| "));
    CheckResult temporary = Spec.get(base + "/temporary").method("POST").body("kept")
        .expect(Spec.contains("POST:kept")).run();
    assertThat(temporary.up()).as(temporary.toString()).isTrue();
  }

  @Test
  void noRedirectsFollowedWithZeroAndTheRedirectItselfIsJudged() {
    CheckResult r = Spec.get(base + "/redirect-relative").maxRedirects(0).run();
    assertThat(r.up()).isTrue();
    assertThat(r.details()).containsEntry("status-code", 302L).containsEntry("redirects", 0L)
        .containsEntry("final-url", base + "/redirect-relative");
    CheckResult strict = Spec.get(base + "/redirect-relative").maxRedirects(0).accepted("200-299").run();
    assertThat(strict.reason()).isEqualTo(FailureReason.STATUS);
  }

  @Test
  void aRedirectLoopIsDownWithTheChain() {
    CheckResult r = Spec.get(base + "/loop-a").run();
    assertThat(r.up()).isFalse();
    assertThat(r.reason()).isEqualTo(FailureReason.ERROR);
    assertThat(r.message()).isEqualTo("redirect loop: " + base + "/loop-a -> " + base + "/loop-b -> " + base + "/loop-a");
  }

  @Test
  void tooManyRedirectsAreDownWithTheChain() {
    CheckResult r = Spec.get(base + "/chain?5").maxRedirects(3).run();
    assertThat(r.up()).isFalse();
    assertThat(r.reason()).isEqualTo(FailureReason.ERROR);
    assertThat(r.message()).startsWith("more than 3 redirects: " + base + "/chain?5 -> " + base + "/chain?4")
        .endsWith(base + "/chain?1");
  }

  @Test
  void aChunkedBodyIsReadWhole() {
    CheckResult r = Spec.get(base + "/chunked").expect(Spec.contains("part 49\nthe end")).run();
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).doesNotContainKey("content-length").containsEntry("body-bytes", (long) "the end".length()
        + java.util.stream.IntStream.range(0, 50).map(i -> ("part " + i + "\n").length()).sum());
  }

  @Test
  void aHugeBodyIsReadOnlyUpToTheCap() {
    long start = System.nanoTime();
    CheckResult r = Spec.get(base + "/huge").maxBody(64 * 1024).expect(Spec.contains("xxxx")).run();
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("body-bytes", 64L * 1024).containsEntry("body-truncated", true)
        .containsEntry("content-length", 50L * 1024 * 1024);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

    CheckResult missing = Spec.get(base + "/huge").maxBody(1024).expect(Spec.contains("y")).run();
    assertThat(missing.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(missing.message()).isEqualTo("body does not contain \"y\" (in the first 1024 bytes; the rest is beyond max-body)");
  }

  @Test
  void bodyAssertionsSayWhatFailed() {
    assertThat(Spec.get(base + "/ok").expect(Spec.contains("ok", "good")).run().up()).isTrue();
    CheckResult contains = Spec.get(base + "/ok").expect(Spec.contains("healthy")).run();
    assertThat(contains.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(contains.message()).isEqualTo("body does not contain \"healthy\"");
    CheckResult notContains = Spec.get(base + "/ok").expect(Spec.notContains("good")).run();
    assertThat(notContains.message()).isEqualTo("body contains \"good\"");
    assertThat(Spec.get(base + "/ok").expect(Spec.matches("good: \\w+$")).run().up()).isTrue();
    CheckResult regex = Spec.get(base + "/ok").expect(Spec.matches("^bad")).run();
    assertThat(regex.message()).isEqualTo("body does not match /^bad/");
  }

  @Test
  void jsonPathsEqualAndExist() {
    CheckResult good = Spec.get(base + "/json").expect(Spec.json(
        new HttpExpect.Json("$.status", "DOWN", null),
        new HttpExpect.Json("$.db.up", "true", null),
        new HttpExpect.Json("$.db.latency", "12", null),
        new HttpExpect.Json("$.items[0].id", "7", null),
        new HttpExpect.Json("$['db']", null, true),
        new HttpExpect.Json("$.gone", null, false))).run();
    assertThat(good.up()).as(good.toString()).isTrue();

    CheckResult wrong = Spec.get(base + "/json").expect(Spec.json(new HttpExpect.Json("$.status", "UP", null))).run();
    assertThat(wrong.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(wrong.message()).isEqualTo("$.status was \"DOWN\", expected \"UP\"");
    CheckResult number = Spec.get(base + "/json").expect(Spec.json(new HttpExpect.Json("$.count", "5", null))).run();
    assertThat(number.message()).isEqualTo("$.count was 3, expected 5");
    CheckResult missing = Spec.get(base + "/json").expect(Spec.json(new HttpExpect.Json("$.cache", null, true))).run();
    assertThat(missing.message()).isEqualTo("$.cache missing, expected to exist");
    CheckResult notJson = Spec.get(base + "/ok").expect(Spec.json(new HttpExpect.Json("$.a", null, true))).run();
    assertThat(notJson.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(notJson.message()).startsWith("body is not JSON");
  }

  @Test
  void headerAssertionsMatchAValue() {
    assertThat(Spec.get(base + "/json").expect(Spec.headers(Map.of("content-type", "^application/json"))).run().up())
        .isTrue();
    CheckResult wrong = Spec.get(base + "/ok").expect(Spec.headers(Map.of("Content-Type", "json"))).run();
    assertThat(wrong.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(wrong.message()).isEqualTo("header Content-Type was \"text/plain; charset=utf-8\", expected to match /json/");
    CheckResult missing = Spec.get(base + "/ok").expect(Spec.headers(Map.of("X-Missing", "."))).run();
    assertThat(missing.message()).isEqualTo("header X-Missing missing, expected to match /./");
  }

  @Test
  void basicAndBearerCredentialsReachTheServer() {
    Spec.get(base + "/ok?basic").auth(new HttpAuth.Basic("alice", "s3cret")).run();
    Spec.get(base + "/ok?bearer").auth(new HttpAuth.Bearer("tok-123")).run();
    assertThat(seen).contains("GET /ok?basic | Basic YWxpY2U6czNjcmV0 | null | ", "GET /ok?bearer | Bearer tok-123 | null | ");
  }

  @Test
  void postSendsItsBodyAndHeaders() {
    CheckResult r = Spec.get(base + "/echo?post").method("POST").header("X-Custom", "yes")
        .header("Content-Type", "application/json").body("{\"ping\":1}").expect(Spec.contains("POST:{\"ping\":1}")).run();
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(seen).contains("POST /echo?post | null | yes | {\"ping\":1}");
  }

  @Test
  void headRequestsHaveNoBody() {
    CheckResult r = Spec.get(base + "/ok").method("HEAD").run();
    assertThat(r.up()).as(r.toString()).isTrue();
    assertThat(r.details()).containsEntry("body-bytes", 0L);
  }

  @Test
  void aTricklingResponseTimesOutAtTheDeadline() throws Exception {
    try (RawServer trickle = new RawServer((s, head) -> {
      RawServer.send(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
      for (int i = 0; i < 1000; i++) {
        RawServer.send(s, "x");
        Thread.sleep(200);
      }
    })) {
      long start = System.nanoTime();
      CheckResult r = Spec.get(trickle.url("/")).timeout(Duration.ofMillis(1000)).run();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.reason()).as(r.toString()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(r.message()).startsWith("body incomplete after 1000 ms (");
      assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofMillis(1300));
      assertThat(r.phases().firstByteMicros()).isNotNegative();
    }
  }

  @Test
  void slowHeadersTimeOutAtTheDeadline() throws Exception {
    try (RawServer slow = new RawServer((s, head) -> {
      Thread.sleep(300);
      RawServer.send(s, "HTTP/1.1 200 OK\r\n");
      for (int i = 0; i < 100; i++) {
        RawServer.send(s, "X-Slow-" + i + ": y\r\n");
        Thread.sleep(100);
      }
    })) {
      long start = System.nanoTime();
      CheckResult r = Spec.get(slow.url("/")).timeout(Duration.ofMillis(800)).run();
      assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(r.message()).startsWith("response headers incomplete after 800 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1100));
    }
    try (RawServer silent = new RawServer((s, head) -> Thread.sleep(5000))) {
      CheckResult r = Spec.get(silent.url("/")).timeout(Duration.ofMillis(300)).run();
      assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(r.message()).isEqualTo("no response within 300 ms");
      assertThat(r.phases().firstByteMicros()).isEqualTo(Phases.ABSENT);
    }
  }

  @Test
  void somethingThatIsNotHttpIsAProtocolFailure() throws Exception {
    try (RawServer ssh = new RawServer((s, head) -> {
      RawServer.send(s, "SSH-2.0-OpenSSH_9.6\r\n");
      Thread.sleep(5000); // keeps the connection open: the check must not wait for it
    })) {
      long start = System.nanoTime();
      CheckResult r = Spec.get(ssh.url("/")).run();
      assertThat(r.reason()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(r.message()).isEqualTo("not an HTTP response; it began with \"SSH-2.0-OpenSSH_9.6\\x0d\\x0a\"");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aCloseInTheMiddleOfTheHeadersIsAProtocolFailure() throws Exception {
    try (RawServer cut = new RawServer((s, head) -> RawServer.send(s, "HTTP/1.1 200 OK\r\nContent-Ty"))) {
      CheckResult r = Spec.get(cut.url("/")).run();
      assertThat(r.reason()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(r.message()).isEqualTo("connection closed in the middle of a line: \"Content-Ty\"");
    }
    try (RawServer nothing = new RawServer((s, head) -> { })) {
      CheckResult r = Spec.get(nothing.url("/")).run();
      assertThat(r.reason()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(r.message()).isEqualTo("connection closed without a response");
    }
    try (RawServer shortBody = new RawServer((s, head) ->
        RawServer.send(s, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this"))) {
      CheckResult r = Spec.get(shortBody.url("/")).run();
      assertThat(r.reason()).isEqualTo(FailureReason.PROTOCOL);
      assertThat(r.message()).isEqualTo("connection closed after 9 of 100 body bytes");
    }
  }

  @Test
  void aBodyUntilCloseAndBareLineFeedsAreRead() throws Exception {
    try (RawServer old = new RawServer((s, head) -> RawServer.send(s, "HTTP/1.0 200 OK\nServer: old\n\nhello"))) {
      CheckResult r = Spec.get(old.url("/")).expect(Spec.contains("hello")).run();
      assertThat(r.up()).as(r.toString()).isTrue();
      assertThat(r.details()).containsEntry("http-version", "HTTP/1.0").containsEntry("body-bytes", 5L);
    }
  }

  @Test
  void theRequestIsWellFormed() throws Exception {
    ConcurrentLinkedQueue<String> heads = new ConcurrentLinkedQueue<>();
    try (RawServer raw = new RawServer((s, head) -> {
      heads.add(head);
      RawServer.send(s, "HTTP/1.1 204 No Content\r\n\r\n");
    })) {
      CheckResult r = Spec.get(raw.url("/path?q=1#frag")).run();
      assertThat(r.up()).as(r.toString()).isTrue();
      assertThat(heads.poll()).isEqualTo("GET /path?q=1 HTTP/1.1\r\nHost: 127.0.0.1:" + raw.port()
          + "\r\nUser-Agent: PingBase\r\nAccept: */*\r\nConnection: close\r\n\r\n");
    }
  }

  @Test
  void nothingListeningIsRefusedAndAnUnknownNameIsADnsFailure() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CheckResult refused = Spec.get("http://127.0.0.1:" + port + "/").run();
    assertThat(refused.reason()).isEqualTo(FailureReason.REFUSED);
    assertThat(refused.message()).isEqualTo("connection refused by 127.0.0.1:" + port);
    CheckResult dns = Spec.get("http://no-such-host.invalid/").run();
    assertThat(dns.reason()).isEqualTo(FailureReason.DNS_FAILURE);
    assertThat(dns.message()).contains("no-such-host.invalid");
  }

  @Test
  void aFullAcceptQueueTimesOut() throws IOException {
    try (var blackhole = new io.pingbase.testing.FullBacklogListener()) {
      long start = System.nanoTime();
      CheckResult r = Spec.get("http://127.0.0.1:" + blackhole.port() + "/").timeout(Duration.ofMillis(400)).run();
      assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    }
  }

  @Test
  void manyChecksAtOnceAllSucceed() throws Exception {
    List<java.util.concurrent.Future<CheckResult>> results = new java.util.ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 100; i++) {
        results.add(pool.submit(() -> Spec.get(base + "/ok").run()));
      }
    }
    for (var f : results) {
      assertThat(f.get().up()).as(f.get().toString()).isTrue();
    }
  }
}
