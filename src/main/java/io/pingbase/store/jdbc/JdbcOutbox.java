package io.pingbase.store.jdbc;

import io.pingbase.alert.Notification;
import io.pingbase.alert.Outbox;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.check.FailureReason;
import io.pingbase.monitor.MonitorState;
import io.pingbase.monitor.StateChange;
import io.pingbase.monitor.WorkspaceKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The alert outbox in {@code state_event.alert_pending}, {@code notification}, {@code delivery} and {@code delivery_attempt}. */
final class JdbcOutbox implements Outbox {
  /** Summaries and error texts are cut here: enough to read, never a whole response page. */
  private static final int MAX_SUMMARY = 500;

  private final Jdbc jdbc;

  JdbcOutbox(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<PendingChange> pendingChanges(int limit) {
    return jdbc.withConnection("read state changes waiting for alert routing", c -> Jdbc.list(c, """
        SELECT e.id, e.monitor_ref, m.id, e.from_state, e.to_state, e.at_ms, e.reason, e.message, e.response_us,
               e.prev_since_ms
        FROM state_event e JOIN monitor m ON m.ref = e.monitor_ref
        WHERE e.alert_pending = 1 ORDER BY e.id LIMIT ?""", rs -> {
          int reason = Jdbc.intOr(rs, 7, -1);
          var change = new StateChange(rs.getLong(2), rs.getString(3), MonitorState.ofCode(rs.getInt(4)),
              MonitorState.ofCode(rs.getInt(5)), Instant.ofEpochMilli(rs.getLong(6)),
              reason < 0 ? null : FailureReason.ofCode(reason), rs.getString(8), Jdbc.intOr(rs, 9, -1));
          Long prev = Jdbc.longOrNull(rs, 10);
          return new PendingChange(rs.getLong(1), change, prev == null ? null : Instant.ofEpochMilli(prev));
        }, limit));
  }

  @Override
  public void route(long row, List<Planned> planned, Instant now) {
    jdbc.inTransaction("route alerts of state event " + row, c -> {
      for (Planned p : planned) {
        insert(c, p, now);
      }
      Jdbc.update(c, "UPDATE state_event SET alert_pending = 0 WHERE id = ?", row);
      return null;
    });
  }

  @Override
  public boolean add(Planned planned, Instant now) {
    return jdbc.inTransaction("add notification " + planned.notification().eventId(), c -> insert(c, planned, now));
  }

  private static boolean insert(Connection c, Planned p, Instant now) throws SQLException {
    Notification n = p.notification();
    Optional<Long> id = Jdbc.first(c, """
        INSERT INTO notification (event_id, monitor_id, workspace, kind, incident_key, created_ms, payload)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING id""",
        rs -> rs.getLong(1), n.eventId(), n.monitorId(), WorkspaceKey.workspaceOf(n.monitorId()), n.kind().name(),
        n.incidentKey(), now.toEpochMilli(),
        NotificationJson.write(n));
    if (id.isEmpty()) {
      return false;
    }
    for (PlannedDelivery d : p.deliveries()) {
      Jdbc.update(c, """
          INSERT INTO delivery (notification_id, channel, status, attempts, next_ms, lease_ms, summary, created_ms,
                                done_ms)
          VALUES (?, ?, ?, 0, ?, 0, ?, ?, ?)""",
          id.get(), d.channel(), d.status().wire(), now.toEpochMilli(), cut(d.summary()), now.toEpochMilli(),
          d.status().done() ? now.toEpochMilli() : null);
    }
    return true;
  }

  @Override
  public List<Due> claimDue(Instant now, Duration lease, int limit) {
    long nowMs = now.toEpochMilli();
    return jdbc.inTransaction("claim due alert deliveries", c -> {
      List<Due> due = Jdbc.list(c, """
          SELECT d.id, d.channel, d.attempts, d.created_ms, n.payload
          FROM delivery d JOIN notification n ON n.id = d.notification_id
          WHERE d.status = 'pending' AND d.next_ms <= ? AND d.lease_ms <= ?
          ORDER BY d.next_ms, d.id LIMIT ?""" + (jdbc.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE OF d SKIP LOCKED" : ""),
          rs -> new Due(rs.getLong(1), rs.getString(2), rs.getInt(3), Instant.ofEpochMilli(rs.getLong(4)),
              NotificationJson.read(rs.getString(5))), nowMs, nowMs, limit);
      List<Due> claimed = new ArrayList<>(due.size());
      for (Due d : due) {
        // Optimistic: another node may have claimed it between the read and here.
        if (Jdbc.update(c, "UPDATE delivery SET lease_ms = ? WHERE id = ? AND status = 'pending' AND lease_ms <= ?",
            now.plus(lease).toEpochMilli(), d.id(), nowMs) == 1) {
          claimed.add(d);
        }
      }
      return claimed;
    });
  }

  @Override
  public void recordAttempt(long deliveryId, Instant at, Delivery result, long durationMillis, Status status,
      Instant next) {
    String outcome = switch (result) {
      case Delivery.Delivered d -> "delivered";
      case Delivery.Retry r -> "retry";
      case Delivery.Rejected r -> "rejected";
    };
    long atMs = at.toEpochMilli();
    jdbc.inTransaction("record a delivery attempt of delivery " + deliveryId, c -> {
      Jdbc.update(c, """
          INSERT INTO delivery_attempt (delivery_id, at_ms, outcome, summary, duration_ms) VALUES (?, ?, ?, ?, ?)""",
          deliveryId, atMs, outcome, cut(result.summary()), Math.max(0, durationMillis));
      Jdbc.update(c, """
          UPDATE delivery SET status = ?, attempts = attempts + 1, next_ms = ?, lease_ms = 0, summary = ?, done_ms = ?
          WHERE id = ?""",
          status.wire(), status == Status.PENDING ? next.toEpochMilli() : atMs, cut(result.summary()),
          status.done() ? atMs : null, deliveryId);
      return null;
    });
  }

  @Override
  public void postpone(long deliveryId, Instant next) {
    jdbc.withConnection("postpone delivery " + deliveryId, c -> Jdbc.update(c,
        "UPDATE delivery SET next_ms = ?, lease_ms = 0 WHERE id = ? AND status = 'pending'",
        next.toEpochMilli(), deliveryId));
  }

  @Override
  public Set<String> channelsNotified(String incidentKey) {
    return jdbc.withConnection("read the channels of incident " + incidentKey, c -> new HashSet<>(Jdbc.list(c, """
        SELECT DISTINCT d.channel FROM delivery d JOIN notification n ON n.id = d.notification_id
        WHERE n.incident_key = ? AND n.kind IN ('DOWN', 'DEGRADED') AND d.status NOT IN ('held', 'suppressed')""",
        rs -> rs.getString(1), incidentKey)));
  }

  @Override
  public List<Held> held() {
    return jdbc.withConnection("read held deliveries", c -> Jdbc.list(c, """
        SELECT d.id, d.channel, n.payload FROM delivery d JOIN notification n ON n.id = d.notification_id
        WHERE d.status = 'held' ORDER BY d.id""",
        rs -> new Held(rs.getLong(1), rs.getString(2), NotificationJson.read(rs.getString(3)))));
  }

  @Override
  public void release(List<Long> ids, Instant now) {
    jdbc.inTransaction("release held deliveries", c -> {
      for (long id : ids) {
        Jdbc.update(c, "UPDATE delivery SET status = 'pending', next_ms = ?, summary = NULL WHERE id = ? "
            + "AND status = 'held'", now.toEpochMilli(), id);
      }
      return null;
    });
  }

  @Override
  public void suppress(List<Long> ids, String summary, Instant now) {
    jdbc.inTransaction("suppress held deliveries", c -> {
      for (long id : ids) {
        Jdbc.update(c, "UPDATE delivery SET status = 'suppressed', summary = ?, done_ms = ? WHERE id = ? "
            + "AND status = 'held'", cut(summary), now.toEpochMilli(), id);
      }
      return null;
    });
  }

  @Override
  public List<NotificationLog> log(String workspace, String monitorId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (workspace != null) {
      where.add("workspace = ?");
      args.add(workspace);
    }
    if (monitorId != null) {
      where.add("monitor_id = ?");
      args.add(monitorId);
    }
    args.add(limit);
    String sql = "SELECT id, payload, created_ms FROM notification"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY id DESC LIMIT ?";
    return jdbc.withConnection("read the delivery log", c -> {
      Map<Long, NotificationLog> byId = new LinkedHashMap<>();
      List<Object[]> heads = Jdbc.list(c, sql, JdbcOutbox::head, args.toArray());
      for (Object[] h : heads) {
        long id = (Long) h[0];
        byId.put(id, new NotificationLog(id, (Notification) h[1], (Instant) h[2], deliveries(c, id)));
      }
      return List.copyOf(byId.values());
    });
  }

  @Override
  public Optional<NotificationLog> notification(long id) {
    return jdbc.withConnection("read notification " + id, c -> Jdbc.first(c,
        "SELECT id, payload, created_ms FROM notification WHERE id = ?", JdbcOutbox::head, id)
        .map(h -> {
          try {
            return new NotificationLog(id, (Notification) h[1], (Instant) h[2], deliveries(c, id));
          } catch (SQLException e) {
            throw jdbc.failure("read the deliveries of notification " + id, e);
          }
        }));
  }

  private static Object[] head(ResultSet rs) throws SQLException {
    return new Object[] {rs.getLong(1), NotificationJson.read(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3))};
  }

  private static List<DeliveryLog> deliveries(Connection c, long notificationId) throws SQLException {
    List<DeliveryLog> out = new ArrayList<>();
    for (Object[] d : Jdbc.list(c, """
        SELECT id, channel, status, attempts, next_ms, summary, done_ms FROM delivery
        WHERE notification_id = ? ORDER BY id""", rs -> new Object[] {rs.getLong(1), rs.getString(2),
        rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6), Jdbc.longOrNull(rs, 7)}, notificationId)) {
      long id = (Long) d[0];
      List<Attempt> attempts = Jdbc.list(c, """
          SELECT at_ms, outcome, summary, duration_ms FROM delivery_attempt WHERE delivery_id = ? ORDER BY id""",
          rs -> new Attempt(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getLong(4)), id);
      Status status = Status.ofWire((String) d[2]);
      out.add(new DeliveryLog(id, (String) d[1], status, (Integer) d[3],
          status == Status.PENDING ? Instant.ofEpochMilli((Long) d[4]) : null, (String) d[5],
          d[6] == null ? null : Instant.ofEpochMilli((Long) d[6]), attempts));
    }
    return out;
  }

  @Override
  public int prune(Instant before) {
    return jdbc.withConnection("prune old notifications", c -> Jdbc.update(c, """
        DELETE FROM notification WHERE created_ms < ? AND NOT EXISTS (
          SELECT 1 FROM delivery d WHERE d.notification_id = notification.id AND d.status IN ('pending', 'held'))""",
        before.toEpochMilli()));
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_SUMMARY ? s : s.substring(0, MAX_SUMMARY) + "…";
  }
}
