package io.pingbase.alert.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import io.pingbase.net.NetworkPolicy;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP POST for webhook-style channels (webhook, Slack, PagerDuty, Telegram, Discord, Teams,
 * ntfy, Opsgenie, Pushover, Gotify, Mattermost), turned into a
 * {@link Delivery}: 2xx is delivered; 408, 429, 5xx, timeouts and connection failures are worth a
 * retry (with the receiver's {@code Retry-After} when it sent one); any other status will not
 * work by retrying. Never throws.
 *
 * <p>Uses the JDK's {@link HttpClient}: unlike checks, a delivery needs no phase timings, so the
 * JDK client is enough (see DECISIONS.md). Redirects are not followed (a webhook that moved is a
 * configuration error to fix, and following it would re-send the body to another host), and
 * HTTP/1.1 is used so no h2c upgrade headers reach receivers that mishandle them.
 *
 * <p>With a restricting {@link NetworkPolicy} ({@code network.targets: multi-tenant}) the host is
 * resolved first and every address judged; one refused address makes the delivery
 * {@code Rejected} without a byte sent. The JDK client then resolves the name again itself, with
 * no hook to hand it our addresses: both lookups go through {@link java.net.InetAddress}'s cache
 * (30 s by default), which makes the second answer the first one, but a cache entry that expires
 * between the two leaves a window of microseconds (docs/SECURITY.md).
 *
 * <p>Thread-safe: one instance is shared by every channel.
 */
public final class HttpPost {
  /** How much of a response body is read: enough for an error message, never a whole page. */
  static final int BODY_CAP = 4096;
  /** How much of the body goes into a summary for the delivery log. */
  private static final int SUMMARY_BODY = 200;

  private final HttpClient client;
  private final InstantSource clock;
  private final NetworkPolicy policy;

  public HttpPost(HttpClient client, InstantSource clock) {
    this(client, clock, NetworkPolicy.SELF_HOSTED);
  }

  /** @param policy which addresses may receive a post (the {@code network:} section) */
  public HttpPost(HttpClient client, InstantSource clock, NetworkPolicy policy) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** A poster with its own client: HTTP/1.1, no redirects. */
  public static HttpPost create(InstantSource clock) {
    return create(clock, NetworkPolicy.SELF_HOSTED);
  }

  /** A poster with its own client (HTTP/1.1, no redirects) that posts only where {@code policy} allows. */
  public static HttpPost create(InstantSource clock, NetworkPolicy policy) {
    return new HttpPost(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        clock, policy);
  }

  /**
   * What to post.
   *
   * @param uri         where to
   * @param contentType the body's media type
   * @param headers     further headers, set after Content-Type (so they may replace it)
   * @param body        the exact bytes to send
   * @param timeout     for the whole attempt: connect, send, and reading the answer
   */
  public record Request(URI uri, String contentType, Map<String, String> headers, byte[] body, Duration timeout) {
    public Request {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(contentType, "contentType");
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * Posts {@code payload} (maps, lists, strings, numbers: what Jackson writes as they are) as JSON;
   * one attempt, as {@link #send}. A payload that cannot be written is {@code Rejected}: retrying
   * would not help.
   */
  public Delivery postJson(URI uri, Object payload, Duration timeout) {
    return postJson(uri, payload, Map.of(), timeout);
  }

  /** As {@link #postJson(URI, Object, Duration)}, with further headers (an Authorization). */
  public Delivery postJson(URI uri, Object payload, Map<String, String> headers, Duration timeout) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return new Delivery.Rejected("could not build the body: " + e.getMessage());
    }
    return send(new Request(uri, "application/json", headers, body, timeout));
  }

  /**
   * Posts {@code fields} as {@code application/x-www-form-urlencoded} (UTF-8, in the map's
   * order); one attempt, as {@link #send}.
   */
  public Delivery postForm(URI uri, Map<String, String> fields, Duration timeout) {
    StringBuilder form = new StringBuilder();
    fields.forEach((k, v) -> {
      if (!form.isEmpty()) {
        form.append('&');
      }
      form.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return send(new Request(uri, "application/x-www-form-urlencoded", Map.of(),
        form.toString().getBytes(StandardCharsets.UTF_8), timeout));
  }

  /** One attempt; returns within the request's timeout (plus scheduling noise). */
  public Delivery send(Request request) {
    HttpRequest http;
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
          .timeout(request.timeout())
          .header("Content-Type", request.contentType())
          .header("User-Agent", "PingBase")
          .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
      request.headers().forEach(b::setHeader);
      http = b.build();
    } catch (IllegalArgumentException e) {
      // A bad URL or header: retrying will not fix the configuration.
      // The message may quote the URL, which can hold a token (Telegram, Slack): never echo it.
      String m = String.valueOf(e.getMessage()).replace(request.uri().toString(), "<url>");
      return new Delivery.Rejected("invalid request: " + m);
    }
    String refusal = policy.refusalOfHost(request.uri().getHost());
    if (refusal != null) {
      return new Delivery.Rejected(refusal); // retrying will not make the address allowed
    }
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(http, info -> new CappedBody(BODY_CAP));
    try {
      // HttpRequest.timeout covers connect and the response headers; this bounds the body too.
      HttpResponse<byte[]> response = future.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
      return classify(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
          response.body());
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Delivery.Retry("no answer within " + millis(request.timeout()), null);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new Delivery.Retry("interrupted", null);
    } catch (ExecutionException e) {
      return failure(e.getCause(), request.timeout());
    } catch (RuntimeException e) {
      return new Delivery.Retry("unexpected error: " + e, null);
    }
  }

  /** What a status (and its Retry-After and body) means for delivery. */
  Delivery classify(int status, String retryAfter, byte[] body) {
    String summary = "HTTP " + status;
    if (status >= 200 && status < 300) {
      return new Delivery.Delivered(summary);
    }
    String detail = bodyStart(body);
    if (!detail.isEmpty()) {
      summary += ": " + detail;
    }
    // 408: the receiver timed out reading us, which is as transient as our own timeout.
    if (status == 408 || status == 429 || status >= 500) {
      return new Delivery.Retry(summary, retryAfter(retryAfter, clock.instant()));
    }
    return new Delivery.Rejected(summary);
  }

  private static Delivery failure(Throwable cause, Duration timeout) {
    // Order matters: HttpConnectTimeoutException is an HttpTimeoutException.
    if (cause instanceof HttpConnectTimeoutException) {
      return new Delivery.Retry("connect timed out after " + millis(timeout), null);
    }
    if (cause instanceof HttpTimeoutException) {
      return new Delivery.Retry("no answer within " + millis(timeout), null);
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return new Delivery.Retry("host name not resolved", null);
      }
      if (t instanceof NoRouteToHostException) {
        return new Delivery.Retry("no route to host", null);
      }
    }
    if (cause instanceof ConnectException) {
      // The client's ConnectException often has no message; the socket's, in its causes, says "refused".
      for (Throwable t = cause; t != null; t = t.getCause()) {
        if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
          return new Delivery.Retry("connection refused", null);
        }
      }
      Throwable root = cause;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      // JDK 21 reports a refused connect as a bare ConnectException over a ClosedChannelException.
      return new Delivery.Retry(root instanceof java.nio.channels.ClosedChannelException
          ? "could not connect (refused or closed)"
          : "could not connect: " + root.getClass().getSimpleName() + suffix(root), null);
    }
    if (cause instanceof IOException) {
      return new Delivery.Retry(cause.getClass().getSimpleName() + suffix(cause), null);
    }
    return new Delivery.Retry("unexpected error: " + cause, null);
  }

  private static String suffix(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? "" : " (" + m + ")";
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  /**
   * The Retry-After header as a wait from {@code now}: delay-seconds or an HTTP-date (RFC 9110
   * 10.2.3). A date in the past means "now" (zero); anything unparseable is ignored (null).
   */
  static Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return null; // more digits than a long: not a wait anyone means
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The first characters of a body on one line, for the delivery log. */
  static String bodyStart(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return text.length() <= SUMMARY_BODY ? text : text.substring(0, SUMMARY_BODY) + "…";
  }

  /** Collects at most {@code cap} bytes of the body, then stops reading. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int cap;
    private Flow.Subscription subscription;

    CappedBody(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletableFuture<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        int n = Math.min(item.remaining(), cap - out.size());
        byte[] chunk = new byte[n];
        item.get(chunk);
        out.write(chunk, 0, n);
        if (out.size() >= cap) {
          subscription.cancel();
          result.complete(out.toByteArray());
          return;
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
