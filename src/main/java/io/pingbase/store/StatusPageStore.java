package io.pingbase.store;

import io.pingbase.statuspage.Incident;
import io.pingbase.statuspage.StatusPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Status pages and their incidents. Every method is one transaction. */
public interface StatusPageStore {

  /** Every page of every workspace, by id. */
  List<StatusPage> all();

  /** Inserts (id 0) or replaces (by id) a page; returns it with its id. */
  StatusPage save(StatusPage page);

  boolean delete(long id);

  /** A page's open incidents and those created at or after {@code since}, newest first, with their updates. */
  List<Incident> incidents(long pageId, Instant since, int limit);

  Optional<Incident> incident(long pageId, long id);

  /** A new incident with its first update. */
  Incident createIncident(long pageId, String title, Incident.Impact impact, Incident.Status status, String message,
      Instant at);

  /** Adds an update; the incident takes its status (RESOLVED resolves it). Empty when no such incident. */
  Optional<Incident> addUpdate(long pageId, long incidentId, Incident.Status status, String message, Instant at);

  boolean deleteIncident(long pageId, long id);
}
