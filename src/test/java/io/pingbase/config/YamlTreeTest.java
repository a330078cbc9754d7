package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile or tricky YAML: limits, aliases, duplicate keys, merge keys, tags. */
class YamlTreeTest {
  private static final ConfigLoader LOADER = new ConfigLoader(name -> null, id -> false);

  private static List<String> errors(String yaml) {
    return ConfigErrorsTest.errors(LOADER, yaml);
  }

  /**
   * The classic billion laughs: 9 levels of 9 aliases, 9^9 values once expanded. Only 72 aliases,
   * so it composes in no time; the expansion limit stops it.
   */
  @Test
  @Timeout(5)
  void aliasBombIsRefusedQuickly() {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char level = 'b'; level <= 'i'; level++) {
      String previous = "*" + (char) (level - 1);
      yaml.append(level).append(": &").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
    }
    long started = System.nanoTime();
    assertThat(errors(yaml.toString())).containsExactly(
        "pingbase.yml: the document has more than 4000000 values once aliases are expanded; refused (an alias bomb, "
            + "or anchors reused far too often)");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  @Timeout(5)
  void tooManyAliasesAreRefusedWhileComposing() {
    String yaml = "x-a: &a [1]\nx-b: [" + String.join(", ", java.util.Collections.nCopies(1001, "*a")) + "]\n";
    assertThat(errors(yaml)).containsExactly(
        "pingbase.yml: more than 1000 aliases to maps or lists; refused (this limit stops alias bombs)");
  }

  /** Few aliases, each doubling: under the alias limit, but 2^25 values once expanded. */
  @Test
  @Timeout(10)
  void expansionBombUnderTheAliasLimitIsRefusedQuickly() {
    StringBuilder yaml = new StringBuilder("x-l0: &l0 [a, b]\n");
    for (int i = 1; i <= 25; i++) {
      yaml.append("x-l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
          .append(i - 1).append("]\n");
    }
    long started = System.nanoTime();
    assertThat(errors(yaml.toString())).containsExactly(
        "pingbase.yml: the document has more than 4000000 values once aliases are expanded; refused (an alias bomb, "
            + "or anchors reused far too often)");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @Timeout(5)
  void oversizeInputIsRefusedBeforeParsing() {
    String huge = "# " + "x".repeat(YamlTree.MAX_CODE_POINTS) + "\n";
    assertThat(errors(huge)).containsExactly(
        "pingbase.yml: larger than 32 MB; refused (a config file is far smaller; this limit stops a wrong or hostile "
            + "file from exhausting memory)");
  }

  @Test
  @Timeout(5)
  void oversizeFileIsRefusedBeforeReading(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("pingbase.yml");
    try (var out = java.nio.file.Files.newOutputStream(file)) {
      byte[] line = ("# " + "x".repeat(1021) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (int i = 0; i < 33 * 1024; i++) {
        out.write(line);
      }
    }
    assertThatThrownBy(() -> LOADER.load(file)).isInstanceOf(ConfigException.class)
        .hasMessage(file + ": is 34603008 bytes, larger than 32 MB; refused (a config file is far smaller; this limit "
            + "stops a wrong or hostile file from exhausting memory)");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "a: " + "[".repeat(60) + "]".repeat(60) + "\n";
    assertThat(errors(deep)).containsExactly("pingbase.yml: nested deeper than 50 levels; refused");
  }

  @Test
  void aliasesCannotBuildDepthPastTheLimitEither() {
    // Each anchor nests the previous one 40 levels deeper: every document level is within the limit.
    StringBuilder yaml = new StringBuilder("x-0: &d0 " + "[".repeat(40) + "]".repeat(40) + "\n");
    for (int i = 1; i <= 5; i++) {
      yaml.append("x-").append(i).append(": &d").append(i).append(' ').append("[".repeat(40))
          .append("*d").append(i - 1).append("]".repeat(40)).append('\n');
    }
    assertThat(errors(yaml.toString())).singleElement().asString()
        .contains("nested deeper than 100 levels once aliases are expanded; refused");
  }

  @Test
  void recursiveAliasIsRefused() {
    assertThat(errors("x-a: &a [1, *a]\n")).containsExactly(
        "pingbase.yml:1:6: x-a[1]: an alias refers to a map or list that contains it; recursive structures are not allowed");
  }

  @Test
  void duplicateKeysNameBothPositions() {
    assertThat(errors("server:\n  port: 1\n  port: 2\nserver: {}\n")).containsExactly(
        "pingbase.yml:3:3: server.port: duplicate key; first set at line 2, column 3",
        "pingbase.yml:4:1: server: duplicate key; first set at line 1, column 1");
  }

  @Test
  void mergeKeysLetWrittenKeysWin() throws Exception {
    String yaml = """
        x-base: &base { type: tcp, host: base.example, port: 22, interval: 10s }
        x-slow: &slow { interval: 5m, group: Slow }
        monitors:
          - <<: [*base, *slow]     # the first map to give a key wins
            name: A
          - <<: *base
            name: B
            port: 2222
        """;
    PingBaseConfig config = LOADER.parse(yaml, "p.yml");
    assertThat(config.monitors()).extracting(m -> m.target().display(), m -> m.interval(), m -> m.group())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tcp://base.example:22", Duration.ofSeconds(10), "Slow"),
            org.assertj.core.groups.Tuple.tuple("tcp://base.example:2222", Duration.ofSeconds(10), null));
    assertThatThrownBy(() -> LOADER.parse("x-a: { <<: 1 }", "p.yml"))
        .hasMessage("p.yml:1:12: x-a: << must be followed by a map or a list of maps (e.g. <<: *defaults)");
  }

  @Test
  void errorsInsideMergedMapsAreReportedWhereTheyAreUsed() {
    String yaml = """
        x-base: &base { type: tcp, port: 70000 }
        monitors:
          - { <<: *base, name: A, host: a }
        """;
    assertThat(errors(yaml)).containsExactly(
        "pingbase.yml:1:34: monitors[0].port: must be an integer 1-65535, was \"70000\"");
  }

  @Test
  void tagsNeverConstructObjects() {
    assertThat(errors("server: !!javax.script.ScriptEngineManager [x]\n")).singleElement().asString()
        .startsWith("pingbase.yml:1:9: invalid YAML: Global tag is not allowed");
    assertThat(errors("storage: { type: postgresql, url: 'jdbc:postgresql://db/x', password: !env PG }\n"))
        .containsExactly("pingbase.yml:1:71: storage.password: unsupported YAML tag !env; to read the environment "
            + "write ${VARIABLE}");
  }

  @Test
  void keysMustBeText() {
    assertThat(errors("? [a]\n: 1\n")).containsExactly("pingbase.yml:1:3: a key must be plain text, not a list");
  }

  @Test
  void standardTagsAreFine() throws Exception {
    assertThat(LOADER.parse("server: { port: !!str 8081 }", "p.yml").server().port()).isEqualTo(8081);
  }

  @Test
  void errorsCarryTheSourceName() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> LOADER.parse("a: [", "etc/pb.yml"));
    assertThat(e.errors()).singleElement().satisfies(error -> {
      assertThat(error.source()).isEqualTo("etc/pb.yml");
      assertThat(error.line()).isEqualTo(1);
      assertThat(error.path()).isEmpty();
    });
  }

  @Test
  void environmentValuesCannotInjectStructure() throws Exception {
    ConfigLoader loader = new ConfigLoader(
        Map.of("NAME", "x\nmonitors: []", "HOST", "{ a: 1 }")::get, id -> false);
    // A text key that takes any characters (names refuse control characters).
    PingBaseConfig config = loader.parse(
        "storage: { type: postgresql, url: 'jdbc:postgresql://db/pb', password: '${NAME}' }", "p.yml");
    assertThat(((StorageSettings.Postgresql) config.storage()).password()).isEqualTo("x\nmonitors: []");
    assertThat(config.monitors()).isEmpty();
    assertThat(ConfigErrorsTest.errors(loader, "monitors: [ { name: a, type: tcp, host: '${HOST}', port: 1 } ]"))
        .containsExactly("pingbase.yml:1:41: monitors[0].host: must not contain spaces, was \"{ a: 1 }\"");
  }
}
