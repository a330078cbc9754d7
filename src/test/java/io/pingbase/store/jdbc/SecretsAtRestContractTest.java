package io.pingbase.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.monitor.Monitor;
import io.pingbase.store.SecretBox;
import io.pingbase.store.StoreException;
import io.pingbase.testing.SettableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Channel secrets, monitor credentials and TOTP seeds at rest, against every database: with a key the raw
 * columns never hold them; values written without a key still read and are encrypted on the next
 * save; a wrong or missing key stops the start naming what cannot be decrypted, never the value.
 */
abstract class SecretsAtRestContractTest {
  static final String PASSWORD = "monitor-pass-Zq81";
  static final String BEARER = "bearer-tok-Wm42";
  static final String HEADER_KEY = "x-api-key-Pd77";
  static final String BOT_TOKEN = "123456:bot-secret-Hx93";
  static final String HOOK_HEADER = "Bearer hook-header-Kj55";
  static final String TOTP = "JBSWY3DPEHPK3PXPTOTPSEED";

  final SettableClock clock = new SettableClock(Instant.parse("2025-03-10T00:00:00Z"));
  final List<JdbcStore> opened = new ArrayList<>();

  abstract JdbcStore open(InstantSource clock, SecretBox box);

  abstract Connection rawConnection() throws SQLException;

  abstract void cleanUp();

  @AfterEach
  void closeAll() {
    try {
      opened.forEach(JdbcStore::close);
    } finally {
      cleanUp();
    }
  }

  JdbcStore store(SecretBox box) {
    JdbcStore s = open(clock, box);
    opened.add(s);
    return s;
  }

  static SecretBox key(int seed) {
    byte[] k = new byte[32];
    new Random(seed).nextBytes(k);
    return SecretBox.of(k, "test key " + seed);
  }

  static Monitor basicAuth(String id) {
    return MonitorJson.monitor(id, "Web " + id, null, "api", """
        {"id":"%s","name":"Web %s","type":"http","url":"http://127.0.0.1:9/","interval":"1m","timeout":"5s",
         "basic-auth":{"username":"ops","password":"%s"},
         "headers":{"X-Api-Key":"%s","Accept":"text/plain"}}""".formatted(id, id, PASSWORD, HEADER_KEY));
  }

  static Monitor bearer(String id) {
    return MonitorJson.monitor(id, "Api " + id, null, "api", """
        {"id":"%s","name":"Api %s","type":"http","url":"http://127.0.0.1:9/","interval":"1m","timeout":"5s",
         "bearer-token":"%s"}""".formatted(id, id, BEARER));
  }

  static final String TELEGRAM = """
      {"name":"ops","type":"telegram","bot-token":"%s","chat-id":"42"}""".formatted(BOT_TOKEN);
  static final String WEBHOOK = """
      {"name":"hook","type":"webhook","url":"http://127.0.0.1:9/h","headers":{"Authorization":"%s"}}"""
      .formatted(HOOK_HEADER);

  String raw() throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = rawConnection(); Statement st = c.createStatement()) {
      for (String sql : List.of("SELECT spec FROM monitor", "SELECT spec FROM channel",
          "SELECT totp_secret FROM app_user")) {
        try (var rs = st.executeQuery(sql)) {
          while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  void saveAll(JdbcStore s) {
    s.monitors().save(basicAuth("web"));
    s.monitors().save(bearer("api"));
    s.channels().save("ops", TELEGRAM);
    s.channels().save("hook", WEBHOOK);
    var user = s.accounts().userByEmail("ops@example.com")
        .orElseGet(() -> s.accounts().createUser("ops@example.com", "Ops", "hash", clock.instant()));
    s.accounts().setTotp(user.id(), TOTP);
  }

  void assertReadsBack(JdbcStore s) {
    assertThat(s.monitors().find("web").orElseThrow().monitor()).isEqualTo(basicAuth("web"));
    assertThat(s.monitors().find("api").orElseThrow().monitor()).isEqualTo(bearer("api"));
    assertThat(s.monitors().list()).hasSize(2);
    String channels = s.channels().list().toString();
    assertThat(channels).contains(BOT_TOKEN, HOOK_HEADER).doesNotContain("enc:v1:");
    assertThat(s.accounts().userByEmail("ops@example.com").orElseThrow().totpSecret()).isEqualTo(TOTP);
  }

  @Test
  void withAKeyTheRawColumnsNeverHoldTheSecrets() throws SQLException {
    JdbcStore s = store(key(1));
    saveAll(s);
    String raw = raw();
    assertThat(raw).doesNotContain(PASSWORD, BEARER, HEADER_KEY, BOT_TOKEN, HOOK_HEADER, TOTP)
        .contains("enc:v1:", "\"Accept\":\"text/plain\"", "\"username\":\"ops\"", "\"chat-id\":\"42\"");
    assertReadsBack(s);
  }

  @Test
  void withoutAKeyValuesStayPlainAsBefore() throws SQLException {
    JdbcStore s = store(SecretBox.NONE);
    saveAll(s);
    assertThat(raw()).contains(PASSWORD, BEARER, BOT_TOKEN, TOTP).doesNotContain("enc:v1:");
    assertReadsBack(s);
  }

  @Test
  void plainValuesStillReadOnceAKeyIsSetAndAreEncryptedOnTheNextSave() throws SQLException {
    JdbcStore plain = store(SecretBox.NONE);
    saveAll(plain);
    plain.close();
    opened.remove(plain);

    JdbcStore keyed = store(key(1));
    assertReadsBack(keyed);
    assertThat(raw()).contains(PASSWORD, BOT_TOKEN);
    saveAll(keyed);
    assertThat(raw()).doesNotContain(PASSWORD, BEARER, HEADER_KEY, BOT_TOKEN, HOOK_HEADER, TOTP);
    assertReadsBack(keyed);
  }

  @Test
  void aWrongKeyStopsTheStartNamingWhatCannotBeDecryptedButNotTheValue() {
    JdbcStore s = store(key(1));
    saveAll(s);
    s.close();
    opened.remove(s);

    assertThatThrownBy(() -> store(key(2)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("stored secrets cannot be decrypted")
        .hasMessageContaining("monitor 'web' key 'basic-auth.password'")
        .hasMessageContaining("monitor 'api' key 'bearer-token'")
        .hasMessageContaining("channel 'ops' key 'bot-token'")
        .hasMessageContaining("user 1 totp-secret")
        .hasMessageContaining("test key 2")
        .message().doesNotContain(PASSWORD, BEARER, HEADER_KEY, BOT_TOKEN, HOOK_HEADER, TOTP, "enc:v1:");
    assertThatThrownBy(() -> store(SecretBox.NONE))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("channel 'hook' key 'headers' 'Authorization' is encrypted, but no key is set");
    assertReadsBack(store(key(1)));
  }
}
