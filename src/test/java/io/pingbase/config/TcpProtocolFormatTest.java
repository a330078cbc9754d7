package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.check.Target;
import io.pingbase.check.tcp.protocol.ProtocolSpec;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code type: tcp} with {@code protocol:}: reading from YAML and JSON, writing back, errors. */
class TcpProtocolFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String YAML = """
      monitors:
        - { name: cache, type: tcp, host: 127.0.0.1, protocol: redis }
        - { name: pg, type: tcp, host: db, port: 6432, protocol: postgresql }
        - { name: maria, type: tcp, host: db, protocol: mysql }
        - { name: mx, type: tcp, host: mx, port: 587, protocol: smtp, starttls: true }
        - { name: mq, type: tcp, host: mq, protocol: amqp }
        - { name: broker, type: tcp, host: mq, protocol: mqtt }
        - { name: nats, type: tcp, host: nats, protocol: NATS }
        - { name: bastion, type: tcp, host: bastion, protocol: ssh }
        - name: memcached
          type: tcp
          host: cache
          port: 11211
          protocol: send-expect
          steps:
            - send: "version\\r\\n"
              expect: "^VERSION [0-9.]+"
            - send-hex: "0d 0a"
            - starttls: true
        - { name: plain, type: tcp, host: db, port: 5432 }
      """;

  private static PingBaseConfig parse(String yaml) throws ConfigException {
    return new ConfigLoader(Map.<String, String>of()::get, id -> false).parse(yaml, "pingbase.yml");
  }

  private static List<String> errors(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml));
    assertThat(e).as("expected errors for %s", yaml).isNotNull();
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  @Test
  void readsEveryProtocolWithItsUsualPort() throws Exception {
    List<Target> targets = parse(YAML).monitors().stream().map(Monitor::target).toList();
    assertThat(targets).containsExactly(
        new Target.Tcp("127.0.0.1", 6379, ProtocolSpec.of("redis")),
        new Target.Tcp("db", 6432, ProtocolSpec.of("postgresql")),
        new Target.Tcp("db", 3306, ProtocolSpec.of("mysql")),
        new Target.Tcp("mx", 587, new ProtocolSpec("smtp", true, List.of())),
        new Target.Tcp("mq", 5672, ProtocolSpec.of("amqp")),
        new Target.Tcp("mq", 1883, ProtocolSpec.of("mqtt")),
        new Target.Tcp("nats", 4222, ProtocolSpec.of("nats")),
        new Target.Tcp("bastion", 22, ProtocolSpec.of("ssh")),
        new Target.Tcp("cache", 11211, new ProtocolSpec("send-expect", false, List.of(
            new ProtocolSpec.Step("version\r\n", null, "^VERSION [0-9.]+", false),
            new ProtocolSpec.Step(null, "0d0a", null, false),
            new ProtocolSpec.Step(null, null, null, true)))),
        new Target.Tcp("db", 5432));
    assertThat(targets.stream().map(Target::display)).containsExactly(
        "redis://127.0.0.1:6379", "postgresql://db:6432", "mysql://db:3306", "smtp://mx:587?starttls=true",
        "amqp://mq:5672", "mqtt://mq:1883", "nats://nats:4222", "ssh://bastion:22",
        "tcp://cache:11211 (send-expect)", "tcp://db:5432");
  }

  @Test
  void whatIsWrittenReadsBackTheSame() throws Exception {
    for (Monitor monitor : parse(YAML).monitors()) {
      Map<String, Object> written = MonitorWriter.toMap(monitor);
      String json = JSON.writeValueAsString(written);
      Monitor back = MonitorReader.read(ConfigNode.fromJson(JSON.readTree(json)), MonitorDefaults.DEFAULT,
          MonitorSource.FILE);
      assertThat(back).as(json).isEqualTo(monitor);
    }
    Monitor memcached = parse(YAML).monitors().get(8);
    assertThat(JSON.writeValueAsString(MonitorWriter.toMap(memcached))).contains(
        "\"host\":\"cache\",\"port\":11211,\"protocol\":\"send-expect\",\"steps\":[{\"send\":\"version\\r\\n\","
            + "\"expect\":\"^VERSION [0-9.]+\"},{\"send-hex\":\"0d0a\"},{\"starttls\":true}]");
    assertThat(MonitorWriter.toMap(parse(YAML).monitors().get(9))).doesNotContainKeys("protocol", "starttls", "steps");
  }

  @Test
  void anUnknownProtocolSuggestsTheClosest() {
    assertThat(errors("""
        monitors:
          - { name: a, type: tcp, host: h, port: 1, protocol: reddis }
          - { name: b, type: tcp, host: h, port: 1, protocol: gopher }
        """)).containsExactly(
        "pingbase.yml:2:55: monitors[0].protocol: unknown protocol \"reddis\"; did you mean \"redis\"?",
        "pingbase.yml:3:55: monitors[1].protocol: unknown protocol \"gopher\"; expected one of: redis, postgresql, "
            + "mysql, smtp, amqp, mqtt, nats, ssh, send-expect");
  }

  @Test
  void optionsAreCheckedAgainstTheProtocol() {
    assertThat(errors("""
        monitors:
          - { name: a, type: tcp, host: h, port: 1, starttls: true }
          - { name: b, type: tcp, host: h, protocol: redis, starttls: yes }
          - { name: c, type: tcp, host: h, protocol: redis, starttls: true }
          - { name: d, type: tcp, host: h, protocol: send-expect, port: 7 }
          - { name: e, type: tcp, host: h, protocol: ssh, steps: [ { expect: "SSH" } ] }
          - { name: f, type: tcp, host: h, protocol: send-expect }
        """)).containsExactly(
        "pingbase.yml:2:55: monitors[0].starttls: needs a protocol (starttls: protocol smtp; steps: protocol send-expect)",
        "pingbase.yml:3:63: monitors[1].starttls: must be true or false, was \"yes\"",
        "pingbase.yml:4:63: monitors[2].starttls: starttls is an option of protocol smtp (send-expect has a starttls step)",
        "pingbase.yml:5:46: monitors[3].protocol: protocol send-expect needs at least one step",
        "pingbase.yml:6:58: monitors[4].steps: steps belong to protocol send-expect, not ssh",
        "pingbase.yml:7:5: monitors[5].port: required key is missing");
  }

  @Test
  void badStepsNameTheirIndexAndKey() {
    assertThat(errors("""
        monitors:
          - name: a
            type: tcp
            host: h
            port: 7
            protocol: send-expect
            steps:
              - expect: "([a-z"
              - send: x
                send-hex: "0d"
              - send-hex: "zz"
              - sned: x
              - starttls: true
                expect: x
              - just text
        """)).containsExactly(
        "pingbase.yml:8:17: monitors[0].steps[0].expect: expect is not a valid regex: Unclosed character class near index 4 in '([a-z'",
        "pingbase.yml:9:9: monitors[0].steps[1]: a step sends either send or send-hex, not both",
        "pingbase.yml:11:19: monitors[0].steps[2].send-hex: send-hex must be pairs of hex digits, was 'zz'",
        "pingbase.yml:12:9: monitors[0].steps[3].sned: unknown key; did you mean \"send\"?",
        "pingbase.yml:13:9: monitors[0].steps[4]: a starttls step does nothing else; put send and expect in their own steps",
        "pingbase.yml:15:9: monitors[0].steps[5]: must be a step (a map with send, send-hex, expect or starttls), was \"just text\"");
  }

  @Test
  void jsonReadsTheSameAndReportsRelativePaths() throws Exception {
    Monitor m = MonitorReader.read(ConfigNode.fromJson(JSON.readTree("""
        {"name": "mx", "type": "tcp", "host": "mx", "protocol": "smtp", "starttls": true}
        """)), MonitorDefaults.DEFAULT, MonitorSource.API);
    assertThat(m.target()).isEqualTo(new Target.Tcp("mx", 25, new ProtocolSpec("smtp", true, List.of())));
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> MonitorReader.read(ConfigNode.fromJson(
        JSON.readTree("{\"name\": \"x\", \"type\": \"tcp\", \"host\": \"h\", \"protocol\": \"send-expect\", \"steps\": \"PING\"}")),
        MonitorDefaults.DEFAULT, MonitorSource.API));
    assertThat(e.errors().stream().map(ConfigError::toString)).containsExactly(
        "port: required key is missing",
        "steps: must be a list, each item a step (a map with send, send-hex, expect or starttls), was \"PING\"");
  }

  @Test
  void theDocumentedExampleReads() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/CONFIGURATION.md"));
    int section = doc.indexOf("#### Protocol checks");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = doc.substring(start, doc.indexOf("```", start));
    List<Monitor> monitors = parse(example).monitors();
    assertThat(monitors.stream().map(m -> ((Target.Tcp) m.target()).protocol().name())).containsExactly(
        "redis", "postgresql", "mysql", "smtp", "amqp", "mqtt", "nats", "ssh", "send-expect", "send-expect");
    Target.Tcp imap = (Target.Tcp) monitors.get(9).target();
    assertThat(imap.protocol().steps()).containsExactly(
        new ProtocolSpec.Step(null, null, "^\\* OK", false),
        new ProtocolSpec.Step("a1 STARTTLS\r\n", null, "a1 OK.*\r\n", false),
        new ProtocolSpec.Step(null, null, null, true),
        new ProtocolSpec.Step("a2 CAPABILITY\r\n", null, "a2 OK", false));
  }
}
