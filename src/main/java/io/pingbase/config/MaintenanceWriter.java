package io.pingbase.config;

import io.pingbase.maintenance.Coverage;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.maintenance.Schedule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a maintenance window with the keys {@link MaintenanceReader} reads: what the API returns
 * can be sent back unchanged. The time zone is always written, so a window means the same when
 * {@code alerting.time-zone} changes later.
 */
public final class MaintenanceWriter {
  private MaintenanceWriter() {}

  public static Map<String, Object> toMap(MaintenanceWindow w) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", w.name());
    if (w.title() != null) {
      out.put("title", w.title());
    }
    out.put("time-zone", w.zone().getId());
    switch (w.schedule()) {
      case Schedule.OneOff o -> {
        out.put("start", o.start().atZone(w.zone()).toOffsetDateTime().toString());
        out.put("end", o.end().atZone(w.zone()).toOffsetDateTime().toString());
      }
      case Schedule.Cron c -> {
        out.put("cron", c.cron().toString());
        out.put("duration", Durations.format(c.duration()));
      }
      case Schedule.Weekly wk -> {
        out.put("days", wk.days().stream().sorted().map(MaintenanceReader::dayName).toList());
        out.put("from", wk.from().toString());
        out.put("to", wk.to().toString());
      }
    }
    Coverage c = w.coverage();
    if (c.all()) {
      out.put("all", true);
    } else {
      if (!c.monitors().isEmpty()) {
        out.put("monitors", List.copyOf(c.monitors()));
      }
      if (!c.groups().isEmpty()) {
        out.put("groups", List.copyOf(c.groups()));
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
