package io.pingbase.web.status;

import io.pingbase.statuspage.Health;
import io.pingbase.statuspage.StatusPage;
import java.time.Instant;
import java.util.List;

/**
 * What a status page shows at one moment: built once per refresh of the cache, then rendered as
 * HTML, JSON and Atom. Holds display names only (and targets when the page opts in).
 *
 * @param built when it was built (readers see "updated ...")
 */
public record StatusView(StatusPage page, Health health, List<Section> sections, List<IncidentView> active,
    List<IncidentView> past, List<MaintenanceView> maintenance, Instant built) {

  /** A section: its members and their worst state. */
  public record Section(String title, Health health, String uptime, List<Component> components) {}

  /**
   * One monitor as readers see it.
   *
   * @param key    the monitor's name in its workspace (badges, anchors)
   * @param target host and port, or the URL; null unless the page shows targets
   * @param uptime over the days shown ("99.95%"), or "–" without data
   */
  public record Component(String key, String name, String target, Health health, String uptime, Double percent,
      List<Day> days) {}

  /** One bar: a day's uptime (null without data), grade and tooltip ("3 Dec 2026: 99.2% up, down 11 min"). */
  public record Day(String date, Double percent, String grade, String tip) {}

  /**
   * An incident: written on the page, or opened from a monitor's confirmed outage.
   *
   * @param id        "12" for a written one, "outage-<key>-<epoch ms>" for an outage's
   * @param automatic opened from an outage
   */
  public record IncidentView(String id, String title, String impact, String status, boolean automatic,
      Instant started, Instant resolved, List<Update> updates) {
    public boolean open() {
      return resolved == null;
    }
  }

  /** One step of an incident's timeline. */
  public record Update(String status, String message, Instant at) {}

  /**
   * A maintenance window covering monitors of the page: in progress, or starting within the
   * announcement horizon.
   */
  public record MaintenanceView(String title, Instant start, Instant end, boolean inProgress, List<String> affected) {}
}
