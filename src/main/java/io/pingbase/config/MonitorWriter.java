package io.pingbase.config;

import io.pingbase.check.Target;
import io.pingbase.monitor.AlertRoute;
import io.pingbase.monitor.Monitor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a monitor definition with the keys {@link MonitorReader} reads, for the API and the CLI:
 * what the API returns can be sent back unchanged. Every value is written out, defaults included,
 * so the result means the same under other defaults; optional values that are unset are left out.
 * Durations are in canonical form ({@code 1m30s}).
 *
 * <p>Only the definition is written: runtime state (status, paused) and the source belong beside
 * it in an API response, not inside it, or the object could not be posted back.
 */
public final class MonitorWriter {
  private MonitorWriter() {}

  /** An ordered map of Strings, Integers, Booleans, lists and nested maps that Jackson or SnakeYAML write as they are. */
  public static Map<String, Object> toMap(Monitor monitor) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", monitor.id());
    out.put("name", monitor.name());
    Target target = monitor.target();
    out.put("type", target.type());
    TargetFormats.write(target, out);
    out.put("interval", Durations.format(monitor.interval()));
    out.put("timeout", Durations.format(monitor.timeout()));
    if (monitor.degradedAfter() != null) {
      out.put("degraded-after", Durations.format(monitor.degradedAfter()));
    }
    if (monitor.group() != null) {
      out.put("group", monitor.group());
    }
    Map<String, Object> confirmation = new LinkedHashMap<>();
    confirmation.put("rechecks", monitor.confirmation().rechecks());
    confirmation.put("spacing", Durations.format(monitor.confirmation().spacing()));
    out.put("confirmation", Collections.unmodifiableMap(confirmation));
    AlertRoute alerts = monitor.alerts();
    if (!alerts.isEmpty()) {
      Map<String, Object> a = new LinkedHashMap<>();
      if (!alerts.channels().isEmpty()) {
        a.put("channels", alerts.channels());
      }
      if (alerts.remindEvery() != null) {
        a.put("remind-every", Durations.format(alerts.remindEvery()));
      }
      if (alerts.escalateAfter() != null) {
        a.put("escalate-after", Durations.format(alerts.escalateAfter()));
        a.put("escalate-to", alerts.escalateTo());
      }
      out.put("alerts", Collections.unmodifiableMap(a));
    }
    return Collections.unmodifiableMap(out);
  }
}
