package io.pingbase.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.testing.HttpReceiver;
import io.pingbase.testing.SettableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPostTest {
  private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
  private final SettableClock clock = new SettableClock(NOW);
  private final HttpPost http = HttpPost.create(clock);
  private HttpReceiver receiver;

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private Delivery post(Duration timeout) throws Exception {
    if (receiver == null) {
      receiver = new HttpReceiver();
    }
    return http.send(new HttpPost.Request(receiver.url("/hook"), "application/json", Map.of("X-Extra", "1"),
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8), timeout));
  }

  @Test
  void twoHundredIsDeliveredAndTheRequestIsExact() throws Exception {
    receiver = new HttpReceiver().answer(200, "ok");
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Delivered("HTTP 200"));
    HttpReceiver.Request r = receiver.single();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/hook");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("X-Extra")).isEqualTo("1");
    assertThat(r.header("User-Agent")).isEqualTo("PingBase");
    assertThat(r.bodyText()).isEqualTo("{\"a\":1}");
  }

  @Test
  void twoHundredFourAndTwoHundredTwoAreDelivered() throws Exception {
    receiver = new HttpReceiver().answer(202, "{\"status\":\"success\"}");
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Delivered("HTTP 202"));
    receiver.answer(204, "");
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Delivered("HTTP 204"));
  }

  @Test
  void tooManyRequestsIsRetriedAfterWhatTheReceiverAsked() throws Exception {
    receiver = new HttpReceiver().answer(429, "slow down", Map.of("Retry-After", "30"));
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Retry("HTTP 429: slow down", Duration.ofSeconds(30)));
  }

  @Test
  void retryAfterAsAnHttpDate() throws Exception {
    receiver = new HttpReceiver().answer(503, "", Map.of("Retry-After", "Wed, 25 Nov 2026 02:02:00 GMT"));
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Retry("HTTP 503", Duration.ofMinutes(2)));
  }

  @Test
  void serverErrorsAreRetriedWithTheBackoff() throws Exception {
    receiver = new HttpReceiver().answer(503, "upstream\n  down");
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Retry("HTTP 503: upstream down", null));
    receiver.answer(500, "");
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Retry("HTTP 500", null));
  }

  @Test
  void otherClientErrorsAreRejectedWithTheStartOfTheBody() throws Exception {
    receiver = new HttpReceiver().answer(400, "invalid_payload");
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Rejected("HTTP 400: invalid_payload"));
    receiver.answer(404, "no_service");
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Rejected("HTTP 404: no_service"));
  }

  @Test
  void redirectsAreNotFollowed() throws Exception {
    receiver = new HttpReceiver().answer(301, "", Map.of("Location", "http://127.0.0.1:1/elsewhere"));
    assertThat(post(Duration.ofSeconds(5))).isEqualTo(new Delivery.Rejected("HTTP 301"));
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void aLongBodyIsCutInTheSummaryAndReadOnlyUpToTheCap() throws Exception {
    receiver = new HttpReceiver().answer(400, "x".repeat(1_000_000));
    Delivery d = post(Duration.ofSeconds(5));
    assertThat(d).isInstanceOf(Delivery.Rejected.class);
    assertThat(d.summary()).startsWith("HTTP 400: xxx").endsWith("…").hasSizeLessThan(220);
  }

  @Test
  void aStalledReceiverIsRetriedWithinTheTimeout() throws Exception {
    receiver = new HttpReceiver().stall();
    long start = System.nanoTime();
    Delivery d = post(Duration.ofMillis(500));
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(d).isEqualTo(new Delivery.Retry("no answer within 500 ms", null));
    assertThat(tookMs).isBetween(400L, 2_000L);
  }

  @Test
  void aRefusedPortIsRetried() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Delivery d = http.send(new HttpPost.Request(URI.create("http://127.0.0.1:" + port + "/"), "text/plain",
        Map.of(), new byte[0], Duration.ofSeconds(2)));
    assertThat(d).isInstanceOf(Delivery.Retry.class);
    assertThat(d).isInstanceOf(Delivery.Retry.class);
    assertThat(d.summary()).matches("connection refused|could not connect \\(refused or closed\\)");
  }

  @Test
  void anUnknownHostIsRetriedNotThrown() {
    // Resolved from src/test/resources/hosts only: fails locally, nothing leaves the machine.
    Delivery d = http.send(new HttpPost.Request(URI.create("http://no-such-host.invalid/"), "text/plain",
        Map.of(), new byte[0], Duration.ofSeconds(2)));
    assertThat(d).isEqualTo(new Delivery.Retry("host name not resolved", null));
  }

  @Test
  void anInvalidHeaderIsRejected() {
    Delivery d = http.send(new HttpPost.Request(URI.create("http://127.0.0.1:9/"), "text/plain",
        Map.of("Bad Header", "x"), new byte[0], Duration.ofSeconds(2)));
    assertThat(d).isInstanceOf(Delivery.Rejected.class);
  }

  @Test
  void retryAfterParsing() {
    assertThat(HttpPost.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(HttpPost.retryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    assertThat(HttpPost.retryAfter("Wed, 25 Nov 2026 01:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    assertThat(HttpPost.retryAfter("Wed, 25 Nov 2026 02:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpPost.retryAfter("soon", NOW)).isNull();
    assertThat(HttpPost.retryAfter("-5", NOW)).isNull();
    assertThat(HttpPost.retryAfter("99999999999999999999999", NOW)).isNull();
    assertThat(HttpPost.retryAfter(null, NOW)).isNull();
  }

  @Test
  void aFormIsUrlEncodedInOrder() throws Exception {
    receiver = new HttpReceiver();
    java.util.LinkedHashMap<String, String> form = new java.util.LinkedHashMap<>();
    form.put("title", "DOWN: a&b = c");
    form.put("message", "line 1\nline 2 → ü+");
    Delivery d = http.postForm(receiver.url("/form"), form, Duration.ofSeconds(5));
    assertThat(d).isEqualTo(new Delivery.Delivered("HTTP 200"));
    HttpReceiver.Request r = receiver.single();
    assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(r.bodyText()).isEqualTo("title=DOWN%3A+a%26b+%3D+c&message=line+1%0Aline+2+%E2%86%92+%C3%BC%2B");
  }

  @Test
  void jsonWithHeadersSendsThem() throws Exception {
    receiver = new HttpReceiver();
    http.postJson(receiver.url("/j"), Map.of("a", 1), Map.of("Authorization", "Bearer x"), Duration.ofSeconds(5));
    HttpReceiver.Request r = receiver.single();
    assertThat(r.header("Authorization")).isEqualTo("Bearer x");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.bodyText()).isEqualTo("{\"a\":1}");
  }
}
