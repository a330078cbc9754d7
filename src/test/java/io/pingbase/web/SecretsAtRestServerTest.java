package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.app.PingBase;
import io.pingbase.store.SecretBox;
import io.pingbase.store.StoreException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server with a key: secrets sent through the API are stored encrypted, work after a
 * restart with the same key, and a restart with another key stops with a start-up error that
 * names what cannot be decrypted and never the value.
 */
class SecretsAtRestServerTest {
  static final String BOT_TOKEN = "123456:server-bot-secret-Qy71";
  static final String BEARER = "server-bearer-Lm38";

  @TempDir
  Path dir;

  PingBase start(SecretBox box) {
    String yaml = "storage: { type: sqlite, path: \"%s\" }\n".formatted(dir.resolve("pingbase.db").toString().replace("\\", "/"));
    return PingBase.start(TestServer.config(yaml, ""), null, new PingBase.Overrides(0, null, box, io.pingbase.testing.TestAccounts.OWNER), InstantSource.system());
  }

  static SecretBox key(int b) {
    byte[] k = new byte[32];
    k[0] = (byte) b;
    return SecretBox.of(k, "test key " + b);
  }

  static HttpResponse<String> send(PingBase app, String method, String path, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
          .header("Content-Type", "application/json").header("Authorization", io.pingbase.testing.TestAccounts.bearer())
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  String rawSpecs() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("pingbase.db"));
         Statement st = c.createStatement()) {
      for (String sql : new String[] {"SELECT spec FROM channel", "SELECT spec FROM monitor"}) {
        try (ResultSet rs = st.executeQuery(sql)) {
          while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  @Test
  void secretsSentThroughTheApiAreEncryptedAndAWrongKeyStopsTheStart() throws Exception {
    try (PingBase app = start(key(1))) {
      assertThat(send(app, "POST", "/api/v1/channels", """
          {"name":"ops","type":"telegram","bot-token":"%s","chat-id":"42"}""".formatted(BOT_TOKEN)).statusCode())
          .isEqualTo(201);
      assertThat(send(app, "POST", "/api/v1/monitors", """
          {"id":"api","name":"API","type":"http","url":"http://127.0.0.1:9/","interval":"1h","bearer-token":"%s"}"""
          .formatted(BEARER)).statusCode()).isEqualTo(201);
      assertThat(send(app, "GET", "/api/v1/channels/ops", null).body()).doesNotContain(BOT_TOKEN);
    }
    assertThat(rawSpecs()).contains("enc:v1:").doesNotContain(BOT_TOKEN, BEARER);

    assertThatThrownBy(() -> start(key(2)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("channel 'ops' key 'bot-token'")
        .hasMessageContaining("monitor 'api' key 'bearer-token'")
        .message().doesNotContain(BOT_TOKEN, BEARER);

    try (PingBase app = start(key(1))) {
      assertThat(app.alerting().settings().channel("ops")).isPresent();
      assertThat(app.registry().get("api").orElseThrow().monitor().target().toString()).doesNotContain("enc:v1:");
    }
    assertThat(Files.exists(dir.resolve("pingbase.db"))).isTrue();
  }
}
