package io.pingbase.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.maintenance.Coverage;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.maintenance.Schedule;
import io.pingbase.monitor.MonitorSource;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code maintenance:} section: what it reads, and every mistake named with its path. */
class MaintenanceConfigTest {
  private static final ConfigLoader LOADER = new ConfigLoader(Map.<String, String>of()::get, id -> id.equals("api-monitor"));
  private static final String MONITORS = """
      monitors:
        - { id: db, name: DB, type: tcp, host: 127.0.0.1, port: 5432, group: Databases }
        - { id: web, name: Web, type: tcp, host: 127.0.0.1, port: 80 }
      """;

  static PingBaseConfig parse(String yaml) throws ConfigException {
    return LOADER.parse(MONITORS + yaml, "pingbase.yml");
  }

  static List<String> errors(String yaml) {
    return ConfigErrorsTest.errors(LOADER, MONITORS + yaml);
  }

  @Test
  void eachKindOfScheduleIsRead() throws Exception {
    PingBaseConfig c = parse("""
        alerting: { time-zone: Europe/Berlin }
        maintenance:
          - name: upgrade
            title: Database upgrade
            start: 2026-05-01T22:00:00+02:00
            end: "2026-05-02T01:00"
            monitors: [db, api-monitor]
          - name: nightly
            cron: "0 3 * * *"
            duration: 30m
            time-zone: UTC
            groups: [Databases]
          - name: weekend
            days: [sat, Sunday, thurs]
            from: "22:00"
            to: 02:00
            all: true
        """);
    List<MaintenanceWindow> w = c.maintenance();
    assertThat(w).extracting(MaintenanceWindow::name).containsExactly("upgrade", "nightly", "weekend");
    assertThat(w.get(0).title()).isEqualTo("Database upgrade");
    assertThat(w.get(0).zone()).as("alerting.time-zone is the default").isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(w.get(0).schedule()).isEqualTo(new Schedule.OneOff(Instant.parse("2026-05-01T20:00:00Z"),
        Instant.parse("2026-05-01T23:00:00Z"))); // the local end is in Europe/Berlin, +02:00 in May
    assertThat(w.get(0).coverage()).isEqualTo(new Coverage(false, List.of("db", "api-monitor"), List.of()));
    assertThat(w.get(0).source()).isEqualTo(MonitorSource.FILE);
    assertThat(w.get(1).zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(w.get(1).schedule()).isInstanceOfSatisfying(Schedule.Cron.class, s -> {
      assertThat(s.cron().toString()).isEqualTo("0 3 * * *");
      assertThat(s.duration()).isEqualTo(Duration.ofMinutes(30));
    });
    assertThat(w.get(1).coverage().groups()).containsExactly("Databases");
    assertThat(w.get(2).schedule()).isEqualTo(new Schedule.Weekly(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.THURSDAY),
        LocalTime.of(22, 0), LocalTime.of(2, 0)));
    assertThat(w.get(2).coverage()).isEqualTo(Coverage.ALL);
  }

  @Test
  void theWriterWritesWhatTheReaderReadsBack() throws Exception {
    PingBaseConfig c = parse("""
        maintenance:
          - { name: a, title: T, start: "2026-05-01T22:00:00Z", end: "2026-05-02T01:00:00Z", monitors: [db] }
          - { name: b, cron: "*/15 * * * *", duration: 1h30m, time-zone: Asia/Tokyo, groups: [Databases] }
          - { name: c, days: [fri, mon], from: "08:00", to: "09:30", all: true }
        """);
    for (MaintenanceWindow w : c.maintenance()) {
      var json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(MaintenanceWriter.toMap(w));
      MaintenanceWindow back = MaintenanceReader.read(ConfigNode.fromJson(json), ZoneId.of("UTC"), MonitorSource.FILE,
          MaintenanceReader.References.UNCHECKED);
      assertThat(back).as(w.name()).isEqualTo(w);
    }
  }

  @Test
  void mistakesAreNamedWithTheirPath() {
    assertThat(errors("""
        maintenance:
          - name: a
            days: [mon, thursday, funday]
            from: "25:00"
            to: 2am
            all: true
          - name: b
            start: 2026-05-02T10:00:00Z
            end: 2026-05-02T09:00:00Z
            all: true
          - name: c
            cron: "61 * * * *"
            duration: 1h
            all: true
          - name: d
            cron: "0 3 * *"
            monitors: [dbb, nope]
            groups: [databases]
          - name: e
            all: true
          - name: f
            start: 2026-05-02T10:00:00Z
            end: tomorrow
            days: [mon]
            all: true
          - name: g
            start: 2026-05-02T10:00:00Z
            end: 2026-05-02T11:00:00Z
          - name: a
            start: 2026-05-02T10:00:00Z
            end: 2026-05-02T11:00:00Z
            time-zone: Mars/Olympus
            all: true
            monitors: [db]
            colour: red
        """)).containsExactly(
        "pingbase.yml:6:11: maintenance[0].days: unknown day \"funday\" (one of: mon, tue, wed, thu, fri, sat, sun)",
        "pingbase.yml:7:11: maintenance[0].from: must be a time of day such as \"02:00\" or \"23:30\" (24-hour, local to the window's time-zone), was \"25:00\"",
        "pingbase.yml:8:9: maintenance[0].to: must be a time of day such as \"02:00\" or \"23:30\" (24-hour, local to the window's time-zone), was \"2am\"",
        "pingbase.yml:12:10: maintenance[1].end: must be after start (2026-05-02T10:00:00Z), was \"2026-05-02T09:00:00Z\"",
        "pingbase.yml:15:11: maintenance[2].cron: invalid cron expression \"61 * * * *\": Failed to parse cron expression. Value 61 not in range [0, 59]",
        "pingbase.yml:18:5: maintenance[3].duration: required key is missing",
        "pingbase.yml:19:11: maintenance[3].cron: cron expression must have 5 fields (minute hour day-of-month month day-of-week), had 4: \"0 3 * *\"",
        "pingbase.yml:20:15: maintenance[3].monitors: no monitor with id \"dbb\"; did you mean \"db\"?",
        "pingbase.yml:20:15: maintenance[3].monitors: no monitor with id \"nope\"",
        "pingbase.yml:21:13: maintenance[3].groups: no group named \"databases\"; did you mean \"Databases\"?",
        "pingbase.yml:22:5: maintenance[4]: needs a schedule: start and end (once), cron and duration (recurring), or days, from and to (weekly)",
        "pingbase.yml:24:5: maintenance[5]: has more than one schedule (start/end, days/from/to); give exactly one of start and end (once), cron and duration (recurring), or days, from and to (weekly)",
        "pingbase.yml:29:5: maintenance[6]: must say what it covers: monitors (ids), groups (names), or all: true",
        "pingbase.yml:35:16: maintenance[7].time-zone: unknown time zone \"Mars/Olympus\"; use a region such as Europe/Berlin or UTC",
        "pingbase.yml:36:10: maintenance[7].all: all: true covers every monitor; leave out monitors and groups, or all",
        "pingbase.yml:38:5: maintenance[7].colour: unknown key; expected one of: name, title, time-zone, start, end, cron, duration, days, from, to, monitors, groups, all");
  }

  @Test
  void namesAreUnique() {
    assertThat(errors("""
        maintenance:
          - { name: x, start: "2026-05-02T10:00:00Z", end: "2026-05-02T11:00:00Z", all: true }
          - { name: x, start: "2026-05-03T10:00:00Z", end: "2026-05-03T11:00:00Z", all: true }
        """)).containsExactly(
        "pingbase.yml:6:13: maintenance[1].name: duplicate maintenance window \"x\", also used by maintenance[0]");
  }

  @Test
  void aConfigWithoutTheSectionHasNoWindows() throws Exception {
    assertThat(parse("").maintenance()).isEmpty();
  }
}
