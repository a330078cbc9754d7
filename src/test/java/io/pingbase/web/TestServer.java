package io.pingbase.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.app.PingBase;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigLoader;
import io.pingbase.config.PingBaseConfig;
import io.pingbase.testing.TestAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The real PingBase app on 127.0.0.1, port 0, with a SQLite file in a test's directory, and an
 * HTTP client for it. Tests talk to it only over loopback.
 */
public final class TestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** The header line for raw requests written to a socket: the test owner's API token. */
  public static final String AUTHORIZATION_LINE = "Authorization: " + TestAccounts.bearer() + "\r\n";

  private final Path dir;
  private final String storageYaml;
  private final String monitorsYaml;
  private final InstantSource clock;
  private final PingBase app;

  private TestServer(Path dir, String storageYaml, String monitorsYaml, InstantSource clock) {
    this(dir, storageYaml, monitorsYaml, clock, TestAccounts.OWNER);
  }

  private TestServer(Path dir, String storageYaml, String monitorsYaml, InstantSource clock,
      io.pingbase.account.Enrolment.Owner owner) {
    this.dir = dir;
    this.storageYaml = storageYaml;
    this.monitorsYaml = monitorsYaml;
    this.clock = clock;
    this.app = PingBase.start(config(storageYaml, monitorsYaml), null, new PingBase.Overrides(0, null, null, owner),
        clock);
  }

  /** A server whose database has no accounts yet: the first owner is made through the setup token. */
  public static TestServer startWithoutOwner(Path dir, String moreYaml, InstantSource clock) {
    String sqlite = "storage: { type: sqlite, path: \"%s\" }\n"
        .formatted(dir.resolve("pingbase.db").toString().replace("\\", "/"));
    return new TestServer(dir, sqlite, moreYaml, clock, null);
  }

  /**
   * @param monitorsYaml the {@code monitors:} section (with that key) or "" for none; file
   *                     monitors must point at loopback listeners or closed loopback ports
   */
  public static TestServer start(Path dir, String monitorsYaml, InstantSource clock) {
    String sqlite = "storage: { type: sqlite, path: \"%s\" }\n"
        .formatted(dir.resolve("pingbase.db").toString().replace("\\", "/"));
    return new TestServer(dir, sqlite, monitorsYaml, clock);
  }

  public static TestServer start(Path dir) {
    return start(dir, "", InstantSource.system());
  }

  /** With another {@code storage:} section, e.g. PostgreSQL on loopback. */
  public static TestServer startWithStorage(String storageYaml, String monitorsYaml, InstantSource clock) {
    return new TestServer(null, storageYaml, monitorsYaml, clock);
  }

  /** Stops this server and starts a new one on the same database and config. */
  public TestServer restart() {
    close();
    return new TestServer(dir, storageYaml, monitorsYaml, clock);
  }

  static PingBaseConfig config(String storageYaml, String monitorsYaml) {
    // A test that needs more server settings gives its own server: section (bind and port included).
    String server = monitorsYaml.startsWith("server:") ? "" : "server: { bind: 127.0.0.1, port: 0 }\n";
    String yaml = server + """
        defaults: { interval: 1h, timeout: 2s, confirmation: { rechecks: 0, spacing: 200ms } }
        """ + storageYaml + monitorsYaml;
    try {
      return ConfigLoader.withSystemEnvironment().parse(yaml, "pingbase.yml");
    } catch (ConfigException e) {
      throw new IllegalArgumentException("test config is invalid:\n" + e.getMessage(), e);
    }
  }

  public PingBase app() {
    return app;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
  }

  public Response get(String path) {
    return send(request("GET", path, null));
  }

  public Response delete(String path) {
    return send(request("DELETE", path, null));
  }

  public Response post(String path, String jsonBody) {
    return send("POST", path, jsonBody);
  }

  public Response put(String path, String jsonBody) {
    return send("PUT", path, jsonBody);
  }

  public Response post(String path, JsonNode body) {
    return post(path, body.toString());
  }

  public Response put(String path, JsonNode body) {
    return put(path, body.toString());
  }

  /** Any method, with a JSON body when {@code body} is not null. */
  public Response send(String method, String path, String body) {
    return send(request(method, path, body));
  }

  /** The request {@link #send(String, String, String)} sends ({@link #send(HttpRequest.Builder)} adds the token). */
  public HttpRequest.Builder request(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return b;
  }

  /** Sends {@code request} with the test owner's API token, unless it has an Authorization header of its own. */
  public Response send(HttpRequest.Builder request) {
    return send(HTTP, request, true);
  }

  /** Sends {@code request} as it is: without credentials unless it carries some. */
  public Response sendAnonymous(HttpRequest.Builder request) {
    return send(HTTP, request, false);
  }

  /**
   * On a connection of its own, closed afterwards. For requests the server refuses before reading
   * them whole (a huge header or body, hostile input): the server answers early and closes, and a
   * pooled connection may still hold the client's unsent bytes; on the shared client the next test's
   * request could then read garbage or an empty answer.
   */
  public Response sendAlone(HttpRequest.Builder request) {
    try (HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build()) {
      return send(own, request, true);
    }
  }

  private static Response send(HttpClient client, HttpRequest.Builder request, boolean withToken) {
    try {
      HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
      if (withToken && built.headers().firstValue("Authorization").isEmpty()) {
        built = HttpRequest.newBuilder(built, (name, value) -> true).header("Authorization", TestAccounts.bearer())
            .build();
      }
      HttpResponse<String> r = client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  @Override
  public void close() {
    app.close();
  }

  /** One HTTP answer; {@link #json()} parses the body. */
  public record Response(int status, HttpHeaders headers, String body) {
    public JsonNode json() {
      return parse(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
    }
  }
}
