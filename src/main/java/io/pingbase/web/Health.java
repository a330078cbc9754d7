package io.pingbase.web;

import java.util.Map;

/**
 * PingBase's own health for /healthz.
 *
 * @param healthy    false answers 503: the database is unreachable or checks are not running
 * @param components per-part detail ("database", "writer", "scheduler"), shown as JSON
 */
public record Health(boolean healthy, Map<String, Object> components) {

  @FunctionalInterface
  public interface Probe {
    Health check();
  }
}
