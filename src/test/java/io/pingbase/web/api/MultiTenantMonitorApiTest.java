package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In multi-tenant mode a monitor whose target can never be checked (an IP literal of a refused
 * range, localhost) is refused when it is created or changed, naming the field; a name is judged
 * when it is dialled, so one that resolves to loopback is created and then DOWN with BLOCKED.
 * Nothing here is dialled but loopback, and only after the policy allowed it.
 */
class MultiTenantMonitorApiTest {
  @TempDir
  Path dir;

  static String tcp(String name, String host) {
    return "{\"name\":\"" + name + "\",\"type\":\"tcp\",\"host\":\"" + host + "\",\"port\":9,\"interval\":\"1h\"}";
  }

  @Test
  void targetsTheServerMayNeverReachAreRefusedAtOnce() {
    try (TestServer server = TestServer.start(dir, "network: { targets: multi-tenant }\n", InstantSource.system())) {
      for (String host : new String[] {"127.0.0.1", "::1", "localhost", "db.localhost", "169.254.169.254", "0.0.0.0"}) {
        Response r = server.post("/api/v1/monitors", tcp("T", host));
        assertThat(r.status()).as(host + ": " + r).isEqualTo(400);
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("host");
        assertThat(r.json().at("/errors/0/message").asText()).contains("not allowed by network.targets: multi-tenant");
      }
      Response url = server.post("/api/v1/monitors",
          "{\"name\":\"U\",\"type\":\"http\",\"url\":\"http://[::1]:9/health\",\"interval\":\"1h\"}");
      assertThat(url.status()).isEqualTo(400);
      assertThat(url.json().at("/errors/0/field").asText()).isEqualTo("url");
      Response dns = server.post("/api/v1/monitors",
          "{\"name\":\"D\",\"type\":\"dns\",\"query\":\"example.test\",\"server\":\"127.0.0.1\",\"interval\":\"1h\"}");
      assertThat(dns.status()).isEqualTo(400);
      assertThat(dns.json().at("/errors/0/field").asText()).isEqualTo("server");

      // A name is judged where it is dialled: pingbase-test-a is 127.0.0.2 in the tests' hosts file.
      assertThat(server.post("/api/v1/monitors", tcp("Named", "pingbase-test-a")).status()).isEqualTo(201);
      server.post("/api/v1/monitors/named/check", "{}");
      await().atMost(Duration.ofSeconds(20)).until(() ->
          "BLOCKED".equals(server.get("/api/v1/monitors/named").json().at("/last-check/reason").asText()));
      Response changed = server.put("/api/v1/monitors/named", tcp("Named", "127.0.0.2"));
      assertThat(changed.status()).as("a change is judged too").isEqualTo(400);
      Response caFile = server.post("/api/v1/monitors", "{\"name\":\"C\",\"type\":\"tls\",\"host\":\"pingbase-test-a\","
          + "\"port\":443,\"ca-file\":\"/etc/passwd\",\"interval\":\"1h\"}");
      assertThat(caFile.status()).isEqualTo(400);
      assertThat(caFile.json().at("/errors/0/field").asText()).isEqualTo("ca-file");
    }
  }

  @Test
  void theAllowListLetsATargetThrough() {
    try (TestServer server = TestServer.start(dir, "network: { targets: multi-tenant, allow: [127.0.0.1] }\n",
        InstantSource.system())) {
      assertThat(server.post("/api/v1/monitors", tcp("Allowed", "127.0.0.1")).status()).isEqualTo(201);
      assertThat(server.post("/api/v1/monitors", tcp("Other", "127.0.0.2")).status()).isEqualTo(400);
    }
  }
}
