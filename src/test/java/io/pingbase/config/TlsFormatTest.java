package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.check.Target;
import io.pingbase.check.Target.Tls.StartTls;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code type: tls} in pingbase.yml and the API: every key, defaults, errors, and the round trip. */
class TlsFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConfigLoader LOADER = new ConfigLoader(Map.<String, String>of()::get, id -> false);

  private static Monitor only(String yaml) throws Exception {
    List<Monitor> monitors = LOADER.parse(yaml, "pingbase.yml").monitors();
    assertThat(monitors).hasSize(1);
    return monitors.get(0);
  }

  @Test
  void readsEveryKeyFromYaml() throws Exception {
    Monitor m = only("""
        monitors:
          - name: Mail submission
            type: tls
            host: mail.example.com
            port: 587
            starttls: smtp
            server-name: smtp.example.com
            ca-file: /etc/pingbase/internal-ca.pem
            warn-days: [7, 30, 14]
        """);
    assertThat(m.target()).isEqualTo(new Target.Tls("mail.example.com", 587, StartTls.SMTP, "smtp.example.com",
        "/etc/pingbase/internal-ca.pem", List.of(30, 14, 7)));
    assertThat(((Target.Tls) m.target()).warnDays()).containsExactly(30, 14, 7);
    assertThat(m.target().display()).isEqualTo("tls://mail.example.com:587?starttls=smtp");
  }

  @Test
  void defaultsAreDirectTlsTheJdkStoreAndThirtyFourteenSeven() throws Exception {
    Monitor m = only("""
        monitors:
          - name: Web
            type: tls
            host: "[::1]"
            port: 443
        """);
    assertThat(m.target()).isEqualTo(new Target.Tls("::1", 443));
    assertThat(m.target().display()).isEqualTo("tls://[::1]:443");
    Map<String, Object> written = MonitorWriter.toMap(m);
    assertThat(written).containsEntry("type", "tls").containsEntry("starttls", "none")
        .containsEntry("warn-days", List.of(30, 14, 7)).doesNotContainKeys("server-name", "ca-file");
  }

  @Test
  void whatIsWrittenReadsBackUnchanged() throws Exception {
    for (Target.Tls target : List.of(new Target.Tls("db", 5432, StartTls.POSTGRESQL, null, null, List.of()),
        new Target.Tls("imap.example.com", 143, StartTls.IMAP, "mail.example.com", "/ca.pem", List.of(5)),
        new Target.Tls("127.0.0.1", 993))) {
      Monitor m = only("monitors:\n  - name: T\n    type: tcp\n    host: h\n    port: 1\n");
      Monitor tls = new Monitor(m.id(), m.name(), target, m.interval(), m.timeout(), m.degradedAfter(), m.group(),
          m.confirmation(), MonitorSource.API);
      String json = JSON.writeValueAsString(MonitorWriter.toMap(tls));
      Monitor back = MonitorReader.read(ConfigNode.fromJson(JSON.readTree(json)), MonitorDefaults.DEFAULT,
          MonitorSource.API);
      assertThat(back).as(json).isEqualTo(tls);
    }
  }

  @Test
  void badValuesAreReportedWithTheirKeys() {
    assertThat(ConfigErrorsTest.errors("""
        monitors:
          - name: Web
            type: tls
            host: web
            port: 443
            starttls: ftp
            server-name: "bad name"
            ca-file: ""
            warn-days: [30, 0, x, 30]
        """)).containsExactly(
        "pingbase.yml:6:15: monitors[0].starttls: must be one of none, smtp, imap, pop3, postgresql, was \"ftp\"",
        "pingbase.yml:7:18: monitors[0].server-name: " + Hosts.problem("bad name"),
        "pingbase.yml:8:14: monitors[0].ca-file: must not be empty; leave the key out for none",
        "pingbase.yml:9:16: monitors[0].warn-days: each must be a whole number of days 1-3650, was \"0\"; "
            + "each must be a whole number of days 1-3650, was \"x\"; lists 30 twice");
    assertThat(ConfigErrorsTest.errors("""
        monitors:
          - name: Web
            type: tls
            host: web
            warn-days: 14
        """)).containsExactly(
        "pingbase.yml:2:5: monitors[0].port: required key is missing",
        "pingbase.yml:5:16: monitors[0].warn-days: must be a list of days such as [30, 14, 7], was \"14\"");
  }

  @Test
  void apiErrorsHaveRelativePaths() throws Exception {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> MonitorReader.read(
        ConfigNode.fromJson(JSON.readTree("""
            {"name": "x", "type": "tls", "host": "h", "port": 443, "warn-days": [-1], "starttls": "SMTP",
             "verify": false}
            """)), MonitorDefaults.DEFAULT, MonitorSource.API));
    assertThat(e.errors().stream().map(ConfigError::toString).toList()).containsExactly(
        "verify: unknown key; expected one of: id, name, type, interval, timeout, degraded-after, group, confirmation, "
            + "alerts, host, port, starttls, server-name, ca-file, warn-days",
        "starttls: must be one of none, smtp, imap, pop3, postgresql, was \"SMTP\"",
        "warn-days: each must be a whole number of days 1-3650, was \"-1\"");
  }

  @Test
  void theExamplesInTheGuideAreValid() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/CONFIGURATION.md"));
    int section = doc.indexOf("Keys of type `tls`");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    List<Monitor> monitors = LOADER.parse(doc.substring(start, doc.indexOf("```", start)), "CONFIGURATION.md").monitors();
    assertThat(monitors).extracting(m -> m.target().display()).containsExactly(
        "tls://www.example.com:443", "tls://mail.example.com:587?starttls=smtp",
        "tls://mail.example.com:143?starttls=imap", "tls://10.0.0.12:5432?starttls=postgresql",
        "tls://rabbit.internal:5671");
    assertThat(((Target.Tls) monitors.get(1).target()).warnDays()).containsExactly(21, 7);
  }
}
