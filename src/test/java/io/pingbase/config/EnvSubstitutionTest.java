package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {
  private static final Function<String, String> ENV = Map.of("HOST", "db.internal", "EMPTY", "", "PORT", "5432")::get;

  private static String apply(String text) {
    return EnvSubstitution.apply(text, ENV);
  }

  @Test
  void replacesVariables() {
    assertThat(apply("${HOST}")).isEqualTo("db.internal");
    assertThat(apply("jdbc:postgresql://${HOST}:${PORT}/pb")).isEqualTo("jdbc:postgresql://db.internal:5432/pb");
    assertThat(apply("no variables, $5 and $HOST stay")).isEqualTo("no variables, $5 and $HOST stay");
  }

  @Test
  void defaultsApplyWhenUnsetOrEmpty() {
    assertThat(apply("${MISSING:-fallback}")).isEqualTo("fallback");
    assertThat(apply("${EMPTY:-fallback}")).isEqualTo("fallback");
    assertThat(apply("${HOST:-fallback}")).isEqualTo("db.internal");
    assertThat(apply("${MISSING:-}")).isEmpty();
    assertThat(apply("${MISSING:-a:-b}")).isEqualTo("a:-b");
    assertThat(apply("${EMPTY}")).isEmpty();
  }

  @Test
  void doubleDollarEscapes() {
    assertThat(apply("$${HOST}")).isEqualTo("${HOST}");
    assertThat(apply("a$$${HOST}")).isEqualTo("a$${HOST}"); // "$" then the escape "$${"
    assertThat(apply("$$")).isEqualTo("$$");
  }

  @Test
  void valuesAreNotScannedAgain() {
    assertThat(EnvSubstitution.apply("${P}", Map.of("P", "pa${ss}")::get)).isEqualTo("pa${ss}");
  }

  @Test
  void unsetVariableWithoutDefaultIsAnError() {
    assertThatThrownBy(() -> apply("${PG_PASSWORD}"))
        .hasMessage("environment variable PG_PASSWORD is not set (write ${PG_PASSWORD:-default} to give a default)");
  }

  @Test
  void malformedReferencesAreErrors() {
    assertThatThrownBy(() -> apply("${HOST")).hasMessage("unterminated \"${\" in \"${HOST\" (write $${ for a literal ${)");
    assertThatThrownBy(() -> apply("${1X}")).hasMessageStartingWith("invalid environment variable name \"1X\"");
    assertThatThrownBy(() -> apply("${HOST:x}")).hasMessageEndingWith("for a default write ${NAME:-default}");
    assertThatThrownBy(() -> apply("${}")).hasMessageStartingWith("invalid environment variable name \"\"");
  }

  @Test
  void unsetVariableIsReportedAtItsKey() {
    ConfigLoader loader = new ConfigLoader(Map.of("PORT", "5432")::get, id -> false);
    String yaml = """
        storage:
          type: postgresql
          url: jdbc:postgresql://${PGHOST}:${PORT}/pb
          password: ${PG_PASSWORD}
        """;
    assertThat(ConfigErrorsTest.errors(loader, yaml)).containsExactly(
        "pingbase.yml:3:8: storage.url: environment variable PGHOST is not set (write ${PGHOST:-default} to give a default)",
        "pingbase.yml:4:13: storage.password: environment variable PG_PASSWORD is not set (write "
            + "${PG_PASSWORD:-default} to give a default)");
  }

  @Test
  void substitutedValuesAreValidatedLikeWrittenOnes() throws Exception {
    ConfigLoader loader = new ConfigLoader(Map.of("PORT", "70000", "GOOD", "8081")::get, id -> false);
    assertThat(ConfigErrorsTest.errors(loader, "server: { port: '${PORT}' }")).containsExactly(
        "pingbase.yml:1:17: server.port: must be an integer 0-65535, was \"70000\"");
    assertThat(loader.parse("server: { port: '${GOOD}' }", "p.yml").server().port()).isEqualTo(8081);
    assertThat(loader.parse("server:\n  port: ${GOOD}\n", "p.yml").server().port()).isEqualTo(8081);
  }

  @Test
  void keysAreNotSubstituted() {
    ConfigLoader loader = new ConfigLoader(Map.of("K", "port")::get, id -> false);
    assertThat(ConfigErrorsTest.errors(loader, "server: { '${K}': 1 }")).singleElement().asString()
        .startsWith("pingbase.yml:1:11: server.${K}: unknown key");
  }

  @Test
  void escapeWorksInTheFile() throws Exception {
    PingBaseConfig config = new ConfigLoader(k -> null, id -> false)
        .parse("monitors: [ { name: 'Costs $${5}', id: costs, type: tcp, host: h, port: 1 } ]", "p.yml");
    assertThat(config.monitors().getFirst().name()).isEqualTo("Costs ${5}");
  }
}
