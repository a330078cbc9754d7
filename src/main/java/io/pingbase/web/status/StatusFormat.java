package io.pingbase.web.status;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as a status page shows them: in the page's time zone, with the zone named. */
public record StatusFormat(ZoneId zone) {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm zzz", Locale.ENGLISH);

  public String when(Instant at) {
    return at == null ? "" : WHEN.format(at.atZone(zone));
  }

  /** For {@code <time datetime>}. */
  public String iso(Instant at) {
    return at == null ? "" : DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** "Investigating", "Resolved". */
  public String title(String wire) {
    return wire.isEmpty() ? wire : Character.toUpperCase(wire.charAt(0)) + wire.substring(1).replace('-', ' ');
  }
}
