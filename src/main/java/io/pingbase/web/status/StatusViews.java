package io.pingbase.web.status;

import io.pingbase.engine.LiveMonitor;
import io.pingbase.engine.MonitorRegistry;
import io.pingbase.maintenance.Interval;
import io.pingbase.maintenance.MaintenanceCalendar;
import io.pingbase.maintenance.MaintenanceWindow;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.statuspage.DailyUptime;
import io.pingbase.statuspage.Health;
import io.pingbase.statuspage.Incident;
import io.pingbase.statuspage.StatusPage;
import io.pingbase.statuspage.StatusPages;
import io.pingbase.store.Uptimes;
import io.pingbase.web.page.Outage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds a {@link StatusView} from the live monitors, their stored state changes (one read of
 * {@link #DAYS} days per monitor gives its bars, uptime and outages), the maintenance calendar and
 * the page's incidents.
 */
public final class StatusViews {
  /** Daily bars shown per monitor. */
  public static final int DAYS = 90;
  /** Incidents (written and from outages) listed as history. */
  static final Duration HISTORY = Duration.ofDays(14);
  /** How far ahead maintenance is announced. */
  static final Duration ANNOUNCE = Duration.ofDays(14);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private final MonitorRegistry registry;
  private final Uptimes uptimes;
  private final Supplier<MaintenanceCalendar> maintenance;
  private final StatusPages pages;
  private final InstantSource clock;

  public StatusViews(MonitorRegistry registry, Uptimes uptimes, Supplier<MaintenanceCalendar> maintenance,
      StatusPages pages, InstantSource clock) {
    this.registry = registry;
    this.uptimes = uptimes;
    this.maintenance = maintenance;
    this.pages = pages;
    this.clock = clock;
  }

  /** The monitors a section shows, in order: a group's by name, or those listed. */
  public List<LiveMonitor> members(StatusPage page, StatusPage.Section section) {
    if (section.group() != null) {
      return registry.list().stream()
          .filter(l -> WorkspaceKey.inWorkspace(l.monitor().id(), page.workspace())
              && section.group().equals(l.monitor().group()))
          .sorted(Comparator.comparing(l -> display(l).toLowerCase(Locale.ROOT))).toList();
    }
    List<LiveMonitor> out = new ArrayList<>();
    for (String id : section.monitors()) {
      registry.get(WorkspaceKey.of(page.workspace(), id)).ifPresent(out::add);
    }
    return out;
  }

  public StatusView build(StatusPage page) {
    Instant now = clock.instant();
    Instant from = now.atZone(page.zone()).toLocalDate().minusDays(DAYS - 1L).atStartOfDay(page.zone()).toInstant();
    MaintenanceCalendar calendar = maintenance.get();
    Map<String, LiveMonitor> shown = new LinkedHashMap<>();
    List<StatusView.Section> sections = new ArrayList<>();
    List<StatusView.IncidentView> outages = new ArrayList<>();
    List<Health> all = new ArrayList<>();
    for (StatusPage.Section s : page.sections()) {
      List<StatusView.Component> components = new ArrayList<>();
      for (LiveMonitor l : members(page, s)) {
        String key = WorkspaceKey.nameOf(l.monitor().id());
        Uptimes.History h = uptimes.history(l.ref(), l.monitor(), from, now);
        List<DailyUptime.Day> days = DailyUptime.of(h.initial(), h.oldestFirst(), h.maintenance(), page.zone(), DAYS,
            now);
        Double percent = DailyUptime.overall(days);
        boolean inMaintenance = calendar.windowAt(l.monitor(), now).isPresent();
        Health health = Health.of(l.status().state(), inMaintenance);
        components.add(new StatusView.Component(key, display(l), page.showTargets() ? l.monitor().target().display()
            : null, health, percent(percent), percent, days.stream().map(StatusViews::day).toList()));
        all.add(health);
        if (shown.putIfAbsent(key, l) == null) {
          outages.addAll(outages(display(l), key, h, now));
        }
      }
      Health sectionHealth = Health.of(components.stream().map(StatusView.Component::health).toList(), List.of());
      sections.add(new StatusView.Section(s.title(), sectionHealth,
          percent(DailyUptime.mean(components.stream().map(StatusView.Component::percent).toList())), components));
    }
    List<Incident> written = pages.incidents(page, now.minus(HISTORY));
    List<StatusView.IncidentView> incidents = new ArrayList<>(written.stream().map(StatusViews::incident).toList());
    incidents.addAll(outages);
    incidents.sort(Comparator.comparing(StatusView.IncidentView::started).reversed());
    Health health = Health.of(all, written.stream().filter(Incident::open).toList());
    return new StatusView(page, health, sections, incidents.stream().filter(StatusView.IncidentView::open).toList(),
        incidents.stream().filter(i -> !i.open()).toList(), maintenance(calendar, shown, now), now);
  }

  /** Each confirmed outage of the last days as an incident with its timeline. */
  private static List<StatusView.IncidentView> outages(String name, String key, Uptimes.History h, Instant now) {
    List<StatusView.IncidentView> out = new ArrayList<>();
    for (Outage o : Outage.from(h.newestFirst(), now)) {
      if (o.start().isBefore(now.minus(HISTORY)) && !o.ongoing()) {
        continue;
      }
      List<StatusView.Update> updates = new ArrayList<>();
      updates.add(new StatusView.Update("investigating", name + " is not responding. We are looking into it.",
          o.start()));
      if (!o.ongoing()) {
        updates.add(new StatusView.Update("resolved", name + " is responding again (down " + o.duration() + ").",
            o.end()));
      }
      out.add(new StatusView.IncidentView("outage-" + key + "-" + o.start().toEpochMilli(), name + " outage",
          "major", o.ongoing() ? "investigating" : "resolved", true, o.start(), o.end(), updates));
    }
    return out;
  }

  private List<StatusView.MaintenanceView> maintenance(MaintenanceCalendar calendar, Map<String, LiveMonitor> shown,
      Instant now) {
    List<StatusView.MaintenanceView> out = new ArrayList<>();
    for (MaintenanceWindow w : calendar.windows()) {
      List<String> affected = shown.values().stream().filter(l -> w.covers(l.monitor())).map(StatusViews::display)
          .toList();
      if (affected.isEmpty()) {
        continue;
      }
      for (Interval i : w.schedule().between(w.zone(), now.minus(Duration.ofDays(1)), now.plus(ANNOUNCE), 3)) {
        if (i.end().isAfter(now)) {
          out.add(new StatusView.MaintenanceView(w.title() != null ? w.title() : WorkspaceKey.nameOf(w.name()),
              i.start(), i.end(), !i.start().isAfter(now), affected));
          break;
        }
      }
    }
    out.sort(Comparator.comparing(StatusView.MaintenanceView::start));
    return out;
  }

  private static StatusView.IncidentView incident(Incident i) {
    return new StatusView.IncidentView(Long.toString(i.id()), i.title(), i.impact().wire(), i.status().wire(), false,
        i.created(), i.resolved(), i.updates().stream()
            .map(u -> new StatusView.Update(u.status().wire(), u.message(), u.at())).toList());
  }

  private static StatusView.Day day(DailyUptime.Day d) {
    String date = DAY.format(d.date());
    String tip;
    if (d.percent() == null) {
      tip = date + ": no data";
    } else {
      tip = date + ": " + percent(d.percent()) + " up";
      if (!d.down().isZero()) {
        tip += ", down " + Outage.text(d.down());
      }
      if (!d.maintenance().isZero()) {
        tip += ", maintenance " + Outage.text(d.maintenance());
      }
    }
    return new StatusView.Day(d.date().toString(), d.percent(), d.grade(), tip);
  }

  static String display(LiveMonitor l) {
    return l.monitor().name() != null ? l.monitor().name() : WorkspaceKey.nameOf(l.monitor().id());
  }

  /** "99.95%", "100%", "–" for none. Never rounds up to 100% while any time was down. */
  static String percent(Double p) {
    if (p == null) {
      return "\u2013";
    }
    if (p >= 100.0 - 1e-9) { // 100 up to the rounding of a weighted mean
      return "100%";
    }
    double floored = Math.floor(p * 100) / 100;
    return String.format(Locale.ROOT, "%.2f%%", floored);
  }
}
