-- PingBase schema 3 for SQLite: the latest ping of each heartbeat monitor, so a restart knows
-- when each one last checked in. One row per monitor id (upserted in the background about once
-- a second, latest state only); the ping history lives in the results' detail.
-- kind: success, start, fail or exit. completed_ms: the latest run's end (NULL before the first);
-- started_ms: a /start not yet followed by a completion.
CREATE TABLE heartbeat (
  monitor_id   TEXT    PRIMARY KEY,
  last_ms      INTEGER NOT NULL,
  kind         TEXT    NOT NULL,
  exit_code    INTEGER,
  body         TEXT,
  body_bytes   INTEGER NOT NULL,
  completed_ms INTEGER,
  failed       INTEGER NOT NULL,
  run_exit     INTEGER,
  started_ms   INTEGER,
  duration_us  INTEGER,
  pings        INTEGER NOT NULL
) STRICT;
