package io.pingbase.store.jdbc;

import io.pingbase.statuspage.Incident;
import io.pingbase.statuspage.StatusPage;
import io.pingbase.store.StatusPageStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Status pages in {@code status_page}, incidents in {@code incident} and {@code incident_update}. */
final class JdbcStatusPageStore implements StatusPageStore {
  private final Jdbc jdbc;
  private final InstantSource clock;

  JdbcStatusPageStore(Jdbc jdbc, InstantSource clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public List<StatusPage> all() {
    return jdbc.withConnection("read status pages", c -> Jdbc.list(c,
        "SELECT id, workspace, slug, domain, spec FROM status_page ORDER BY id",
        rs -> StatusPageJson.read(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))));
  }

  @Override
  public StatusPage save(StatusPage p) {
    long now = clock.millis();
    String spec = StatusPageJson.write(p);
    return jdbc.inTransaction("save status page '" + p.slug() + "'", c -> {
      if (p.id() == 0) {
        long id = Jdbc.first(c, """
            INSERT INTO status_page (workspace, slug, domain, spec, created_ms, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1), p.workspace(), p.slug(), p.domain(), spec,
            now, now).orElseThrow();
        return p.withId(id);
      }
      Jdbc.update(c, "UPDATE status_page SET slug = ?, domain = ?, spec = ?, updated_ms = ? WHERE id = ?",
          p.slug(), p.domain(), spec, now, p.id());
      return p;
    });
  }

  @Override
  public boolean delete(long id) {
    return jdbc.inTransaction("delete status page " + id, c -> {
      Jdbc.update(c, "DELETE FROM incident_update WHERE incident_id IN (SELECT id FROM incident WHERE page_id = ?)", id);
      Jdbc.update(c, "DELETE FROM incident WHERE page_id = ?", id);
      return Jdbc.update(c, "DELETE FROM status_page WHERE id = ?", id) == 1;
    });
  }

  private static final String INCIDENT = "SELECT id, page_id, title, impact, status, created_ms, resolved_ms FROM incident";

  @Override
  public List<Incident> incidents(long pageId, Instant since, int limit) {
    return jdbc.withConnection("read incidents of page " + pageId, c -> {
      List<Incident> heads = Jdbc.list(c, INCIDENT + " WHERE page_id = ? AND (created_ms >= ? OR resolved_ms IS NULL)"
          + " ORDER BY created_ms DESC, id DESC LIMIT ?",
          JdbcStatusPageStore::head, pageId, since.toEpochMilli(), limit);
      List<Incident> out = new ArrayList<>(heads.size());
      for (Incident i : heads) {
        out.add(withUpdates(c, i));
      }
      return out;
    });
  }

  @Override
  public Optional<Incident> incident(long pageId, long id) {
    return jdbc.withConnection("read incident " + id, c -> {
      Optional<Incident> head = Jdbc.first(c, INCIDENT + " WHERE page_id = ? AND id = ?", JdbcStatusPageStore::head,
          pageId, id);
      return head.isEmpty() ? Optional.<Incident>empty() : Optional.of(withUpdates(c, head.get()));
    });
  }

  @Override
  public Incident createIncident(long pageId, String title, Incident.Impact impact, Incident.Status status,
      String message, Instant at) {
    return jdbc.inTransaction("create an incident on page " + pageId, c -> {
      long id = Jdbc.first(c, """
          INSERT INTO incident (page_id, title, impact, status, created_ms, resolved_ms) VALUES (?, ?, ?, ?, ?, ?)
          RETURNING id""", rs -> rs.getLong(1), pageId, title, impact.wire(), status.wire(), at.toEpochMilli(),
          status == Incident.Status.RESOLVED ? at.toEpochMilli() : null).orElseThrow();
      Jdbc.update(c, "INSERT INTO incident_update (incident_id, status, message, at_ms) VALUES (?, ?, ?, ?)",
          id, status.wire(), message, at.toEpochMilli());
      return withUpdates(c, Jdbc.first(c, INCIDENT + " WHERE id = ?", JdbcStatusPageStore::head, id).orElseThrow());
    });
  }

  @Override
  public Optional<Incident> addUpdate(long pageId, long incidentId, Incident.Status status, String message,
      Instant at) {
    return jdbc.inTransaction("update incident " + incidentId, c -> {
      int n = Jdbc.update(c, """
          UPDATE incident SET status = ?, resolved_ms = CASE WHEN ? THEN COALESCE(resolved_ms, ?) ELSE NULL END
          WHERE id = ? AND page_id = ?""", status.wire(), status == Incident.Status.RESOLVED, at.toEpochMilli(),
          incidentId, pageId);
      if (n == 0) {
        return Optional.<Incident>empty();
      }
      Jdbc.update(c, "INSERT INTO incident_update (incident_id, status, message, at_ms) VALUES (?, ?, ?, ?)",
          incidentId, status.wire(), message, at.toEpochMilli());
      return Optional.of(withUpdates(c, Jdbc.first(c, INCIDENT + " WHERE id = ?", JdbcStatusPageStore::head,
          incidentId).orElseThrow()));
    });
  }

  @Override
  public boolean deleteIncident(long pageId, long id) {
    return jdbc.inTransaction("delete incident " + id, c -> {
      Jdbc.update(c, "DELETE FROM incident_update WHERE incident_id IN (SELECT id FROM incident WHERE id = ? AND page_id = ?)",
          id, pageId);
      return Jdbc.update(c, "DELETE FROM incident WHERE id = ? AND page_id = ?", id, pageId) == 1;
    });
  }

  private static Incident head(java.sql.ResultSet rs) throws SQLException {
    Long resolved = Jdbc.longOrNull(rs, 7);
    return new Incident(rs.getLong(1), rs.getLong(2), rs.getString(3),
        Incident.Impact.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
        Incident.Status.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), Instant.ofEpochMilli(rs.getLong(6)),
        resolved == null ? null : Instant.ofEpochMilli(resolved), List.of());
  }

  private static Incident withUpdates(Connection c, Incident i) throws SQLException {
    List<Incident.Update> updates = Jdbc.list(c,
        "SELECT id, status, message, at_ms FROM incident_update WHERE incident_id = ? ORDER BY at_ms, id",
        rs -> new Incident.Update(rs.getLong(1), Incident.Status.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
            rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))), i.id());
    return new Incident(i.id(), i.pageId(), i.title(), i.impact(), i.status(), i.created(), i.resolved(), updates);
  }
}
