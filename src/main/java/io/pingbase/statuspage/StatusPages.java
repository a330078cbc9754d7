package io.pingbase.statuspage;

import io.pingbase.account.AccountException;
import io.pingbase.account.PlanLimits;
import io.pingbase.store.StatusPageStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The server's status pages: kept in memory (a reader's request never waits for the database to
 * find its page), written through to the store. Slugs and domains are unique on the server; a
 * workspace sees only its own pages. Listeners hear of every change to a page or its incidents.
 */
public final class StatusPages {
  /** Incidents a page shows: the open ones and those of the last days. */
  public static final int MAX_INCIDENTS = 50;

  private final StatusPageStore store;
  private final Function<String, PlanLimits> limits;
  private final InstantSource clock;
  /** Every page by slug, and those with a domain by domain: a reader's request is one map lookup. */
  private final Map<String, StatusPage> bySlug = new ConcurrentHashMap<>();
  private final Map<String, StatusPage> byDomain = new ConcurrentHashMap<>();
  private final List<Consumer<StatusPage>> listeners = new CopyOnWriteArrayList<>();

  public StatusPages(StatusPageStore store, Function<String, PlanLimits> limits, InstantSource clock) {
    this.store = store;
    this.limits = limits;
    this.clock = clock;
    store.all().forEach(this::index);
  }

  /** Calls {@code listener} after every change of a page, its settings or its incidents. */
  public void onChange(Consumer<StatusPage> listener) {
    listeners.add(listener);
  }

  public List<StatusPage> all() {
    return bySlug.values().stream().sorted(Comparator.comparing(StatusPage::slug)).toList();
  }

  /** The workspace's pages, by slug. */
  public List<StatusPage> list(String workspace) {
    return all().stream().filter(p -> p.workspace().equals(workspace)).toList();
  }

  /** A page by slug, for its readers (any workspace). */
  public Optional<StatusPage> bySlug(String slug) {
    return slug == null ? Optional.empty() : Optional.ofNullable(bySlug.get(slug));
  }

  /** The page served at {@code /} of this host name (the Host header without its port); empty for none. */
  public Optional<StatusPage> byDomain(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byDomain.get(host.toLowerCase(Locale.ROOT)));
  }

  /** The workspace's page with this slug; another workspace's page is "not found" like a missing one. */
  public StatusPage find(String workspace, String slug) {
    return bySlug(slug).filter(p -> p.workspace().equals(workspace))
        .orElseThrow(() -> StatusPageException.notFound("no status page " + quote(slug)));
  }

  /** Stores a new page (id 0) of its workspace, within the plan's {@code status-pages} limit. */
  public synchronized StatusPage create(StatusPage page) {
    PlanLimits plan = limits.apply(page.workspace());
    if (plan.statusPages() != null && list(page.workspace()).size() >= plan.statusPages()) {
      throw AccountException.limit("status-pages", "this workspace's plan allows " + plan.statusPages()
          + " status page" + (plan.statusPages() == 1 ? "" : "s"));
    }
    checkUnique(page, -1);
    return saved(store.save(page.withId(0)));
  }

  /** Replaces the workspace's page {@code slug} with {@code page} (which may have a new slug). */
  public synchronized StatusPage update(String slug, StatusPage page) {
    StatusPage old = find(page.workspace(), slug);
    checkUnique(page, old.id());
    return saved(store.save(page.withId(old.id())));
  }

  public synchronized void delete(String workspace, String slug) {
    StatusPage page = find(workspace, slug);
    store.delete(page.id());
    unindex(page);
    changed(page);
  }

  /** Open incidents, and those created since {@code since}; newest first. */
  public List<Incident> incidents(StatusPage page, Instant since) {
    return store.incidents(page.id(), since, MAX_INCIDENTS);
  }

  public Incident incident(StatusPage page, long id) {
    return store.incident(page.id(), id).orElseThrow(() -> StatusPageException.notFound("no incident " + id
        + " on status page " + quote(page.slug())));
  }

  public Incident openIncident(StatusPage page, String title, Incident.Impact impact, Incident.Status status,
      String message) {
    Incident i = store.createIncident(page.id(), title, impact, status, message, clock.instant());
    changed(page);
    return i;
  }

  public Incident addUpdate(StatusPage page, long incident, Incident.Status status, String message) {
    Incident i = store.addUpdate(page.id(), incident, status, message, clock.instant())
        .orElseThrow(() -> StatusPageException.notFound("no incident " + incident + " on status page "
            + quote(page.slug())));
    changed(page);
    return i;
  }

  public void deleteIncident(StatusPage page, long incident) {
    if (!store.deleteIncident(page.id(), incident)) {
      throw StatusPageException.notFound("no incident " + incident + " on status page " + quote(page.slug()));
    }
    changed(page);
  }

  private void checkUnique(StatusPage page, long self) {
    for (StatusPage other : bySlug.values()) {
      if (other.id() == self) {
        continue;
      }
      if (other.slug().equals(page.slug())) {
        // The same answer whichever workspace has it: the slug is taken on this server.
        throw StatusPageException.conflict("slug", "the slug " + quote(page.slug()) + " is taken; choose another");
      }
      if (page.domain() != null && page.domain().equals(other.domain())) {
        throw StatusPageException.conflict("domain", "the domain " + quote(page.domain()) + " is used by another status page");
      }
    }
  }

  private StatusPage saved(StatusPage page) {
    bySlug.values().stream().filter(p -> p.id() == page.id()).findFirst().ifPresent(this::unindex);
    index(page);
    changed(page);
    return page;
  }

  /** The ids of the workspace's pages, in no order (for marking them changed). */
  public List<Long> ids(String workspace) {
    return bySlug.values().stream().filter(p -> p.workspace().equals(workspace)).map(StatusPage::id).toList();
  }

  private void index(StatusPage page) {
    bySlug.put(page.slug(), page);
    if (page.domain() != null) {
      byDomain.put(page.domain(), page);
    }
  }

  private void unindex(StatusPage page) {
    bySlug.remove(page.slug());
    if (page.domain() != null) {
      byDomain.remove(page.domain());
    }
  }

  private void changed(StatusPage page) {
    listeners.forEach(l -> l.accept(page));
  }

  private static String quote(String s) {
    return "'" + s + "'";
  }
}
