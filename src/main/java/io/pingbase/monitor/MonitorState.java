package io.pingbase.monitor;

/** Where a monitor stands. Each state has a stable numeric code for storage: never renumber. */
public enum MonitorState {
  /** No result yet (new, or just resumed). */
  PENDING(0),
  /** Answering within its thresholds. */
  UP(1),
  /** Answering, but slower than the monitor's {@code degraded-after} threshold. */
  DEGRADED(2),
  /** Not answering, confirmed by re-checks. */
  DOWN(3),
  /** Not being checked on purpose. */
  PAUSED(4);

  private final int code;

  MonitorState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Reachable, whether fast or slow: what counts as "up" for uptime. */
  public boolean isAvailable() {
    return this == UP || this == DEGRADED;
  }

  public static MonitorState ofCode(int code) {
    for (MonitorState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown monitor state code " + code);
  }
}
