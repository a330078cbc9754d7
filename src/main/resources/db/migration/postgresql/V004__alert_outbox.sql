-- PingBase schema 4 for PostgreSQL: the alert outbox.
-- A state change is written with alert_pending = 1 in the same transaction as the monitor's new
-- state (prev_since_ms: when the state it left began, so a recovery knows how long it was down).
-- The alert router turns it into a notification and one delivery per channel, and clears the
-- flag, in one transaction. Events from before this schema are not alerted (default 0).
ALTER TABLE state_event ADD COLUMN alert_pending smallint NOT NULL DEFAULT 0;
ALTER TABLE state_event ADD COLUMN prev_since_ms bigint;
CREATE INDEX state_event_alert_pending ON state_event (id) WHERE alert_pending = 1;

-- One message about one monitor; event_id is sent to receivers and never changes.
-- payload: the notification as JSON (see JdbcOutbox).
CREATE TABLE notification (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id     text    NOT NULL UNIQUE,
  monitor_id   text    NOT NULL,
  kind         text    NOT NULL,
  incident_key text    NOT NULL,
  created_ms   bigint NOT NULL,
  payload      text    NOT NULL
);
CREATE INDEX notification_created ON notification (created_ms);
CREATE INDEX notification_incident ON notification (incident_key);
CREATE INDEX notification_monitor ON notification (monitor_id, created_ms);

-- One notification to one channel. status: pending, delivered, failed (gave up), rejected,
-- held (maintenance; released or suppressed when it ends), suppressed (folded, filtered).
-- lease_ms: a sender claimed it until then (a crashed sender's claim runs out).
CREATE TABLE delivery (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id bigint NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
  channel         text    NOT NULL,
  status          text    NOT NULL,
  attempts        bigint NOT NULL,
  next_ms         bigint NOT NULL,
  lease_ms        bigint NOT NULL,
  summary         text,
  created_ms      bigint NOT NULL,
  done_ms         bigint,
  UNIQUE (notification_id, channel)
);
CREATE INDEX delivery_due ON delivery (next_ms) WHERE status = 'pending';
CREATE INDEX delivery_held ON delivery (id) WHERE status = 'held';

-- Every attempt: the delivery log. outcome: delivered, retry, rejected.
CREATE TABLE delivery_attempt (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id bigint NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
  at_ms       bigint NOT NULL,
  outcome     text    NOT NULL,
  summary     text    NOT NULL,
  duration_ms bigint NOT NULL
);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id);
