package io.pingbase.store.jdbc;

import io.pingbase.check.heartbeat.Ping;
import io.pingbase.check.heartbeat.PingState;
import io.pingbase.store.HeartbeatStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Heartbeat ping states in the {@code heartbeat} table: one row per monitor id, upserted. */
final class JdbcHeartbeatStore implements HeartbeatStore {
  private static final String COLUMNS = "monitor_id, last_ms, kind, exit_code, body, body_bytes, completed_ms, "
      + "failed, run_exit, started_ms, duration_us, pings";
  private static final String UPSERT = "INSERT INTO heartbeat (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      + "ON CONFLICT (monitor_id) DO UPDATE SET last_ms = excluded.last_ms, kind = excluded.kind, "
      + "exit_code = excluded.exit_code, body = excluded.body, body_bytes = excluded.body_bytes, "
      + "completed_ms = excluded.completed_ms, failed = excluded.failed, run_exit = excluded.run_exit, "
      + "started_ms = excluded.started_ms, duration_us = excluded.duration_us, pings = excluded.pings";

  private final Jdbc jdbc;

  JdbcHeartbeatStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, PingState> loadAll() {
    List<Map.Entry<String, PingState>> rows = jdbc.withConnection("load heartbeat pings", c ->
        Jdbc.list(c, "SELECT " + COLUMNS + " FROM heartbeat ORDER BY monitor_id", JdbcHeartbeatStore::row));
    Map<String, PingState> out = new LinkedHashMap<>();
    rows.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @Override
  public void saveAll(Map<String, PingState> states) {
    if (states.isEmpty()) {
      return;
    }
    jdbc.inTransaction("save " + states.size() + " heartbeat pings", c -> {
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        for (Map.Entry<String, PingState> e : states.entrySet()) {
          PingState s = e.getValue();
          Ping last = s.last();
          Jdbc.bind(ps, e.getKey(), last.at().toEpochMilli(), last.kind().wire(), last.exitCode(), last.body(),
              last.bodyBytes(), millis(s.completedAt()), s.failed(), s.exitCode(), millis(s.startedAt()),
              s.durationMicros(), s.pings());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  private static Long millis(Instant at) {
    return at == null ? null : at.toEpochMilli();
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Long ms = Jdbc.longOrNull(rs, column);
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }

  private static Map.Entry<String, PingState> row(ResultSet rs) throws SQLException {
    Long exit = Jdbc.longOrNull(rs, 4);
    Ping last = new Ping(Instant.ofEpochMilli(rs.getLong(2)), Ping.Kind.ofWire(rs.getString(3)),
        exit == null ? null : exit.intValue(), rs.getString(5), rs.getLong(6));
    Long runExit = Jdbc.longOrNull(rs, 9);
    PingState state = new PingState(last, instant(rs, 7), rs.getBoolean(8), runExit == null ? null : runExit.intValue(),
        instant(rs, 10), Jdbc.longOrNull(rs, 11), rs.getLong(12));
    return Map.entry(rs.getString(1), state);
  }
}
