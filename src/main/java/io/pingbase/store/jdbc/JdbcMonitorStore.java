package io.pingbase.store.jdbc;

import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.store.MonitorStore;
import io.pingbase.store.StoredMonitor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Monitor definitions in the {@code monitor} table. Deleting only sets {@code deleted_ms}: results
 * and events point at the row's {@code ref}, and saving the same id again revives the row, so the
 * history shows up again. Credentials in the spec are encrypted when a key is set ({@link SecretFields}).
 */
final class JdbcMonitorStore implements MonitorStore {
  private static final String COLUMNS =
      "ref, id, name, group_name, source, spec, paused, state, state_since_ms, created_ms, updated_ms";

  // On conflict with a live monitor: replace the definition, keep paused/state/created.
  // With a deleted one: revive it as if new (not paused, PENDING, no since) but keep ref and
  // created_ms, so its history stays attached. SET expressions see the old row, so the CASEs read
  // the deleted_ms from before this statement.
  private static final String UPSERT = """
      INSERT INTO monitor (id, workspace, name, type, group_name, source, spec, paused, state, state_since_ms,
                           created_ms, updated_ms, deleted_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL)
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, type = excluded.type, group_name = excluded.group_name,
        source = excluded.source, spec = excluded.spec, updated_ms = excluded.updated_ms,
        paused = CASE WHEN monitor.deleted_ms IS NULL THEN monitor.paused ELSE excluded.paused END,
        state = CASE WHEN monitor.deleted_ms IS NULL THEN monitor.state ELSE excluded.state END,
        state_since_ms = CASE WHEN monitor.deleted_ms IS NULL THEN monitor.state_since_ms ELSE NULL END,
        deleted_ms = NULL
      RETURNING\s""" + COLUMNS;

  private final Jdbc jdbc;
  private final InstantSource clock;
  private final SecretFields secrets;

  JdbcMonitorStore(Jdbc jdbc, InstantSource clock, SecretFields secrets) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.secrets = secrets;
  }

  @Override
  public List<StoredMonitor> list() {
    return jdbc.withConnection("list monitors", c -> Jdbc.list(c,
        "SELECT " + COLUMNS + " FROM monitor WHERE deleted_ms IS NULL ORDER BY id", this::row));
  }

  @Override
  public Optional<StoredMonitor> find(String id) {
    return jdbc.withConnection("find monitor '" + id + "'", c -> Jdbc.first(c,
        "SELECT " + COLUMNS + " FROM monitor WHERE id = ? AND deleted_ms IS NULL", this::row, id));
  }

  @Override
  public StoredMonitor save(Monitor m) {
    long now = clock.millis();
    return jdbc.inTransaction("save monitor '" + m.id() + "'", c -> Jdbc.first(c, UPSERT, this::row,
            m.id(), WorkspaceKey.workspaceOf(m.id()), m.name(), m.target().type(), m.group(),
            MonitorJson.source(m.source()), secrets.sealMonitor(MonitorJson.spec(m)),
            false, MonitorState.PENDING.code(), now, now)
        .orElseThrow(() -> new IllegalStateException("saving monitor '" + m.id() + "' returned no row")));
  }

  @Override
  public List<StoredMonitor> saveAll(List<Monitor> monitors) {
    if (monitors.isEmpty()) {
      return List.of();
    }
    long now = clock.millis();
    return jdbc.inTransaction("save " + monitors.size() + " monitors", c -> {
      List<StoredMonitor> saved = new java.util.ArrayList<>(monitors.size());
      for (Monitor m : monitors) {
        saved.add(Jdbc.first(c, UPSERT, this::row,
                m.id(), WorkspaceKey.workspaceOf(m.id()), m.name(), m.target().type(), m.group(),
                MonitorJson.source(m.source()), secrets.sealMonitor(MonitorJson.spec(m)),
                false, MonitorState.PENDING.code(), now, now)
            .orElseThrow(() -> new IllegalStateException("saving monitor '" + m.id() + "' returned no row")));
      }
      return saved;
    });
  }

  @Override
  public boolean delete(String id) {
    long now = clock.millis();
    return jdbc.withConnection("delete monitor '" + id + "'", c -> Jdbc.update(c,
        "UPDATE monitor SET deleted_ms = ?, updated_ms = ? WHERE id = ? AND deleted_ms IS NULL", now, now, id)) > 0;
  }

  @Override
  public void setPaused(String id, boolean paused) {
    long now = clock.millis();
    int n = jdbc.withConnection("set monitor '" + id + "' paused=" + paused, c -> Jdbc.update(c,
        "UPDATE monitor SET paused = ?, updated_ms = ? WHERE id = ? AND deleted_ms IS NULL", paused, now, id));
    if (n == 0) {
      throw new IllegalArgumentException("no monitor with id '" + id + "'");
    }
  }

  private StoredMonitor row(ResultSet rs) throws SQLException {
    String id = rs.getString(2);
    Monitor monitor = MonitorJson.monitor(id, rs.getString(3), rs.getString(4), rs.getString(5),
        secrets.openMonitor(id, rs.getString(6)));
    Long since = Jdbc.longOrNull(rs, 9);
    return new StoredMonitor(rs.getLong(1), monitor, rs.getBoolean(7), MonitorState.ofCode(rs.getInt(8)),
        since == null ? null : Instant.ofEpochMilli(since),
        Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)));
  }
}
