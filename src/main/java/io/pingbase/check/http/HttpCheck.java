package io.pingbase.check.http;

import io.pingbase.check.Check;
import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Resolver;
import io.pingbase.check.Target;
import io.pingbase.check.tcp.TcpConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import io.pingbase.check.tls.TlsTrust;

/**
 * One HTTP(S) request, its redirects, and the judgement of the final answer: status, then the
 * {@code expect} assertions.
 *
 * <p>Our own HTTP/1.1 client over a socket (see docs/DECISIONS.md): DNS and connect go through
 * the TCP check's {@link TcpConnector}, so every phase blackbox_exporter reports is timed (DNS,
 * connect, TLS, first byte, transfer; summed over redirects). One request per connection with
 * {@code Connection: close}; no HTTP/2, no proxy.
 *
 * <p>One deadline covers the whole check, redirects included: every read waits at most until it,
 * and a watchdog closes the socket when it passes, so neither a trickling server nor a stalled
 * write or handshake can hold a check longer than its timeout plus a few milliseconds.
 */
public final class HttpCheck implements Check {
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();
  private static final String USER_AGENT = "PingBase";

  private final Target.Http target;
  private final TcpConnector connector;
  private final InstantSource clock;
  private final Assertions assertions;
  private volatile TlsTrust trust;

  public HttpCheck(Target.Http target, Resolver resolver, InstantSource clock) {
    this(target, resolver, clock, io.pingbase.net.NetworkPolicy.SELF_HOSTED);
  }

  /**
   * @param policy which addresses may be dialled; applied by {@link TcpConnector} at every hop,
   *               so a redirect to a refused address is BLOCKED there
   */
  public HttpCheck(Target.Http target, Resolver resolver, InstantSource clock, io.pingbase.net.NetworkPolicy policy) {
    if (target.url().regionMatches(true, 0, "https:", 0, 6)) {
      // Load the TLS classes on this (creating) thread, not in a herd on virtual threads; see WarmUp.
      io.pingbase.check.tls.TlsCheck.warmUpOnce();
    }
    this.target = target;
    this.connector = new TcpConnector(resolver, policy);
    this.clock = clock;
    this.assertions = new Assertions(target.expect());
  }

  @Override
  public CheckResult run(Duration timeout) {
    long start = System.nanoTime();
    Timings timings = new Timings();
    try {
      return fetch(start, start + timeout.toNanos(), timeout, timings);
    } catch (RuntimeException e) { // a check never throws (see Check)
      return CheckResult.down(FailureReason.ERROR, "unexpected: " + e, micros(System.nanoTime() - start),
          timings.phases(), null);
    }
  }

  private CheckResult fetch(long start, long deadline, Duration timeout, Timings timings) {
    HttpUrl url = HttpUrl.parse(target.url());
    String origin = url.origin();
    String method = target.method();
    byte[] body = target.body() == null ? null : target.body().getBytes(StandardCharsets.UTF_8);
    List<String> chain = new ArrayList<>(List.of(url.shown()));
    Map<String, Object> details = new LinkedHashMap<>();
    while (true) {
      details.put("final-url", url.shown());
      details.put("redirects", (long) chain.size() - 1);
      Hop hop = exchange(url, method, body, url.origin().equals(origin), deadline, timeout, timings);
      details.putAll(hop.tlsDetails);
      if (hop.failure != null) {
        return new CheckResult(false, hop.failure.reason(), hop.failure.message(), micros(System.nanoTime() - start),
            timings.phases(), hop.address, null, details);
      }
      HttpResponse r = hop.response;
      if (!r.isRedirect() || target.maxRedirects() == 0) {
        return judge(r, hop.address, details, micros(System.nanoTime() - start), timings.phases());
      }
      String location = r.header("Location");
      HttpUrl next;
      try {
        next = HttpUrl.of(url.uri().resolve(new URI(location.strip())), location);
      } catch (URISyntaxException | IllegalArgumentException e) {
        return down(FailureReason.PROTOCOL, "status " + r.status() + " redirects to an invalid Location "
            + ResponseReader.printable(location) + ": " + e.getMessage(), start, timings, hop.address, details);
      }
      boolean loop = chain.contains(next.shown());
      chain.add(next.shown());
      if (loop) {
        return down(FailureReason.ERROR, "redirect loop: " + chainText(chain), start, timings, hop.address, details);
      }
      if (chain.size() - 1 > target.maxRedirects()) {
        return down(FailureReason.ERROR, "more than " + target.maxRedirects() + " redirects: " + chainText(chain),
            start, timings, hop.address, details);
      }
      // 303 always, and 301/302 after a POST as every browser does, continue with GET and no body.
      if (r.status() == 303 && !method.equals("HEAD")
          || (r.status() == 301 || r.status() == 302) && method.equals("POST")) {
        method = "GET";
        body = null;
      }
      url = next;
    }
  }

  private CheckResult judge(HttpResponse r, String address, Map<String, Object> details, long micros, Phases phases) {
    details.put("status-code", (long) r.status());
    details.put("http-version", r.version());
    String contentType = r.header("Content-Type");
    if (contentType != null) {
      details.put("content-type", contentType);
    }
    if (r.contentLength() >= 0) {
      details.put("content-length", r.contentLength());
    }
    details.put("body-bytes", (long) r.body().length);
    if (r.truncated()) {
      details.put("body-truncated", true);
    }
    if (!target.accepted().accepts(r.status())) {
      return new CheckResult(false, FailureReason.STATUS, "status " + r.status() + ", expected " + target.accepted(),
          micros, phases, address, null, details);
    }
    String failed = assertions.firstFailure(r);
    if (failed != null) {
      return new CheckResult(false, FailureReason.ASSERTION, failed, micros, phases, address, null, details);
    }
    return new CheckResult(true, null, null, micros, phases, address, null, details);
  }

  /** One request and its response on a new connection. */
  private Hop exchange(
      HttpUrl url, String method, byte[] body, boolean sameOrigin, long deadline, Duration timeout, Timings timings) {
    TcpConnector.Outcome connected = connector.connect(url.host(), url.port(), deadline, timeout);
    if (connected instanceof TcpConnector.Failed f) {
      timings.add(f.result().phases());
      return Hop.failed(f.result().reason(), f.result().message(), f.result().address(), Map.of());
    }
    TcpConnector.Connected c = (TcpConnector.Connected) connected;
    timings.add(Phases.tcp(c.dnsMicros(), c.connectMicros()));
    Socket plain = c.socket();
    Map<String, Object> tlsDetails = Map.of();
    ScheduledFuture<?> watchdog = DEADLINES.schedule(() -> closeQuietly(plain),
        Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    Stage stage = Stage.REQUEST;
    long sent = 0;
    ResponseReader reader = null;
    try {
      Socket socket = plain;
      if (url.https()) {
        long tlsStart = System.nanoTime();
        TlsTrust judge;
        try {
          judge = target.tlsVerify() ? trust() : null;
        } catch (IOException e) {
          return Hop.failed(FailureReason.ERROR, e.getMessage(), c.address(), Map.of());
        }
        HttpTls.Outcome tls = HttpTls.handshake(plain, url, deadline, judge, clock.instant());
        timings.tls = Timings.sum(timings.tls, micros(System.nanoTime() - tlsStart));
        switch (tls) {
          case HttpTls.Failed f -> {
            return Hop.failed(f.reason(), f.message(), c.address(), f.details());
          }
          case HttpTls.Established ok -> {
            socket = ok.socket();
            tlsDetails = ok.details();
          }
        }
      }
      sent = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      out.write(requestHead(url, method, body, sameOrigin));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      stage = Stage.HEADERS;
      InputStream in = socket.getInputStream();
      reader = new ResponseReader(in, socket, deadline);
      HttpResponse response = reader.read(method, target.maxBody());
      recordRead(timings, reader, sent);
      return new Hop(response, c.address(), tlsDetails, null);
    } catch (ProtocolException e) {
      recordRead(timings, reader, sent);
      return Hop.failed(FailureReason.PROTOCOL, e.getMessage(), c.address(), tlsDetails);
    } catch (IOException e) {
      recordRead(timings, reader, sent);
      boolean timedOut = e instanceof SocketTimeoutException || System.nanoTime() - deadline >= 0;
      if (timedOut) {
        return Hop.failed(FailureReason.TIMEOUT, timeoutMessage(stage, reader, timeout), c.address(), tlsDetails);
      }
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      String when = stage == Stage.REQUEST ? "sending the request" : reader == null || reader.received() == 0
          ? "waiting for the response" : "reading the response, after " + reader.received() + " bytes";
      return Hop.failed(FailureReason.ERROR, c.address() + ": " + m + " while " + when, c.address(), tlsDetails);
    } finally {
      watchdog.cancel(false);
      closeQuietly(plain);
    }
  }

  /** First byte and transfer, when a byte came at all; otherwise both stay absent. */
  private static void recordRead(Timings timings, ResponseReader reader, long sent) {
    if (reader != null && reader.firstByteAt() != 0) {
      timings.firstByte = Timings.sum(timings.firstByte, micros(reader.firstByteAt() - sent));
      timings.transfer = Timings.sum(timings.transfer, micros(System.nanoTime() - reader.firstByteAt()));
    }
  }

  private static String timeoutMessage(Stage stage, ResponseReader reader, Duration timeout) {
    long ms = timeout.toMillis();
    if (stage == Stage.REQUEST) {
      return "could not send the request within " + ms + " ms";
    }
    if (reader == null || reader.received() == 0) {
      return "no response within " + ms + " ms";
    }
    if (reader.bodyBytes() == 0) {
      return "response headers incomplete after " + ms + " ms (" + reader.received() + " bytes received)";
    }
    return "body incomplete after " + ms + " ms (" + reader.bodyBytes() + " body bytes received)";
  }

  private byte[] requestHead(HttpUrl url, String method, byte[] body, boolean sameOrigin) {
    Map<String, String> own = target.headers();
    StringBuilder b = new StringBuilder(256);
    b.append(method).append(' ').append(url.requestTarget()).append(" HTTP/1.1\r\n");
    if (!hasHeader(own, "Host")) {
      b.append("Host: ").append(url.hostHeader()).append("\r\n");
    }
    if (!hasHeader(own, "User-Agent")) {
      b.append("User-Agent: ").append(USER_AGENT).append("\r\n");
    }
    if (!hasHeader(own, "Accept")) {
      b.append("Accept: */*\r\n");
    }
    // Credentials go to the monitored origin only, never to another host a redirect names.
    if (sameOrigin && target.auth() != null && !hasHeader(own, "Authorization")) {
      b.append("Authorization: ").append(target.auth().header()).append("\r\n");
    }
    own.forEach((name, value) -> {
      if (sameOrigin || !name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("Cookie")) {
        b.append(name).append(": ").append(value).append("\r\n");
      }
    });
    if (body != null) {
      b.append("Content-Length: ").append(body.length).append("\r\n");
    }
    b.append("Connection: close\r\n\r\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean hasHeader(Map<String, String> headers, String name) {
    for (String h : headers.keySet()) {
      if (h.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** Loaded at the first HTTPS request and kept; a ca-file that cannot be read is retried next time. */
  private TlsTrust trust() throws IOException {
    TlsTrust t = trust;
    if (t == null) {
      t = HttpTls.trust(target.caFile());
      trust = t;
    }
    return t;
  }

  private static CheckResult down(
      FailureReason reason, String message, long start, Timings timings, String address, Map<String, Object> details) {
    return new CheckResult(false, reason, message, micros(System.nanoTime() - start), timings.phases(), address,
        null, details);
  }

  private static String chainText(List<String> chain) {
    List<String> shown = chain.stream().map(u -> u.length() > 200 ? u.substring(0, 197) + "..." : u).toList();
    return String.join(" -> ", shown);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  private static long micros(long nanos) {
    return nanos / 1_000;
  }

  private static ScheduledThreadPoolExecutor deadlines() {
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "pingbase-http-deadline");
      t.setDaemon(true);
      return t;
    });
    ex.setRemoveOnCancelPolicy(true);
    return ex;
  }

  private enum Stage { REQUEST, HEADERS }

  /** What one request gave: a response, or a failure with what was learned on the way. */
  private record Hop(HttpResponse response, String address, Map<String, Object> tlsDetails, Failure failure) {
    static Hop failed(FailureReason reason, String message, String address, Map<String, Object> tlsDetails) {
      return new Hop(null, address, tlsDetails, new Failure(reason, message));
    }
  }

  private record Failure(FailureReason reason, String message) {}

  /** Phase times summed over the requests of one check (redirects); a phase never reached stays absent. */
  private static final class Timings {
    long dns = Phases.ABSENT;
    long connect = Phases.ABSENT;
    long tls = Phases.ABSENT;
    long firstByte = Phases.ABSENT;
    long transfer = Phases.ABSENT;

    void add(Phases p) {
      dns = sum(dns, p.dnsMicros());
      connect = sum(connect, p.connectMicros());
    }

    static long sum(long a, long b) {
      if (b == Phases.ABSENT) {
        return a;
      }
      return a == Phases.ABSENT ? b : a + b;
    }

    Phases phases() {
      return new Phases(dns, connect, tls, firstByte, transfer);
    }
  }
}
