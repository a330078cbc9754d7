package io.pingbase.statuspage;

import io.pingbase.monitor.MonitorState;
import java.util.Collection;
import java.util.List;

/**
 * What a status page tells its readers about a monitor, a section and the whole page: the words of
 * Statuspage and its peers, from the monitors' states, maintenance in force and open incidents.
 * Pure.
 */
public enum Health {
  OPERATIONAL("Operational", "All systems operational"),
  MAINTENANCE("Under maintenance", "Maintenance in progress"),
  DEGRADED("Degraded performance", "Degraded performance"),
  PARTIAL_OUTAGE("Partial outage", "Partial outage"),
  MAJOR_OUTAGE("Major outage", "Major outage"),
  /** Paused, or no result yet: not counted in the page's health. */
  NO_DATA("No data", "No data yet");

  private final String label;
  private final String banner;

  Health(String label, String banner) {
    this.label = label;
    this.banner = banner;
  }

  /** For a component's line ("Degraded performance"). */
  public String label() {
    return label;
  }

  /** For the page's banner ("All systems operational"). */
  public String banner() {
    return banner;
  }

  /** "partial-outage": CSS classes and the JSON. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** One monitor: DOWN is an outage of that component, shown as major. */
  public static Health of(MonitorState state, boolean inMaintenance) {
    if (inMaintenance && state != MonitorState.PAUSED) {
      return MAINTENANCE;
    }
    return switch (state) {
      case UP -> OPERATIONAL;
      case DEGRADED -> DEGRADED;
      case DOWN -> MAJOR_OUTAGE;
      case PENDING, PAUSED -> NO_DATA;
    };
  }

  /**
   * Several components together (a section, the page): every counted one down is a major
   * outage, some down a partial one, any degraded is degraded; maintenance shows when nothing is
   * worse; open incidents raise it to their impact.
   */
  public static Health of(Collection<Health> components, List<Incident> openIncidents) {
    int counted = 0;
    int down = 0;
    boolean degraded = false;
    boolean maintenance = false;
    for (Health h : components) {
      switch (h) {
        case MAJOR_OUTAGE -> {
          counted++;
          down++;
        }
        case DEGRADED -> {
          counted++;
          degraded = true;
        }
        case OPERATIONAL -> counted++;
        case MAINTENANCE -> maintenance = true;
        default -> { }
      }
    }
    Health h = down > 0 && down == counted ? MAJOR_OUTAGE : down > 0 ? PARTIAL_OUTAGE : degraded ? DEGRADED
        : maintenance ? MAINTENANCE : counted == 0 && components.stream().allMatch(c -> c == NO_DATA)
        && !components.isEmpty() ? NO_DATA : OPERATIONAL;
    for (Incident i : openIncidents) {
      Health raised = switch (i.impact()) {
        case CRITICAL -> MAJOR_OUTAGE;
        case MAJOR -> PARTIAL_OUTAGE;
        case MINOR -> DEGRADED;
        case MAINTENANCE -> MAINTENANCE;
        case NONE -> OPERATIONAL;
      };
      if (i.open() && raised.worse(h)) {
        h = raised;
      }
    }
    return h;
  }

  /** Ordered by how bad: NO_DATA and OPERATIONAL lowest. */
  public boolean worse(Health other) {
    return rank() > other.rank();
  }

  private int rank() {
    return this == NO_DATA ? -1 : ordinal();
  }
}
