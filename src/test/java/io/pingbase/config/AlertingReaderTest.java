package io.pingbase.config;

import static io.pingbase.config.ConfigErrorsTest.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.alert.Notification;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channels, groups and alerting sections and a monitor's alerts: what loads, and every error with its path. */
class AlertingReaderTest {
  private static final String MONITOR = """
      monitors:
        - { name: DB, type: tcp, host: 127.0.0.1, port: 5432, group: Infrastructure,
            alerts: { channels: [ops], remind-every: 30m, escalate-after: 15m, escalate-to: [boss] } }
      """;

  @Test
  void aFullAlertingConfigLoads() throws Exception {
    PingBaseConfig c = new ConfigLoader(Map.<String, String>of()::get, id -> false).parse("""
        alerting: { time-zone: Europe/Berlin, give-up-after: 2h }
        channels:
          - { name: ops, type: webhook, url: "http://127.0.0.1:9/hook", on: [down, recovered], default: true,
              template: { title: "{{kind}}: {{monitor_name}}" } }
          - { name: boss, type: pagerduty, routing-key: abc }
        groups:
          - { name: Shop, depends-on: [Infrastructure], alerts: { channels: [boss] } }
        """ + MONITOR, "pingbase.yml");
    assertThat(c.alerting().zone().getId()).isEqualTo("Europe/Berlin");
    assertThat(c.alerting().giveUpAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(c.alerting().channels()).extracting(s -> s.name() + ":" + s.kind().type())
        .containsExactly("ops:webhook", "boss:pagerduty");
    assertThat(c.alerting().channel("ops").orElseThrow().on())
        .containsExactlyInAnyOrder(Notification.Kind.DOWN, Notification.Kind.RECOVERED);
    assertThat(c.alerting().channel("ops").orElseThrow().isDefault()).isTrue();
    assertThat(c.alerting().channel("ops").orElseThrow().title()).isNotNull();
    assertThat(c.alerting().groups().get(0).dependsOn()).containsExactly("Infrastructure");
    var alerts = c.monitors().get(0).alerts();
    assertThat(alerts.channels()).containsExactly("ops");
    assertThat(alerts.remindEvery()).isEqualTo(Duration.ofMinutes(30));
    assertThat(alerts.escalateTo()).containsExactly("boss");
    // A monitor's alerts survive the API's write-read round trip.
    assertThat(MonitorReader.read(ConfigNode.fromJson(new com.fasterxml.jackson.databind.ObjectMapper()
        .valueToTree(MonitorWriter.toMap(c.monitors().get(0)))), MonitorDefaults.DEFAULT,
        io.pingbase.monitor.MonitorSource.API).alerts()).isEqualTo(alerts);
  }

  @Test
  void everyMistakeIsReportedWithItsPath() {
    assertThat(errors("""
        alerting: { time-zone: Mars/Olympus }
        channels:
          - { name: ops, type: slak, url: "http://127.0.0.1:9/" }
          - { name: hook, type: webhook }
          - { name: hook, type: webhook, url: "http://127.0.0.1:9/", on: [dwn] }
          - { name: Bad Name, type: webhook, url: "ftp://x/" , template: { title: "{{monitr}}" } }
        groups:
          - { name: Shop, depends-on: [Infra] }
        monitors:
          - { name: DB, type: tcp, host: 127.0.0.1, port: 1, alerts: { channels: [ops], escalate-after: 5m } }
          - { name: Web, type: tcp, host: 127.0.0.1, port: 2, alerts: { channels: [hook, opz] } }
        """)).containsExactly(
        "pingbase.yml: groups[0].depends-on: no group named \"Infra\"",
        "pingbase.yml:1:24: alerting.time-zone: unknown time zone \"Mars/Olympus\"; use a region such as Europe/Berlin or UTC",
        "pingbase.yml:3:24: channels[0].type: unknown channel type \"slak\"; did you mean \"slack\"? (supported: "
            + "webhook, email, slack, pagerduty, telegram, discord, teams, ntfy, opsgenie, pushover, gotify, mattermost)",
        "pingbase.yml:4:5: channels[1]: url is required",
        "pingbase.yml:5:66: channels[2].on: unknown notification kind \"dwn\"; did you mean \"down\"? (one of: down, "
            + "recovered, degraded, reminder)",
        "pingbase.yml:6:13: channels[3].name: must be 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a "
            + "letter or digit, was \"Bad Name\"",
        "pingbase.yml:6:43: channels[3].url: must be an http or https URL with a host",
        "pingbase.yml:6:75: channels[3].template.title: unknown placeholder {{monitr}} in template.title; known: "
            + String.join(", ", io.pingbase.alert.channel.Template.NAMES.subList(0,
            io.pingbase.alert.channel.Template.NAMES.size() - 1)),
        "pingbase.yml:10:97: monitors[0].alerts.escalate-after: needs escalate-to: the channels to escalate to",
        "pingbase.yml:11:13: monitors[1].alerts.channels: no channel named \"opz\"; did you mean \"ops\"? (defined: "
            + "Bad Name, hook, ops)");
  }
}
