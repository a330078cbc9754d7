package io.pingbase.check.heartbeat;

import java.time.Duration;

/** Durations in the short form the config uses ("6m12s", "1h", "0s"), for heartbeat messages. */
public final class HeartbeatText {
  private HeartbeatText() {}

  /** Whole seconds, largest units first; below one second, milliseconds ("250ms"). */
  public static String duration(Duration d) {
    if (d.isNegative()) {
      return "-" + duration(d.negated());
    }
    long seconds = d.getSeconds();
    if (seconds == 0) {
      long ms = d.toMillis();
      return ms == 0 ? "0s" : ms + "ms";
    }
    StringBuilder out = new StringBuilder();
    long days = seconds / 86_400;
    long hours = seconds / 3_600 % 24;
    long minutes = seconds / 60 % 60;
    long secs = seconds % 60;
    if (days > 0) {
      out.append(days).append('d');
    }
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (secs > 0) {
      out.append(secs).append('s');
    }
    return out.toString();
  }
}
