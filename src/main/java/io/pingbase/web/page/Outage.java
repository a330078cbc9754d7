package io.pingbase.web.page;

import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One outage of a monitor, read from its state changes: from a change to DOWN until the next
 * change away from DOWN (or until now, while it lasts).
 *
 * @param end null while the monitor is still down
 */
public record Outage(Instant start, Instant end, String reason, String message, String duration) {

  public boolean ongoing() {
    return end == null;
  }

  /** The outages in {@code newestFirst} (state changes, newest first), newest first. */
  public static List<Outage> from(List<StoredEvent> newestFirst, Instant now) {
    List<Outage> out = new ArrayList<>();
    Instant endOfNext = null; // the end of the outage that starts at the DOWN change met next (going back)
    for (StoredEvent e : newestFirst) {
      StateChange c = e.change();
      if (c.to() == MonitorState.DOWN) {
        Instant end = endOfNext;
        out.add(new Outage(c.at(), end, c.reason() == null ? null : c.reason().name(), c.message(),
            text(Duration.between(c.at(), end == null ? now : end))));
        endOfNext = null;
      } else if (c.from() == MonitorState.DOWN) {
        endOfNext = c.at();
      } else {
        endOfNext = null;
      }
    }
    return out;
  }

  /** "3 h 12 min", "45 s". */
  public static String text(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
    if (s < 86_400) {
      return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + ((s % 3600) / 60) + " min");
    }
    return (s / 86_400) + " d" + ((s % 86_400) / 3600 == 0 ? "" : " " + ((s % 86_400) / 3600) + " h");
  }
}
