-- PingBase schema 1 for SQLite.
-- Times are epoch milliseconds (*_ms), durations microseconds (*_us).
-- State and reason columns hold the stable codes of MonitorState and FailureReason.
-- STRICT tables so that a wrong type is an error, not a silently stored string.
-- Statements end with ';' at the end of a line (Migrator splits on it).

-- Monitor definitions. ref is the internal key every other table points at; id is the public one.
-- A deleted monitor keeps its row (deleted_ms set) so that its history stays readable and saving
-- the same id again revives it with the same ref.
CREATE TABLE monitor (
  ref            INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL UNIQUE,
  name           TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  group_name     TEXT,
  source         TEXT    NOT NULL,
  spec           TEXT    NOT NULL,
  paused         INTEGER NOT NULL DEFAULT 0,
  state          INTEGER NOT NULL DEFAULT 0,
  state_since_ms INTEGER,
  created_ms     INTEGER NOT NULL,
  updated_ms     INTEGER NOT NULL,
  deleted_ms     INTEGER
) STRICT;

-- Raw results: the big table. id is the rowid; phase columns are NULL when the phase did not
-- happen (a NULL costs one byte of record header).
CREATE TABLE check_result (
  id          INTEGER PRIMARY KEY,
  monitor_ref INTEGER NOT NULL REFERENCES monitor (ref),
  at_ms       INTEGER NOT NULL,
  status      INTEGER NOT NULL,
  recheck     INTEGER NOT NULL,
  reason      INTEGER,
  message     TEXT,
  response_us INTEGER NOT NULL,
  dns_us      INTEGER,
  connect_us  INTEGER,
  tls_us      INTEGER,
  ttfb_us     INTEGER,
  transfer_us INTEGER,
  address     TEXT
) STRICT;
-- Serves paging, stats, roll-ups (joined per monitor) and pruning: no index on at_ms alone.
CREATE INDEX check_result_monitor_at ON check_result (monitor_ref, at_ms);

-- One row per monitor and hour that had results. Response-time columns cover answering results
-- (UP and DEGRADED) and are NULL when none answered. Clustered on its key: no rowid needed.
CREATE TABLE rollup_hourly (
  monitor_ref    INTEGER NOT NULL REFERENCES monitor (ref),
  hour_ms        INTEGER NOT NULL,
  up_count       INTEGER NOT NULL,
  degraded_count INTEGER NOT NULL,
  down_count     INTEGER NOT NULL,
  min_us         INTEGER,
  avg_us         INTEGER,
  max_us         INTEGER,
  p95_us         INTEGER,
  PRIMARY KEY (monitor_ref, hour_ms)
) STRICT, WITHOUT ROWID;

CREATE TABLE state_event (
  id          INTEGER PRIMARY KEY,
  monitor_ref INTEGER NOT NULL REFERENCES monitor (ref),
  at_ms       INTEGER NOT NULL,
  from_state  INTEGER NOT NULL,
  to_state    INTEGER NOT NULL,
  reason      INTEGER,
  message     TEXT,
  response_us INTEGER
) STRICT;
CREATE INDEX state_event_monitor_at ON state_event (monitor_ref, at_ms);
CREATE INDEX state_event_at ON state_event (at_ms);

-- Small named values. rollup_watermark: start of the first hour not rolled up yet (NULL = none).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT
) STRICT;
INSERT INTO meta (key, value) VALUES ('rollup_watermark', NULL);
