-- PingBase schema 4 for SQLite: the alert outbox.
-- A state change is written with alert_pending = 1 in the same transaction as the monitor's new
-- state (prev_since_ms: when the state it left began, so a recovery knows how long it was down).
-- The alert router turns it into a notification and one delivery per channel, and clears the
-- flag, in one transaction. Events from before this schema are not alerted (default 0).
ALTER TABLE state_event ADD COLUMN alert_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE state_event ADD COLUMN prev_since_ms INTEGER;
CREATE INDEX state_event_alert_pending ON state_event (id) WHERE alert_pending = 1;

-- One message about one monitor; event_id is sent to receivers and never changes.
-- payload: the notification as JSON (see JdbcOutbox).
CREATE TABLE notification (
  id           INTEGER PRIMARY KEY,
  event_id     TEXT    NOT NULL UNIQUE,
  monitor_id   TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  incident_key TEXT    NOT NULL,
  created_ms   INTEGER NOT NULL,
  payload      TEXT    NOT NULL
) STRICT;
CREATE INDEX notification_created ON notification (created_ms);
CREATE INDEX notification_incident ON notification (incident_key);
CREATE INDEX notification_monitor ON notification (monitor_id, created_ms);

-- One notification to one channel. status: pending, delivered, failed (gave up), rejected,
-- held (maintenance; released or suppressed when it ends), suppressed (folded, filtered).
-- lease_ms: a sender claimed it until then (a crashed sender's claim runs out).
CREATE TABLE delivery (
  id              INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
  channel         TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  attempts        INTEGER NOT NULL,
  next_ms         INTEGER NOT NULL,
  lease_ms        INTEGER NOT NULL,
  summary         TEXT,
  created_ms      INTEGER NOT NULL,
  done_ms         INTEGER,
  UNIQUE (notification_id, channel)
) STRICT;
CREATE INDEX delivery_due ON delivery (next_ms) WHERE status = 'pending';
CREATE INDEX delivery_held ON delivery (id) WHERE status = 'held';

-- Every attempt: the delivery log. outcome: delivered, retry, rejected.
CREATE TABLE delivery_attempt (
  id          INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
  at_ms       INTEGER NOT NULL,
  outcome     TEXT    NOT NULL,
  summary     TEXT    NOT NULL,
  duration_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id);
