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

  /** The tree of a document that must parse without any problem. */
  private static ConfigNode tree(String yaml) {
    Problems problems = new Problems("pingbase.yml");
    ConfigNode root = YamlTree.parse(yaml, "pingbase.yml", name -> null, problems);
    assertThat(problems.sorted()).isEmpty();
    return root;
  }

  /** The value at a key path such as {@code x-all[1].port}. */
  private static ConfigNode at(ConfigNode root, String path) {
    ConfigNode node = root;
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      String key = bracket < 0 ? part : part.substring(0, bracket);
      node = ((ConfigMap) node).entry(key).value();
      if (bracket >= 0) {
        node = ((ConfigList) node).items().get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
      }
    }
    return node;
  }

  private static String text(ConfigNode root, String path) {
    return ((ConfigScalar) at(root, path)).text();
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

  @Test
  void aliasesToScalarsMapsAndListsShareTheAnchoredNode() throws Exception {
    String yaml = """
        x-port: &port 5432
        x-target: &target { type: tcp, host: db }
        x-all: &all
          - { name: A, <<: *target, port: *port }
          - { name: B, <<: *target, port: *port, confirmation: &strict { rechecks: 0 } }
          - { name: C, <<: *target, port: 1, confirmation: *strict }
        monitors: *all
        """;
    ConfigNode root = tree(yaml);
    // Shared, not copied: the tree is immutable, and a copy per alias is what made alias bombs cheap to write.
    assertThat(at(root, "monitors")).isSameAs(at(root, "x-all"));
    assertThat(at(root, "x-all[0].port")).isSameAs(at(root, "x-port")).isSameAs(at(root, "x-all[1].port"));
    assertThat(at(root, "x-all[2].confirmation")).isSameAs(at(root, "x-all[1].confirmation"));
    assertThat(at(root, "x-all[0].host")).isSameAs(at(root, "x-target.host"));

    PingBaseConfig config = LOADER.parse(yaml, "p.yml");
    assertThat(config.monitors()).extracting(m -> m.id(), m -> m.target().display(), m -> m.confirmation().rechecks())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "tcp://db:5432", 2),
            org.assertj.core.groups.Tuple.tuple("b", "tcp://db:5432", 0),
            org.assertj.core.groups.Tuple.tuple("c", "tcp://db:1", 0));
  }

  @Test
  void mergeKeysTakeMapsInlineAliasedOrFromAnAliasedList() {
    ConfigNode root = tree("""
        x-a: &a { k: a, only-a: 1 }
        x-b: &b { k: b, only-b: 2 }
        x-both: &both [*a, *b]
        inline: { <<: { k: inline }, own: 0 }
        listed: { <<: [*b, *a] }
        aliased-list: { <<: *both }
        written-first: { k: mine, <<: *a }
        nested: { <<: &c { <<: *b, k: c } }
        empty: { <<: [] }
        """);
    assertThat(text(root, "inline.k")).isEqualTo("inline");
    assertThat(((ConfigMap) at(root, "inline")).entries()).extracting(ConfigMap.Entry::key).containsExactly("own", "k");
    assertThat(text(root, "listed.k")).isEqualTo("b"); // the first map to give a key wins
    assertThat(text(root, "listed.only-a")).isEqualTo("1");
    assertThat(text(root, "aliased-list.k")).isEqualTo("a");
    assertThat(text(root, "aliased-list.only-b")).isEqualTo("2");
    assertThat(text(root, "written-first.k")).isEqualTo("mine"); // written keys win wherever << stands
    assertThat(text(root, "nested.k")).isEqualTo("c");
    assertThat(text(root, "nested.only-b")).isEqualTo("2");
    assertThat(((ConfigMap) at(root, "empty")).entries()).isEmpty();
  }

  @Test
  void mergeOfSomethingOtherThanMapsIsAnErrorAtThatThing() {
    assertThat(errors("""
        x-list: &list [1]
        x-a: { <<: [{ k: 1 }, 2] }
        x-b: { <<: *list }
        x-c: {
          <<: [
            *list ] }
        """)).containsExactly(
        // a list named by an alias inside the merge list: where the list starts (at its anchor)
        "pingbase.yml:1:9: x-c: << must be followed by a map or a list of maps (e.g. <<: *defaults)",
        // the items of an aliased merge list are its sources: where the item is
        "pingbase.yml:1:16: x-b: << must be followed by a map or a list of maps (e.g. <<: *defaults)",
        "pingbase.yml:2:23: x-a: << must be followed by a map or a list of maps (e.g. <<: *defaults)");
  }

  @Test
  void aRedefinedAnchorNamesTheLatestDefinition() {
    ConfigNode root = tree("""
        x-a: &p 1
        x-b: *p
        x-c: &p 2
        x-d: *p
        x-e: &p [&p 3, *p]
        x-f: *p
        """);
    assertThat(text(root, "x-b")).isEqualTo("1"); // an alias before the new definition keeps the old one
    assertThat(text(root, "x-d")).isEqualTo("2");
    // YAML anchors are read in order: the inner &p replaces the outer one before *p is read, so the
    // list is [3, 3] and not recursive, and &p still names 3 afterwards.
    assertThat(((ConfigList) at(root, "x-e")).items()).extracting(node -> ((ConfigScalar) node).text())
        .containsExactly("3", "3");
    assertThat(text(root, "x-f")).isEqualTo("3");
  }

  @Test
  void anAliasToAnUndefinedAnchorIsAnErrorAtTheAlias() {
    assertThat(errors("monitors:\n  - name: a\n    port: *nope\n")).containsExactly(
        "pingbase.yml:3:11: invalid YAML: found undefined alias nope (an anchor &nope must come before the aliases "
            + "*nope that use it)");
    // An anchor defined further down is not defined yet: YAML reads anchors in order.
    assertThat(errors("x-b: { port: *later }\nx-a: &later 1\n")).singleElement().asString()
        .startsWith("pingbase.yml:1:14: invalid YAML: found undefined alias later");
  }

  @Test
  void duplicateKeysAreFoundAtAnyDepthAndInLargeMaps() {
    String many = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "k" + i + ": " + i)
        .collect(java.util.stream.Collectors.joining(", "));
    assertThat(errors("""
        monitors:
          - name: a
            type: tcp
            host: h
            port: 1
            confirmation:
              rechecks: 1
              spacing: 1s
              rechecks: 2
          - { name: b, type: tcp, host: h, port: 1, port: 2 }
        x-many: { %s, k3: again }
        """.formatted(many))).containsExactly(
        "pingbase.yml:9:7: monitors[0].confirmation.rechecks: duplicate key; first set at line 7, column 7",
        "pingbase.yml:10:45: monitors[1].port: duplicate key; first set at line 10, column 36",
        "pingbase.yml:11:171: x-many.k3: duplicate key; first set at line 11, column 32");
  }

  @Test
  void errorsInMultiLineFlowCollectionsPointAtTheValue() {
    assertThat(errors("""
        monitors: [
          { name: A, type: tcp,
            host: db, port: 70000 },
          {
            name: B,
            type: tcp, host: "a b",
            port: 1, timout: 1s
          }
        ]
        """)).containsExactly(
        "pingbase.yml:3:21: monitors[0].port: must be an integer 1-65535, was \"70000\"",
        "pingbase.yml:6:22: monitors[1].host: must not contain spaces, was \"a b\"",
        "pingbase.yml:7:14: monitors[1].timout: unknown key; did you mean \"timeout\"?");
  }

  @Test
  void errorsInBlockScalarsPointAtTheIndicatorAndLinesAfterThemStayRight() {
    assertThat(errors("""
        monitors:
          - name: |
              two
              lines
            type: tcp
            host: db
            port: x
          - name: ok
            type: tcp
            host: db
            port: 1
            group: >
              folded
              text
            interval: 5 s
        """)).containsExactly(
        "pingbase.yml:2:11: monitors[0].name: must not contain control characters, found U+000A at position 3",
        "pingbase.yml:7:11: monitors[0].port: must be an integer 1-65535, was \"x\"",
        "pingbase.yml:12:12: monitors[1].group: must not contain control characters, found U+000A at position 11",
        "pingbase.yml:15:15: monitors[1].interval: missing unit before \" s\" in \"5 s\"; write e.g. 5s "
            + "(units: ms, s, m, h or d)");
  }

  /**
   * The limits count what they counted when SnakeYAML composed the whole document and every alias
   * was copied out; pinned at each boundary, so that counting aliases without copying them stays
   * exactly as strict.
   */
  @Test
  @Timeout(10)
  void limitsHoldExactlyAtTheirBoundaries() throws Exception {
    // Values once expanded: 1 (the root) + 5,000 (x-a) + 1 + 790 * 5,000 (x-b) + 1 + pad (x-pad).
    java.util.function.IntFunction<String> expanded = pad -> "x-a: &a " + flowList("a", 4_999) + "\nx-b: "
        + flowList("*a", 790) + "\nx-pad: " + flowList("p", pad) + "\n";
    assertThat(LOADER.parse(expanded.apply(44_997), "p.yml")).isEqualTo(PingBaseConfig.DEFAULT); // 4,000,000
    assertThat(errors(expanded.apply(44_998))).singleElement().asString()
        .contains("the document has more than 4000000 values once aliases are expanded");

    // Depth once expanded: d0 is 40 lists at depths 1-40; d1 puts it under 40 more (down to 80); x-2
    // puts d1 under another `wrap` lists, so its deepest list is at 80 + wrap.
    java.util.function.IntFunction<String> deep = wrap -> "x-0: &d0 " + "[".repeat(40) + "]".repeat(40)
        + "\nx-1: &d1 " + "[".repeat(40) + "*d0" + "]".repeat(40)
        + "\nx-2: " + "[".repeat(wrap) + "*d1" + "]".repeat(wrap) + "\n";
    assertThat(LOADER.parse(deep.apply(20), "p.yml")).isEqualTo(PingBaseConfig.DEFAULT);
    assertThat(errors(deep.apply(21))).singleElement().asString()
        .isEqualTo("pingbase.yml:3:27: x-2" + "[0]".repeat(21) // at the alias that goes too deep
            + ": nested deeper than 100 levels once aliases are expanded; refused");

    // Nesting as written: 50 lists inside the root map, not 51.
    java.util.function.IntFunction<String> nested = levels -> "x-a: " + "[".repeat(levels) + "]".repeat(levels) + "\n";
    assertThat(LOADER.parse(nested.apply(50), "p.yml")).isEqualTo(PingBaseConfig.DEFAULT);
    assertThat(errors(nested.apply(51))).containsExactly("pingbase.yml: nested deeper than 50 levels; refused");

    // Aliases to maps or lists: 1,000, not 1,001 (see tooManyAliasesAreRefusedWhileComposing).
    assertThat(LOADER.parse("x-a: &a [1]\nx-b: " + flowList("*a", 1_000) + "\n", "p.yml"))
        .isEqualTo(PingBaseConfig.DEFAULT);
  }

  private static String flowList(String item, int count) {
    return "[" + String.join(", ", java.util.Collections.nCopies(count, item)) + "]";
  }
}
