-- PingBase schema 3 for PostgreSQL: the latest ping of each heartbeat monitor, so a restart knows
-- when each one last checked in. One row per monitor id (upserted in the background about once
-- a second, latest state only); the ping history lives in the results' detail.
-- kind: success, start, fail or exit. completed_ms: the latest run's end (NULL before the first);
-- started_ms: a /start not yet followed by a completion.
CREATE TABLE heartbeat (
  monitor_id   text     PRIMARY KEY,
  last_ms      bigint   NOT NULL,
  kind         text     NOT NULL,
  exit_code    smallint,
  body         text,
  body_bytes   bigint   NOT NULL,
  completed_ms bigint,
  failed       boolean  NOT NULL,
  run_exit     smallint,
  started_ms   bigint,
  duration_us  bigint,
  pings        bigint   NOT NULL
);
