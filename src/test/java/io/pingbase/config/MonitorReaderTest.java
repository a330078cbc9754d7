package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.check.Target;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader the REST API uses: JSON in, relative key paths in errors, and the writer's output reads back. */
class MonitorReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MonitorDefaults DEFAULTS =
      new MonitorDefaults(Duration.ofSeconds(30), Duration.ofSeconds(5), new ConfirmationPolicy(1, Duration.ofMillis(500)));

  private static Monitor read(String json) throws Exception {
    return MonitorReader.read(ConfigNode.fromJson(JSON.readTree(json)), DEFAULTS, MonitorSource.API);
  }

  private static List<String> errors(String json) throws Exception {
    JsonNode tree = JSON.readTree(json);
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> MonitorReader.read(ConfigNode.fromJson(tree), DEFAULTS, MonitorSource.API));
    assertThat(e).as("expected errors for %s", json).isNotNull();
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  @Test
  void readsAMinimalMonitorWithTheRunningDefaults() throws Exception {
    Monitor monitor = read("""
        {"name": "Redis cache", "type": "tcp", "host": "::1", "port": 6379}
        """);
    assertThat(monitor).isEqualTo(new Monitor("redis-cache", "Redis cache", new Target.Tcp("::1", 6379),
        Duration.ofSeconds(30), Duration.ofSeconds(5), null, null,
        new ConfirmationPolicy(1, Duration.ofMillis(500)), MonitorSource.API));
  }

  @Test
  void readsEveryKey() throws Exception {
    Monitor monitor = read("""
        {"id": "pg", "name": "Postgres", "type": "tcp", "host": "[2001:db8::5]", "port": "5432",
         "interval": "1m", "timeout": "2s", "degraded-after": "300ms", "group": "Databases",
         "confirmation": {"rechecks": 0, "spacing": "0s"}}
        """);
    assertThat(monitor).isEqualTo(new Monitor("pg", "Postgres", new Target.Tcp("2001:db8::5", 5432),
        Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofMillis(300), "Databases",
        new ConfirmationPolicy(0, Duration.ZERO), MonitorSource.API));
  }

  @Test
  void errorsHaveRelativePathsAndNoPosition() throws Exception {
    assertThat(errors("""
        {"name": "x", "type": "tcp", "host": "h", "port": 70000, "interval": 10,
         "confirmation": {"rechecks": 1.5, "spacin": "1s"}, "extra": true}
        """)).containsExactly(
        "extra: unknown key; expected one of: id, name, type, interval, timeout, degraded-after, group, confirmation, alerts, host, port, protocol, starttls, steps",
        "interval: missing unit in \"10\"; write e.g. 10s (units: ms, s, m, h or d)",
        "confirmation.spacin: unknown key; did you mean \"spacing\"?",
        "confirmation.rechecks: must be an integer 0-10, was \"1.5\"",
        "port: must be an integer 1-65535, was \"70000\"");
  }

  @Test
  void namesAndGroupsAreDisplayTextWithoutControlCharactersOrHalfSurrogatePairs() throws Exception {
    assertThat(errors("""
        {"name": "a\\tb", "type": "tcp", "host": "h", "port": 1, "group": "x\\u0000"}
        """)).containsExactly(
        "name: must not contain control characters, found U+0009 at position 1",
        "group: must not contain control characters, found U+0000 at position 1");
    assertThat(errors("""
        {"name": "pair \\ud800", "type": "tcp", "host": "h", "port": 1}
        """)).containsExactly("name: must be valid Unicode text, found an unpaired surrogate at position 5");
    assertThat(read("""
        {"name": "Caf\\u00e9 \\ud83d\\udca5", "type": "tcp", "host": "h", "port": 1}
        """).name()).isEqualTo("Café 💥");
  }

  @Test
  void errorsCarryStructuredFields() throws Exception {
    JsonNode tree = JSON.readTree("{\"name\": \"x\", \"type\": \"tcp\", \"host\": \"h\"}");
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> MonitorReader.read(ConfigNode.fromJson(tree), DEFAULTS, MonitorSource.API));
    assertThat(e.errors()).containsExactly(new ConfigError(null, 0, 0, "port", "required key is missing"));
  }

  @Test
  void wrongJsonShapes() throws Exception {
    assertThat(errors("[1, 2]")).containsExactly(
        "must be a map with at least name, type and the target's keys, was a list");
    assertThat(errors("null")).containsExactly(
        "type: required key is missing", "name: required key is missing");
    assertThat(errors("{\"name\": {\"a\": 1}, \"type\": \"tcp\", \"host\": null, \"port\": true}")).containsExactly(
        "name: must be text, was a map",
        "host: required key is missing",
        "port: must be an integer 1-65535, was \"true\"");
  }

  @Test
  void crossFieldRulesUseTheDefaults() throws Exception {
    assertThat(errors("{\"name\": \"x\", \"type\": \"tcp\", \"host\": \"h\", \"port\": 1, \"degraded-after\": \"5s\"}"))
        .containsExactly("degraded-after: must be shorter than the timeout (5s, the default), was 5s");
  }

  @Test
  void environmentIsNeverReadFromApiInput() throws Exception {
    Monitor monitor = read("{\"name\": \"${HOME}\", \"id\": \"home\", \"type\": \"tcp\", \"host\": \"h\", \"port\": 1}");
    assertThat(monitor.name()).isEqualTo("${HOME}");
  }

  @Test
  void writerUsesTheFileKeysAndCanonicalDurations() {
    Monitor monitor = new Monitor("pg", "Postgres", new Target.Tcp("::1", 5432), Duration.ofSeconds(90),
        Duration.ofMillis(1500), Duration.ofMillis(250), "Databases", new ConfirmationPolicy(2, Duration.ofSeconds(1)),
        MonitorSource.FILE);
    Map<String, Object> written = MonitorWriter.toMap(monitor);
    assertThat(written).containsExactly(
        Map.entry("id", "pg"),
        Map.entry("name", "Postgres"),
        Map.entry("type", "tcp"),
        Map.entry("host", "::1"),
        Map.entry("port", 5432),
        Map.entry("interval", "1m30s"),
        Map.entry("timeout", "1s500ms"),
        Map.entry("degraded-after", "250ms"),
        Map.entry("group", "Databases"),
        Map.entry("confirmation", Map.of("rechecks", 2, "spacing", "1s")));
  }

  @Test
  void writerLeavesOutUnsetOptionalValues() {
    Monitor monitor = new Monitor("a", "A", new Target.Tcp("h", 1), Duration.ofSeconds(60), Duration.ofSeconds(10),
        null, null, ConfirmationPolicy.DEFAULT, MonitorSource.API);
    assertThat(MonitorWriter.toMap(monitor)).doesNotContainKeys("degraded-after", "group");
  }

  @Test
  void whatTheApiReturnsCanBePostedBack() throws Exception {
    String yaml = ConfigLoaderTest.resource("full.yml");
    PingBaseConfig config = new ConfigLoader(Map.of("PG_PASSWORD", "x")::get, id -> false).parse(yaml, "full.yml");
    // Under other defaults the result is the same: the writer spells every value out.
    MonitorDefaults otherDefaults = MonitorDefaults.DEFAULT;
    for (Monitor monitor : config.monitors()) {
      String json = JSON.writeValueAsString(MonitorWriter.toMap(monitor));
      Monitor back = MonitorReader.read(ConfigNode.fromJson(JSON.readTree(json)), otherDefaults, MonitorSource.FILE);
      assertThat(back).as(json).isEqualTo(monitor);
    }
  }

  @Test
  void fromJsonKeepsStructureAndOrder() throws Exception {
    ConfigNode node = ConfigNode.fromJson(JSON.readTree("{\"b\": [1, \"two\", null, {\"c\": false}], \"a\": 1.5}"));
    assertThat(node).isEqualTo(new ConfigMap(List.of(
        new ConfigMap.Entry("b", null, new ConfigList(List.of(
            new ConfigScalar("1", null), new ConfigScalar("two", null), new ConfigNull(null),
            new ConfigMap(List.of(new ConfigMap.Entry("c", null, new ConfigScalar("false", null))), null)), null)),
        new ConfigMap.Entry("a", null, new ConfigScalar("1.5", null))), null));
  }

  @Test
  void supportedTypesAreListed() {
    assertThat(MonitorReader.types()).containsExactly("tcp", "http", "tls", "dns", "heartbeat");
  }
}
