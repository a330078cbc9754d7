package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.check.Target;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Map<String, String> ENV = Map.of("PG_PASSWORD", "s3cret");
  private final ConfigLoader loader = new ConfigLoader(ENV::get, id -> false);

  static String resource(String name) throws IOException {
    try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsAFullFile() throws Exception {
    PingBaseConfig config = loader.parse(resource("full.yml"), "full.yml");

    assertThat(config.server()).isEqualTo(new ServerSettings("0.0.0.0", 9090));
    assertThat(config.storage()).isEqualTo(new StorageSettings.Postgresql(
        "jdbc:postgresql://db.internal:5432/pingbase", "pingbase", "s3cret", 4, 50_000));
    assertThat(config.retention()).isEqualTo(new RetentionSettings(Duration.ofDays(14), Duration.ofDays(730)));
    assertThat(config.checks()).isEqualTo(new CheckSettings(256, 8, 4));
    assertThat(config.defaults()).isEqualTo(new MonitorDefaults(
        Duration.ofSeconds(30), Duration.ofSeconds(5), new ConfirmationPolicy(3, Duration.ofSeconds(2))));

    assertThat(config.monitors()).containsExactly(
        new Monitor("postgres-primary", "Postgres primary", new Target.Tcp("127.0.0.1", 5432),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(500), "Infrastructure",
            new ConfirmationPolicy(2, Duration.ofSeconds(1)), MonitorSource.FILE),
        // id from the name; brackets dropped; port from ${REDIS_PORT:-6379}; everything else from defaults
        new Monitor("redis-cache", "Redis cache", new Target.Tcp("::1", 6379),
            Duration.ofSeconds(30), Duration.ofSeconds(5), null, null,
            new ConfirmationPolicy(3, Duration.ofSeconds(2)), MonitorSource.FILE),
        // merged from x-fast-tcp, interval written in the monitor wins; timeout = min(default 5s, 2s);
        // rechecks set, spacing from defaults
        new Monitor("mail", "Mail", new Target.Tcp("mail.example.com", 25),
            Duration.ofSeconds(2), Duration.ofSeconds(2), null, "Edge",
            new ConfirmationPolicy(0, Duration.ofSeconds(2)), MonitorSource.FILE));
  }

  @Test
  void passwordIsNotShownInToString() throws Exception {
    PingBaseConfig config = loader.parse(resource("full.yml"), "full.yml");
    assertThat(config.toString()).doesNotContain("s3cret").contains("password=***");
  }

  @Test
  void emptyFileMeansDefaults() throws Exception {
    assertThat(loader.parse("", "pingbase.yml")).isEqualTo(PingBaseConfig.DEFAULT);
    assertThat(loader.parse("# nothing yet\n", "pingbase.yml")).isEqualTo(PingBaseConfig.DEFAULT);
    assertThat(loader.parse("---\n", "pingbase.yml")).isEqualTo(PingBaseConfig.DEFAULT);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    PingBaseConfig d = PingBaseConfig.DEFAULT;
    assertThat(d.server()).isEqualTo(new ServerSettings("127.0.0.1", 8080));
    assertThat(d.storage()).isEqualTo(new StorageSettings.Sqlite(Path.of("./data/pingbase.db"), 100_000));
    assertThat(d.retention()).isEqualTo(new RetentionSettings(Duration.ofDays(30), Duration.ofDays(400)));
    assertThat(d.checks()).isEqualTo(new CheckSettings(1024, 16, 16));
    assertThat(d.defaults()).isEqualTo(new MonitorDefaults(
        Duration.ofSeconds(60), Duration.ofSeconds(10), new ConfirmationPolicy(2, Duration.ofSeconds(1))));
  }

  @Test
  void fileWithoutMonitorsIsValid() throws Exception {
    PingBaseConfig config = loader.parse("server: { port: 8081 }\nmonitors:\n", "pingbase.yml");
    assertThat(config.monitors()).isEmpty();
    assertThat(config.server().port()).isEqualTo(8081);
    assertThat(loader.parse("monitors: []", "pingbase.yml").monitors()).isEmpty();
  }

  @Test
  void sqliteStorage() throws Exception {
    PingBaseConfig config = loader.parse("storage: { type: sqlite, path: /var/lib/pingbase/pb.db, buffer: 10 }", "p.yml");
    assertThat(config.storage()).isEqualTo(new StorageSettings.Sqlite(Path.of("/var/lib/pingbase/pb.db"), 10));
    assertThat(loader.parse("storage: { path: x.db }", "p.yml").storage())
        .isEqualTo(new StorageSettings.Sqlite(Path.of("x.db"), 100_000));
  }

  @Test
  void postgresqlWithDefaults() throws Exception {
    PingBaseConfig config = loader.parse("storage: { type: postgresql, url: 'jdbc:postgresql://localhost/pb' }", "p.yml");
    assertThat(config.storage()).isEqualTo(
        new StorageSettings.Postgresql("jdbc:postgresql://localhost/pb", null, null, 8, 100_000));
  }

  @Test
  void monitorTimeoutDefaultsToTheShorterOfDefaultAndInterval() throws Exception {
    String yaml = """
        monitors:
          - { name: a, type: tcp, host: a.example, port: 1, interval: 3s }
          - { name: b, type: tcp, host: b.example, port: 1, interval: 5m }
        """;
    PingBaseConfig config = loader.parse(yaml, "p.yml");
    assertThat(config.monitors()).extracting(Monitor::timeout)
        .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(10));
  }

  @Test
  void hostForms() throws Exception {
    String yaml = """
        monitors:
          - { name: v4, type: tcp, host: 10.0.0.1, port: 1 }
          - { name: v6, type: tcp, host: "2001:db8::1", port: 1 }
          - { name: v6b, type: tcp, host: "[fe80::1%eth0]", port: 1 }
          - { name: name, type: tcp, host: db-1.internal., port: 1 }
          - { name: underscore, type: tcp, host: my_service, port: 1 }
        """;
    assertThat(loader.parse(yaml, "p.yml").monitors()).extracting(m -> m.target().host())
        .containsExactly("10.0.0.1", "2001:db8::1", "fe80::1%eth0", "db-1.internal.", "my_service");
  }

  @Test
  void quotedAndPlainNumbersAreTheSame() throws Exception {
    String yaml = "monitors: [ { name: a, type: tcp, host: h, port: '22' } ]";
    assertThat(((Target.Tcp) loader.parse(yaml, "p.yml").monitors().getFirst().target()).port()).isEqualTo(22);
  }

  @Test
  void loadsFromAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pingbase.yml");
    Files.writeString(file, "server:\n  port: 80800\n");
    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":2:9: server.port: must be an integer 0-65535, was \"80800\"");

    Files.writeString(file, "server:\n  port: 8081\n");
    assertThat(loader.load(file).server().port()).isEqualTo(8081);
  }

  @Test
  void missingFileAndDirectoryAreClearErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.yml")))
        .hasMessage(dir.resolve("nope.yml") + ": file not found");
    assertThatThrownBy(() -> loader.load(dir)).hasMessage(dir + ": is a directory, not a file");
  }

  @Test
  void invalidUtf8IsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pingbase.yml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});
    assertThatThrownBy(() -> loader.load(file)).hasMessageEndingWith("is not valid UTF-8 text");
    // far into the file (the check goes in steps), and a sequence cut off at the very end
    byte[] late = ("# " + "x".repeat(50_000) + "\n?").getBytes(StandardCharsets.US_ASCII);
    late[late.length - 1] = (byte) 0xFF; // never valid in UTF-8
    Files.write(file, late);
    assertThatThrownBy(() -> loader.load(file)).hasMessage(file + ": is not valid UTF-8 text");
    late[late.length - 1] = (byte) 0xC3; // the first byte of a two-byte character
    Files.write(file, late);
    assertThatThrownBy(() -> loader.loadWithHash(file)).hasMessage(file + ": is not valid UTF-8 text");
  }

  @Test
  void multiByteCharactersAcrossALongFileAreRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pingbase.yml");
    Files.writeString(file, ("# Zürich, 東京, 🙂\n").repeat(5_000)
        + "monitors: [ { name: Zürich 東京 🙂, type: tcp, host: h, port: 1 } ]\n");
    assertThat(loader.load(file).monitors().getFirst().name()).isEqualTo("Zürich 東京 🙂");
  }

  @Test
  void loadWithHashGivesTheConfigAndTheSha256OfTheBytesRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pingbase.yml");
    Files.writeString(file, "server: { port: 8081 }\nmonitors: [ { name: Zürich, type: tcp, host: h, port: 1 } ]\n");
    LoadedConfig loaded = loader.loadWithHash(file);
    assertThat(loaded.config()).isEqualTo(loader.load(file));
    String expected = java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    assertThat(loaded.sha256()).isEqualTo(expected); // what sha256sum prints

    Files.writeString(file, "server: { port: x }\n");
    assertThatThrownBy(() -> loader.loadWithHash(file))
        .hasMessage(file + ":1:17: server.port: must be an integer 0-65535, was \"x\"");
    assertThatThrownBy(() -> new LoadedConfig(PingBaseConfig.DEFAULT, "abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void byteOrderMarkIsAccepted() throws Exception {
    assertThat(loader.parse("\uFEFFserver: { port: 1 }", "p.yml").server().port()).isEqualTo(1);
  }
}
