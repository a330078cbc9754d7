package io.pingbase.monitor;

/** Where a monitor's definition lives, and so who may change it. */
public enum MonitorSource {
  /** Declared in pingbase.yml: read-only through the API, changed by editing the file. */
  FILE,
  /** Created through the REST API: stored in the database only. */
  API;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
