package io.pingbase.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1, port 0, standing in for Slack, PagerDuty or a user's webhook:
 * it records every request and answers what the test told it (a status, a body, a Retry-After),
 * or stalls without answering until closed. Loopback only (network rule).
 */
public final class HttpReceiver implements AutoCloseable {

  /** One request as received. Header names are lower-case. */
  public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private record Answer(int status, String body, Map<String, String> headers, boolean stall) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Answer answer = new Answer(200, "ok", Map.of(), false);
  private volatile CountDownLatch gate = new CountDownLatch(0);

  public HttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI url(String path) {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort() + path);
  }

  /** From now on, answer {@code status} with {@code body}. */
  public HttpReceiver answer(int status, String body) {
    return answer(status, body, Map.of());
  }

  public HttpReceiver answer(int status, String body, Map<String, String> headers) {
    answer = new Answer(status, body, Map.copyOf(headers), false);
    return this;
  }

  /** From now on, read the request and never answer (until closed). */
  public HttpReceiver stall() {
    answer = new Answer(0, "", Map.of(), true);
    return this;
  }

  /** From now on, hold each request until {@code gate} opens (or the receiver closes), then answer. */
  public HttpReceiver holdUntil(CountDownLatch gate) {
    this.gate = gate;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The only request received; fails if there were none or several. */
  public Request single() {
    List<Request> r = requests();
    if (r.size() != 1) {
      throw new AssertionError("expected exactly one request, got " + r.size());
    }
    return r.get(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex; InputStream in = ex.getRequestBody()) {
      byte[] body = in.readAllBytes();
      Map<String, List<String>> headers = new TreeMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
          ex.getRequestURI().getRawQuery(), Map.copyOf(headers), body));
      CountDownLatch g = gate;
      while (!g.await(100, TimeUnit.MILLISECONDS)) {
        if (closed.getCount() == 0) {
          return;
        }
      }
      Answer a = answer;
      if (a.stall()) {
        closed.await(1, TimeUnit.MINUTES);
        return;
      }
      a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        ex.getResponseBody().write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }
}
