package io.pingbase.statuspage;

import java.time.Instant;
import java.util.List;

/**
 * An incident written by people on a status page, with its updates (newest last).
 *
 * @param resolved when its status became RESOLVED; null while open
 */
public record Incident(long id, long pageId, String title, Impact impact, Status status, Instant created,
    Instant resolved, List<Update> updates) {

  public Incident {
    updates = updates == null ? List.of() : List.copyOf(updates);
  }

  /** How bad: shown as the incident's colour and in the banner while it is open. */
  public enum Impact {
    NONE, MINOR, MAJOR, CRITICAL, MAINTENANCE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Where the work stands; RESOLVED closes the incident. */
  public enum Status {
    INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One step of the story: a status and what people are told. */
  public record Update(long id, Status status, String message, Instant at) {}

  public boolean open() {
    return resolved == null;
  }
}
