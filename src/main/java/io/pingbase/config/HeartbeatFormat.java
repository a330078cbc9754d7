package io.pingbase.config;

import io.pingbase.check.Target;
import io.pingbase.check.heartbeat.CronSchedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code type: heartbeat}: {@code period} or {@code schedule} (+ {@code timezone}), {@code grace},
 * and optionally {@code token}. Without a token one is generated when the monitor is first stored
 * and kept by monitor id (see engine/HeartbeatTokens), so the ping URL survives restarts.
 */
final class HeartbeatFormat implements TargetFormat<Target.Heartbeat> {
  static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);
  static final String DEFAULT_TIMEZONE = "UTC";

  /** How often a heartbeat is judged unless it sets {@code interval}: the resolution of LATE. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  /**
   * The defaults a heartbeat gets instead of the file's: judged every 10 s (not every minute, or a
   * late job would be noticed up to a minute after its grace), and no re-checks (judging a ping
   * again gives the same answer; a success after DOWN is UP at once).
   */
  static MonitorDefaults defaults(MonitorDefaults file) {
    return new MonitorDefaults(DEFAULT_INTERVAL, file.timeoutFor(DEFAULT_INTERVAL),
        new io.pingbase.monitor.ConfirmationPolicy(0, file.confirmation().spacing()));
  }

  @Override
  public String type() {
    return "heartbeat";
  }

  @Override
  public Class<Target.Heartbeat> targetClass() {
    return Target.Heartbeat.class;
  }

  @Override
  public List<String> keys() {
    return List.of("period", "schedule", "timezone", "grace", "token");
  }

  @Override
  public Target.Heartbeat read(MapReader r) {
    boolean ok = true;
    Duration period = r.duration("period", Duration.ofSeconds(1), null);
    ok &= period != null || !r.has("period");
    String schedule = r.nonBlank("schedule", null);
    ok &= schedule != null || !r.has("schedule");
    if (!r.has("period") && !r.has("schedule")) {
      r.error("period", "a heartbeat needs either period (e.g. 5m) or schedule (a cron expression such as \"30 2 * * *\")");
      ok = false;
    } else if (r.has("period") && r.has("schedule")) {
      r.error("schedule", "give either period or schedule, not both");
      ok = false;
    }
    if (schedule != null) {
      try {
        CronSchedule.parse(schedule);
      } catch (IllegalArgumentException e) {
        r.error("schedule", e.getMessage());
        ok = false;
      }
    }
    ZoneId zone = null;
    if (r.has("timezone")) {
      String text = r.nonBlank("timezone", null);
      if (r.has("period")) {
        r.error("timezone", "applies to a schedule only; a period counts from the last ping");
        ok = false;
      } else if (text != null) {
        try {
          zone = ZoneId.of(text);
        } catch (DateTimeException e) {
          r.error("timezone", "unknown time zone " + Nodes.quote(text) + "; use an IANA name such as Europe/Berlin or UTC");
          ok = false;
        }
      } else {
        ok = false;
      }
    } else if (schedule != null) {
      zone = ZoneId.of(DEFAULT_TIMEZONE);
    }
    Duration grace = r.duration("grace", Duration.ZERO, DEFAULT_GRACE);
    ok &= grace != null;
    String token = r.nonBlank("token", null);
    if (token != null) {
      String problem = Target.Heartbeat.tokenProblem(token);
      if (problem != null) {
        r.error("token", problem);
        ok = false;
      }
    } else if (r.has("token")) {
      ok = false;
    }
    return ok ? new Target.Heartbeat(period, grace, schedule == null ? null : schedule.trim(), zone, token) : null;
  }

  @Override
  public void write(Target.Heartbeat hb, Map<String, Object> out) {
    if (hb.period() != null) {
      out.put("period", Durations.format(hb.period()));
    } else {
      out.put("schedule", hb.schedule());
      out.put("timezone", hb.timezone().getId());
    }
    out.put("grace", Durations.format(hb.grace()));
    if (hb.token() != null) {
      out.put("token", hb.token());
    }
  }
}
