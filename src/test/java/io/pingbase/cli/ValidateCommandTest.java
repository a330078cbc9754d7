package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir
  Path dir;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void aValidFileExits0WithASummary() throws IOException {
    Path file = write("ok.yml", """
        storage: { type: sqlite, path: ./data/pingbase.db }
        monitors:
          - { name: Postgres, type: tcp, host: 127.0.0.1, port: 5432 }
          - { name: Redis, type: tcp, host: localhost, port: 6379 }
        """);
    Cli.Run run = Cli.run("validate", file.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo(file + ": OK, 2 monitors, storage sqlite\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void theShippedExampleConfigIsValid() {
    Cli.Run run = Cli.run("validate", "pingbase.yml");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("pingbase.yml: OK, ");
  }

  @Test
  void everyErrorIsPrintedWithLineColumnAndKeyPath() throws IOException {
    Path file = write("bad.yml", """
        server:
          port: 70000
        monitors:
          - name: Postgres
            type: tcp
            host: 127.0.0.1
            port: 5432x
            timout: 2s
          - name: Redis
            type: udp
            host: localhost
            port: 6379
        """);
    Cli.Run run = Cli.run("validate", file.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(String.join("\n",
        file + ":2:9: server.port: must be an integer 0-65535, was \"70000\"",
        file + ":7:11: monitors[0].port: must be an integer 1-65535, was \"5432x\"",
        file + ":8:5: monitors[0].timout: unknown key; did you mean \"timeout\"?",
        file + ":10:11: monitors[1].type: unknown monitor type \"udp\" (supported: tcp, http, tls, dns, heartbeat)",
        file + ": 4 errors", ""));
  }

  @Test
  void aLargeBrokenFileReportsAllItsErrorsAtOnce() {
    String file = "src/test/resources/config/many-errors.yml";
    Cli.Run run = Cli.run("validate", file);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().toList()).hasSize(25)
        .contains(file + ":6:9: storage.type: unknown storage type \"postgres\"; did you mean \"postgresql\"? "
            + "(supported: sqlite, postgresql)")
        .last().isEqualTo(file + ": 24 errors");
    assertThat(run.err().lines().limit(24)).allMatch(l -> l.matches("\\Q" + file + "\\E:\\d+:\\d+: \\S+: .+"));
  }

  @Test
  void oneErrorIsSingular() throws IOException {
    Path file = write("one.yml", "server: { port: -1 }\n");
    Cli.Run run = Cli.run("validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).endsWith(file + ": 1 error\n");
  }

  @Test
  void aFileThatIsNotThereIsAUsageError() {
    Path missing = dir.resolve("nope.yml");
    Cli.Run run = Cli.run("validate", missing.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("pingbase validate: " + missing + ": no such file\n");
  }

  @Test
  void aDirectoryIsAUsageError() {
    Cli.Run run = Cli.run("validate", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("pingbase validate: " + dir + ": is a directory, not a config file\n");
  }

  @Test
  void aFileThatIsNotYamlTextIsInvalidNotMissing() throws IOException {
    Path file = Files.write(dir.resolve("binary.yml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    Cli.Run run = Cli.run("validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(file + ": is not valid UTF-8 text\n" + file + ": 1 error\n");
  }

  @Test
  void missingFileArgument() {
    Cli.Run run = Cli.run("validate");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("pingbase validate: Missing required parameter: 'FILE'\n");
  }
}
