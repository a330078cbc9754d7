package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kind of mistake is reported with file, line, column and key path; nothing falls back to a default. */
class ConfigErrorsTest {
  private static final ConfigLoader LOADER = new ConfigLoader(Map.of("SET", "1")::get, id -> false);

  static List<String> errors(ConfigLoader loader, String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml, "pingbase.yml"));
    assertThat(e).as("expected errors for:\n%s", yaml).isNotNull();
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  static List<String> errors(String yaml) {
    return errors(LOADER, yaml);
  }

  /** One monitor with the given extra lines, valid without them. */
  static String monitor(String lines) {
    return "monitors:\n  - name: Db\n    type: tcp\n    host: db\n" + lines.indent(4) + (lines.contains("port:") ? "" : "    port: 5432\n");
  }

  @Test
  void manyErrorsAreReportedTogetherInFileOrder() throws Exception {
    List<String> errors = errors(ConfigLoaderTest.resource("many-errors.yml"));
    assertThat(errors).containsExactly(
        "pingbase.yml:3:9: server.port: must be an integer 0-65535, was \"70000\"",
        "pingbase.yml:4:3: server.tls: unknown key; expected one of: bind, port, trusted-proxies, public-url",
        "pingbase.yml:6:9: storage.type: unknown storage type \"postgres\"; did you mean \"postgresql\"? (supported: sqlite, postgresql)",
        "pingbase.yml:8:8: retention.raw: missing unit in \"30\"; write e.g. 30s (units: ms, s, m, h or d)",
        "pingbase.yml:12:17: checks.max-per-host: max-per-host (20) must not exceed max-concurrency (10)",
        "pingbase.yml:14:3: defaults.intervall: unknown key; did you mean \"interval\"?",
        "pingbase.yml:15:12: defaults.timeout: fractions are not allowed: \"1.5s\"; combine units instead, e.g. 1s500ms or 1m30s",
        "pingbase.yml:21:11: monitors[0].port: must be an integer 1-65535, was \"70000x\"",
        "pingbase.yml:23:14: monitors[0].timeout: must not be longer than the interval (30s), was 1m",
        "pingbase.yml:25:11: monitors[1].type: unknown monitor type \"gopher\" (supported: tcp, http, tls, dns, heartbeat)",
        "pingbase.yml:30:11: monitors[2].host: must not be empty",
        "pingbase.yml:31:11: monitors[2].port: must be an integer 1-65535, was \"0\"",
        "pingbase.yml:32:15: monitors[2].interval: must be at least 1s, was 500ms",
        "pingbase.yml:34:5: monitors[2].timout: unknown key; did you mean \"timeout\"?",
        "pingbase.yml:35:31: monitors[2].confirmation.rechecks: must be an integer 0-10, was \"11\"",
        "pingbase.yml:35:44: monitors[2].confirmation.spacing: expected a number at \"soon\" in \"soon\"; write e.g. 30s or 1h30m",
        "pingbase.yml:37:9: monitors[3].id: duplicate monitor id \"postgres-primary\", also used by monitors[0] at pingbase.yml:18:9; ids must be unique",
        "pingbase.yml:39:11: monitors[3].host: write the port under port:, not in the host, was \"db:5432\"",
        "pingbase.yml:43:11: monitors[4].host: must be text, was a list",
        "pingbase.yml:44:11: monitors[4].port: must be an integer 1-65535, was a map",
        "pingbase.yml:46:21: monitors[4].degraded-after: must be shorter than the timeout (1s), was 1s",
        "pingbase.yml:48:5: monitors[5]: must be a map with at least name, type and the target's keys, was \"just a string\"",
        "pingbase.yml:49:5: monitors[6].name: required key is missing",
        "pingbase.yml:50:11: monitors[6].host: is not a valid IPv4 address: \"10.0.0.256\"");
  }

  @Test
  void exceptionMessageListsEveryError() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> LOADER.parse("server: { port: x }\nchecks: { dns-threads: 0 }\n", "pingbase.yml"));
    assertThat(e.getMessage()).isEqualTo("""
        2 configuration errors:
          pingbase.yml:1:17: server.port: must be an integer 0-65535, was "x"
          pingbase.yml:2:24: checks.dns-threads: must be an integer 1-256, was "0\"""");
    assertThat(e.errors().getFirst()).isEqualTo(new ConfigError("pingbase.yml", 1, 17, "server.port",
        "must be an integer 0-65535, was \"x\""));
  }

  @Test
  void unknownKeysSuggestTheClosest() {
    assertThat(errors("sever: {}\nmonitor: []\nfoo: 1\nx-anchors: { a: 1 }\n")).containsExactly(
        "pingbase.yml:1:1: sever: unknown key; did you mean \"server\"?",
        "pingbase.yml:2:1: monitor: unknown key; did you mean \"monitors\"?",
        "pingbase.yml:3:1: foo: unknown key; expected one of: server, storage, retention, checks, defaults, alerting, channels, groups, monitors, maintenance, network, accounts");
    assertThat(errors(monitor("degraded_after: 1s\nhostname: x"))).containsExactly(
        "pingbase.yml:5:5: monitors[0].degraded_after: unknown key; did you mean \"degraded-after\"?",
        "pingbase.yml:6:5: monitors[0].hostname: unknown key; did you mean \"host\"?");
    assertThat(errors(monitor("confirmation: { recheck: 1 }"))).containsExactly(
        "pingbase.yml:5:21: monitors[0].confirmation.recheck: unknown key; did you mean \"rechecks\"?");
  }

  @Test
  void wrongTypes() {
    assertThat(errors("server: 8080\nmonitors: { db: {} }\nretention: [1d]\n")).containsExactly(
        "pingbase.yml:1:9: server: must be a map with bind and port, was \"8080\"",
        "pingbase.yml:2:11: monitors: must be a list of monitors (each item starting with \"- \"), was a map",
        "pingbase.yml:3:12: retention: must be a map with raw and rollups, was a list");
    assertThat(errors("- a\n- b\n")).containsExactly(
        "pingbase.yml:1:1: must be a map with the sections server, storage, retention, checks, defaults, alerting, channels, groups, monitors, maintenance, network, accounts, was a list");
    assertThat(errors(monitor("name2: x\ninterval: [1s]\nconfirmation: 3"))).containsExactly(
        "pingbase.yml:5:5: monitors[0].name2: unknown key; did you mean \"name\"?",
        "pingbase.yml:6:15: monitors[0].interval: must be a duration such as 30s or 1h30m, was a list",
        "pingbase.yml:7:19: monitors[0].confirmation: must be a map with rechecks and spacing, was \"3\"");
  }

  @Test
  void missingRequiredKeys() {
    assertThat(errors("monitors:\n  - group: x\n")).containsExactly(
        "pingbase.yml:2:5: monitors[0].type: required key is missing",
        "pingbase.yml:2:5: monitors[0].name: required key is missing");
    assertThat(errors("monitors:\n  - { name: a, type: tcp }\n")).containsExactly(
        "pingbase.yml:2:5: monitors[0].host: required key is missing",
        "pingbase.yml:2:5: monitors[0].port: required key is missing");
    assertThat(errors("monitors:\n  - { name: '', type: tcp, host: h, port: 1 }\n")).containsExactly(
        "pingbase.yml:2:13: monitors[0].name: must not be empty");
  }

  @Test
  void duplicateIdsPointAtBothMonitors() {
    String yaml = """
        monitors:
          - { name: Db, type: tcp, host: a, port: 1 }
          - { name: Other, id: db, type: tcp, host: b, port: 1 }
          - { name: DB, type: tcp, host: c, port: 1 }
        """;
    assertThat(errors(yaml)).containsExactly(
        "pingbase.yml:3:24: monitors[1].id: duplicate monitor id \"db\", also used by monitors[0] at pingbase.yml:2:13; "
            + "ids must be unique",
        "pingbase.yml:4:13: monitors[2].id: duplicate monitor id \"db\" (derived from the name), also used by "
            + "monitors[0] at pingbase.yml:2:13; ids must be unique, so set a distinct id");
  }

  @Test
  void idTakenByAnApiMonitorIsAnError() {
    ConfigLoader loader = new ConfigLoader(name -> null, Set.of("db")::contains);
    assertThat(errors(loader, monitor(""))).containsExactly(
        "pingbase.yml:2:11: monitors[0].id: monitor id \"db\" belongs to a monitor created through the API; "
            + "give this one another id, or delete that monitor");
  }

  @Test
  void invalidIdsAndNames() {
    assertThat(errors(monitor("id: Not Valid"))).containsExactly(
        "pingbase.yml:5:9: monitors[0].id: must be 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a "
            + "letter or digit, was \"Not Valid\"");
    assertThat(errors(monitor("name: " + "x".repeat(201)).replace("  - name: Db\n", "  -\n"))).containsExactly(
        "pingbase.yml:5:11: monitors[0].name: must be at most 200 characters, was 201");
  }

  @Test
  void timingRules() {
    assertThat(errors(monitor("interval: 10s\ntimeout: 11s"))).containsExactly(
        "pingbase.yml:6:14: monitors[0].timeout: must not be longer than the interval (10s), was 11s");
    assertThat(errors(monitor("timeout: 2s\ndegraded-after: 2s"))).containsExactly(
        "pingbase.yml:6:21: monitors[0].degraded-after: must be shorter than the timeout (2s), was 2s");
    assertThat(errors(monitor("degraded-after: 15s"))).containsExactly(
        "pingbase.yml:5:21: monitors[0].degraded-after: must be shorter than the timeout (10s, the default), was 15s");
    assertThat(errors(monitor("interval: 999ms"))).containsExactly(
        "pingbase.yml:5:15: monitors[0].interval: must be at least 1s, was 999ms");
    assertThat(errors(monitor("timeout: 0s\ndegraded-after: 0ms"))).containsExactly(
        "pingbase.yml:5:14: monitors[0].timeout: must be at least 1ms, was 0s",
        "pingbase.yml:6:21: monitors[0].degraded-after: must be at least 1ms, was 0s");
    assertThat(errors("defaults: { interval: 5s, timeout: 10s }")).containsExactly(
        "pingbase.yml:1:36: defaults.timeout: the timeout (10s) must not be longer than the interval (5s)");
  }

  @Test
  void retentionRules() {
    assertThat(errors("retention: { raw: 36h }")).containsExactly(
        "pingbase.yml:1:19: retention.raw: must be at least 2d, was 1d12h");
    assertThat(errors("retention: { raw: 30d, rollups: 7d }")).containsExactly(
        "pingbase.yml:1:33: retention.rollups: rollups (7d) must be kept at least as long as raw results (30d)");
    assertThat(errors("retention: { raw: 500d }")).containsExactly(
        "pingbase.yml:1:19: retention.raw: rollups (400d) must be kept at least as long as raw results (500d)");
  }

  @Test
  void storageRules() {
    assertThat(errors("storage: { type: postgresql }")).containsExactly(
        "pingbase.yml:1:10: storage.url: required key is missing");
    assertThat(errors("storage: { type: postgresql, url: 'postgresql://u:secret@db/pb', path: x.db }")).containsExactly(
        "pingbase.yml:1:35: storage.url: must be a JDBC URL starting with jdbc:postgresql:, e.g. "
            + "jdbc:postgresql://db:5432/pingbase",
        "pingbase.yml:1:66: storage.path: applies only to type sqlite");
    assertThat(errors("storage: { type: sqlite, url: 'jdbc:postgresql://db/pb', pool-size: 3 }")).containsExactly(
        "pingbase.yml:1:26: storage.url: applies only to type postgresql",
        "pingbase.yml:1:58: storage.pool-size: applies only to type postgresql");
    assertThat(errors("storage: { type: mysql }")).containsExactly(
        "pingbase.yml:1:18: storage.type: unknown storage type \"mysql\" (supported: sqlite, postgresql)");
    assertThat(errors("storage: { type: postgresql, url: 'jdbc:postgresql://db/pb', pool-size: 0, buffer: -1 }"))
        .containsExactly(
            "pingbase.yml:1:73: storage.pool-size: must be an integer 1-100, was \"0\"",
            "pingbase.yml:1:84: storage.buffer: must be an integer 1-10000000, was \"-1\"");
    assertThat(errors("storage: { path: '' }")).containsExactly(
        "pingbase.yml:1:18: storage.path: must not be empty; leave the key out for the default");
  }

  @Test
  void errorMessagesDoNotQuoteTheDatabaseUrl() {
    assertThat(String.join("\n", errors("storage: { type: postgresql, url: 'postgresql://u:hunter2@db/pb' }")))
        .doesNotContain("hunter2");
  }

  @Test
  void serverRules() {
    assertThat(errors("server: { bind: 'http://0.0.0.0', port: -1 }")).containsExactly(
        "pingbase.yml:1:17: server.bind: must be a host name or address, not a URL, was \"http://0.0.0.0\"",
        "pingbase.yml:1:41: server.port: must be an integer 0-65535, was \"-1\"");
  }

  @Test
  void hostsAndPorts() {
    assertThat(errors(monitor("port: 65536").replace("host: db", "host: '[::1'"))).containsExactly(
        "pingbase.yml:4:11: monitors[0].host: brackets hold an IPv6 address such as [::1], was \"[::1\"",
        "pingbase.yml:5:11: monitors[0].port: must be an integer 1-65535, was \"65536\"");
    assertThat(errors(monitor("").replace("host: db", "host: '1::2::3'"))).containsExactly(
        "pingbase.yml:4:11: monitors[0].host: is not a valid IPv6 address: \"1::2::3\"");
    assertThat(errors(monitor("").replace("host: db", "host: -db-"))).containsExactly(
        "pingbase.yml:4:11: monitors[0].host: is not a valid host name (letters, digits, - and _, dot-separated "
            + "parts of 1-63 characters, not starting or ending with -): \"-db-\"");
    assertThat(errors(monitor("").replace("host: db", "host: 'a b'"))).containsExactly(
        "pingbase.yml:4:11: monitors[0].host: must not contain spaces, was \"a b\"");
  }

  @Test
  void unknownMonitorTypeSuggestsAndListsSupported() {
    assertThat(errors(monitor("").replace("type: tcp", "type: tpc"))).containsExactly(
        "pingbase.yml:3:11: monitors[0].type: unknown monitor type \"tpc\"; did you mean \"tcp\"? (supported: tcp, http, tls, dns, heartbeat)");
  }

  @Test
  void aBadValueNeverFallsBackToTheDefault() {
    assertThatThrownBy(() -> LOADER.parse("defaults: { interval: 1 minute }", "p.yml"))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> LOADER.parse("checks: { max-concurrency: '' }", "p.yml"))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> LOADER.parse("monitors: [ { name: a, type: tcp, host: h, port: 1, group: ' ' } ]", "p.yml"))
        .hasMessage("p.yml:1:60: monitors[0].group: must not be empty; leave the key out for none");
  }

  @Test
  void syntaxErrorsHaveAPosition() {
    assertThat(errors("server:\n  port: 1\n bind: x\n")).containsExactly(
        "pingbase.yml:3:2: invalid YAML: expected <block end>, but found '<block mapping start>' (while parsing a "
            + "block mapping at line 1, column 1); check the indentation and that a \": \" inside a value is quoted");
    assertThat(errors("monitors:\n  - name: a: b\n")).singleElement().asString()
        .startsWith("pingbase.yml:2:12: invalid YAML: mapping values are not allowed here");
    assertThat(errors("a: 1\n---\nb: 2\n")).containsExactly(
        "pingbase.yml:2:1: a config file holds one YAML document; remove the second \"---\" and what follows it, "
            + "or merge the two");
    assertThat(errors("a: *nope\n")).singleElement().asString()
        .startsWith("pingbase.yml:1:4: invalid YAML: found undefined alias nope");
  }

  @Test
  void errorsFromInvalidDefaultsDoNotHideMonitorErrors() {
    assertThat(errors("defaults: { interval: 0s }\n" + monitor("port: x"))).containsExactly(
        "pingbase.yml:1:23: defaults.interval: must be at least 1s, was 0s",
        "pingbase.yml:6:11: monitors[0].port: must be an integer 1-65535, was \"x\"");
  }
}
