package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pingbase.testing.PostgresSchema;
import io.pingbase.testing.Services;
import io.pingbase.testing.TcpProxy;
import io.pingbase.web.TestServer.Response;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the database goes away, what needs it answers 503 in the usual JSON shape (not a 500: the
 * client did nothing wrong), /healthz says so, and what is served from memory still works. Runs
 * on PostgreSQL behind a loopback proxy the test cuts.
 */
class DatabaseOutageTest {
  private PostgresSchema schema;
  private TcpProxy proxy;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    schema = PostgresSchema.create();
    proxy = TcpProxy.start(Services.HOST, Services.POSTGRESQL.port());
    server = TestServer.startWithStorage("""
        storage: { type: postgresql, url: "%s", username: %s, pool-size: 2 }
        """.formatted(schema.url(proxy.port()), PostgresSchema.USER), """
        monitors:
          - { id: db, name: DB, type: tcp, host: 127.0.0.1, port: %d }
        """.formatted(LoopbackListener.closedPort()), InstantSource.system());
  }

  @AfterEach
  void stop() {
    try {
      proxy.restore();
      if (server != null) {
        server.close();
      }
      proxy.close();
    } finally {
      schema.close();
    }
  }

  @Test
  void anOutageIs503ForWhatNeedsTheDatabaseAndTheRestStillWorks() {
    assertThat(server.get("/api/v1/monitors/db/results").status()).isEqualTo(200);

    proxy.cut();

    // Concurrently: each one waits for the pool's connection timeout (5 s).
    List<CompletableFuture<Response>> calls;
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      calls = List.<Supplier<Response>>of(
          () -> server.get("/api/v1/monitors/db/results"),
          () -> server.get("/api/v1/monitors/db/stats"),
          () -> server.get("/api/v1/events"),
          () -> server.post("/api/v1/monitors", "{ \"name\": \"New\", \"type\": \"tcp\", \"host\": \"localhost\", \"port\": 1 }"),
          () -> server.get("/healthz")).stream().map(call -> CompletableFuture.supplyAsync(call, clients)).toList();
    }
    for (CompletableFuture<Response> call : calls.subList(0, 4)) {
      Response r = call.join();
      assertThat(r.status()).as(r.toString()).isEqualTo(503);
      assertThat(r.json().get("status").asInt()).isEqualTo(503);
      assertThat(r.json().get("error").asText()).contains("database is unavailable");
    }
    Response health = calls.get(4).join();
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().get("status").asText()).isEqualTo("unhealthy");
    assertThat(health.json().at("/components/database/status").asText()).isEqualTo("unreachable");
    assertThat(server.get("/api/v1/status").status()).isEqualTo(200); // live status is in memory
    assertThat(server.get("/api/v1/monitors/db").status()).isEqualTo(200);

    proxy.restore();
    await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/api/v1/monitors/db/results").status() == 200);
    await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/healthz").status() == 200);
  }
}
