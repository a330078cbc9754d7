package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pingbase.check.Target;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code type: heartbeat} in pingbase.yml and API JSON: keys, defaults, errors, and the writer's round trip. */
class HeartbeatFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MonitorDefaults DEFAULTS =
      new MonitorDefaults(Duration.ofMinutes(1), Duration.ofSeconds(5), new ConfirmationPolicy(2, Duration.ofMillis(500)));
  private static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUv_-";

  private static Monitor read(String json) throws Exception {
    return MonitorReader.read(ConfigNode.fromJson(JSON.readTree(json)), DEFAULTS, MonitorSource.API);
  }

  private static List<String> errors(String json) throws Exception {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> MonitorReader.read(ConfigNode.fromJson(JSON.readTree(json)), DEFAULTS, MonitorSource.API));
    assertThat(e).as("expected errors for %s", json).isNotNull();
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  @Test
  void periodWithHeartbeatDefaults() throws Exception {
    Monitor m = read("""
        {"name": "Backup", "type": "heartbeat", "period": "1d"}""");
    assertThat(m.target()).isEqualTo(new Target.Heartbeat(Duration.ofDays(1), Duration.ofMinutes(1), null, null, null));
    // Judged every 10 s with no re-checks, whatever the file's defaults say for dial-out monitors.
    assertThat(m.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(m.confirmation()).isEqualTo(new ConfirmationPolicy(0, Duration.ofMillis(500)));
  }

  @Test
  void scheduleWithTimezoneTokenAndOwnSettings() throws Exception {
    Monitor m = read("""
        {"name": "Nightly", "type": "heartbeat", "schedule": "30 2 * * 1-5", "timezone": "Europe/Berlin",
         "grace": "15m", "token": "%s", "interval": "30s", "confirmation": {"rechecks": 1}}""".formatted(TOKEN));
    assertThat(m.target()).isEqualTo(new Target.Heartbeat(null, Duration.ofMinutes(15), "30 2 * * 1-5",
        ZoneId.of("Europe/Berlin"), TOKEN));
    assertThat(m.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(m.confirmation().rechecks()).isEqualTo(1);
    assertThat(m.target().display()).isEqualTo("heartbeat cron '30 2 * * 1-5' Europe/Berlin, grace 15m")
        .doesNotContain(TOKEN);
  }

  @Test
  void scheduleDefaultsToUtc() throws Exception {
    Monitor m = read("""
        {"name": "Hourly", "type": "heartbeat", "schedule": "0 * * * *", "grace": "0s"}""");
    assertThat(((Target.Heartbeat) m.target()).timezone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void writtenKeysReadBackTheSameMonitor() throws Exception {
    for (String json : List.of(
        """
        {"name": "A", "type": "heartbeat", "period": "90s", "grace": "0s"}""",
        """
        {"name": "B", "type": "heartbeat", "schedule": "*/15 * * * *", "timezone": "America/New_York", "token": "%s"}"""
            .formatted(TOKEN))) {
      Monitor m = read(json);
      Map<String, Object> written = MonitorWriter.toMap(m);
      Monitor again = read(JSON.writeValueAsString(written));
      assertThat(again).isEqualTo(m);
    }
    Map<String, Object> w = MonitorWriter.toMap(read("""
        {"name": "A", "type": "heartbeat", "period": "90s"}"""));
    assertThat(w).containsEntry("period", "1m30s").containsEntry("grace", "1m").doesNotContainKeys("token", "schedule");
  }

  @Test
  void everyMistakeIsNamed() throws Exception {
    assertThat(errors("""
        {"name": "x", "type": "heartbeat"}"""))
        .containsExactly("period: a heartbeat needs either period (e.g. 5m) or schedule (a cron expression such as \"30 2 * * *\")");
    assertThat(errors("""
        {"name": "x", "type": "heartbeat", "period": "5m", "schedule": "* * * * *", "timezone": "UTC"}""")).containsExactly(
        "schedule: give either period or schedule, not both",
        "timezone: applies to a schedule only; a period counts from the last ping");
    assertThat(errors("""
        {"name": "x", "type": "heartbeat", "schedule": "61 * * * *", "timezone": "Mars/Olympus", "grace": "-1s",
         "token": "abc/def", "host": "db"}""")).containsExactly(
        "host: not a key of type heartbeat (it belongs to type tcp, tls)",
        "schedule: invalid cron expression \"61 * * * *\": " + cronMessage("61 * * * *"),
        "timezone: unknown time zone \"Mars/Olympus\"; use an IANA name such as Europe/Berlin or UTC",
        errors("{\"name\": \"x\", \"type\": \"heartbeat\", \"period\": \"1m\", \"grace\": \"-1s\"}").get(0),
        "token: must be 22-64 characters (at least 128 bits), was 7 characters");
    assertThat(errors("""
        {"name": "x", "type": "heartbeat", "period": "500ms", "schedule": "1 2 3"}""")).containsExactly(
        "period: must be at least 1s, was 500ms",
        "schedule: give either period or schedule, not both",
        "schedule: cron expression must have 5 fields (minute hour day-of-month month day-of-week), had 3: \"1 2 3\"");
    assertThat(errors("""
        {"name": "x", "type": "heartbeat", "period": "1m", "token": "abcdefghijklmnopqrstuvw.xyz"}""")).containsExactly(
        "token: must contain only URL-safe characters A-Z, a-z, 0-9, '-' and '_', found '.'");
  }

  @Test
  void twoFileHeartbeatsWithOneTokenAreAnError() throws Exception {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.withSystemEnvironment().parse("""
        monitors:
          - { name: A, type: heartbeat, period: 1h, token: %s }
          - { name: B, type: heartbeat, period: 1h, token: %s }
        """.formatted(TOKEN, TOKEN), "pingbase.yml"));
    assertThat(e).isNotNull();
    assertThat(e.errors().stream().map(ConfigError::toString).toList()).containsExactly(
        "pingbase.yml:3:52: monitors[1].token: duplicate heartbeat token, also used by monitors[0]; "
            + "each heartbeat needs its own (leave token out to get a generated one)");
  }

  private static String cronMessage(String expr) {
    try {
      io.pingbase.check.heartbeat.CronSchedule.parse(expr);
      throw new AssertionError("parsed " + expr);
    } catch (IllegalArgumentException e) {
      return e.getMessage().substring(e.getMessage().indexOf("\": ") + 3);
    }
  }
}
