package io.pingbase.store.jdbc;

import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.store.EventStore;
import io.pingbase.store.StoredEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * State changes in {@code state_event}, each written together with the monitor's current state
 * so that the two never disagree.
 */
final class JdbcEventStore implements EventStore {
  private static final String SELECT = """
      SELECT e.id, e.monitor_ref, m.id, e.from_state, e.to_state, e.at_ms, e.reason, e.message, e.response_us
      FROM state_event e JOIN monitor m ON m.ref = e.monitor_ref
      """;

  private final Jdbc jdbc;

  JdbcEventStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void append(StateChange change) {
    long at = change.at().toEpochMilli();
    jdbc.inTransaction("record state change of monitor '" + change.monitorId() + "' to " + change.to(), c -> {
      // The state it leaves began at the monitor's stored since-time: kept with the event, so a
      // recovery's alert can say how long the monitor was down.
      Long prevSince = Jdbc.first(c, "SELECT state_since_ms FROM monitor WHERE ref = ?",
          rs -> Jdbc.longOrNull(rs, 1), change.monitorRef()).orElse(null);
      // alert_pending = 1: the outbox entry, committed with the change or not at all.
      Jdbc.update(c, """
          INSERT INTO state_event (monitor_ref, at_ms, from_state, to_state, reason, message, response_us,
                                   alert_pending, prev_since_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)""",
          change.monitorRef(), at, change.from().code(), change.to().code(),
          change.reason() == null ? null : change.reason().code(), change.message(),
          change.responseMicros() < 0 ? null : JdbcResultStore.saturate(change.responseMicros()), prevSince);
      int n = Jdbc.update(c, "UPDATE monitor SET state = ?, state_since_ms = ? WHERE ref = ?",
          change.to().code(), at, change.monitorRef());
      if (n == 0) { // unreachable while the foreign key holds; kept as the invariant's guard
        throw new IllegalArgumentException("no monitor with ref " + change.monitorRef());
      }
      return null;
    });
  }

  @Override
  public List<StoredEvent> events(Long monitorRef, Instant from, Instant to, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    String order = " ORDER BY e.at_ms DESC, e.id DESC LIMIT ?";
    return jdbc.withConnection("read state changes", c -> monitorRef == null
        ? Jdbc.list(c, SELECT + "WHERE e.at_ms >= ? AND e.at_ms < ?" + order, JdbcEventStore::row,
            from.toEpochMilli(), to.toEpochMilli(), limit)
        : Jdbc.list(c, SELECT + "WHERE e.monitor_ref = ? AND e.at_ms >= ? AND e.at_ms < ?" + order,
            JdbcEventStore::row, monitorRef, from.toEpochMilli(), to.toEpochMilli(), limit));
  }

  @Override
  public List<StoredEvent> eventsIn(String workspace, Instant from, Instant to, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    return jdbc.withConnection("read state changes of workspace '" + workspace + "'", c -> Jdbc.list(c,
        SELECT + "WHERE m.workspace = ? AND e.at_ms >= ? AND e.at_ms < ? ORDER BY e.at_ms DESC, e.id DESC LIMIT ?",
        JdbcEventStore::row, workspace, from.toEpochMilli(), to.toEpochMilli(), limit));
  }

  @Override
  public Optional<StateChange> lastBefore(long monitorRef, Instant at) {
    return jdbc.withConnection("read the state of monitor ref " + monitorRef + " before " + at, c -> Jdbc.first(c,
        SELECT + "WHERE e.monitor_ref = ? AND e.at_ms < ? ORDER BY e.at_ms DESC, e.id DESC",
        JdbcEventStore::row, monitorRef, at.toEpochMilli()).map(StoredEvent::change));
  }

  private static StoredEvent row(ResultSet rs) throws SQLException {
    int reason = Jdbc.intOr(rs, 7, -1);
    var change = new StateChange(rs.getLong(2), rs.getString(3),
        MonitorState.ofCode(rs.getInt(4)), MonitorState.ofCode(rs.getInt(5)), Instant.ofEpochMilli(rs.getLong(6)),
        reason < 0 ? null : FailureReason.ofCode(reason), rs.getString(8), Jdbc.intOr(rs, 9, -1));
    return new StoredEvent(rs.getLong(1), change);
  }
}
