-- PingBase schema 1 for PostgreSQL.
-- Times are epoch milliseconds (*_ms), durations microseconds (*_us).
-- State and reason columns hold the stable codes of MonitorState and FailureReason.
-- Statements end with ';' at the end of a line (Migrator splits on it).

-- Monitor definitions. ref is the internal key every other table points at; id is the public one.
-- A deleted monitor keeps its row (deleted_ms set) so that its history stays readable and saving
-- the same id again revives it with the same ref.
CREATE TABLE monitor (
  ref            bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id             text     NOT NULL UNIQUE,
  name           text     NOT NULL,
  type           text     NOT NULL,
  group_name     text,
  source         text     NOT NULL,
  spec           text     NOT NULL,
  paused         boolean  NOT NULL DEFAULT false,
  state          smallint NOT NULL DEFAULT 0,
  state_since_ms bigint,
  created_ms     bigint   NOT NULL,
  updated_ms     bigint   NOT NULL,
  deleted_ms     bigint
);

-- Raw results: the big table (about 14 million rows a day at 10k monitors). Columns are ordered
-- widest first so that PostgreSQL wastes no alignment padding; phase columns are NULL when the
-- phase did not happen, and NULLs cost one bit.
CREATE TABLE check_result (
  id          bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  monitor_ref bigint   NOT NULL REFERENCES monitor (ref),
  at_ms       bigint   NOT NULL,
  response_us integer  NOT NULL,
  dns_us      integer,
  connect_us  integer,
  tls_us      integer,
  ttfb_us     integer,
  transfer_us integer,
  status      smallint NOT NULL,
  reason      smallint,
  recheck     boolean  NOT NULL,
  address     text,
  message     text
);
-- Serves paging, stats, roll-ups (joined per monitor) and pruning: no index on at_ms alone.
CREATE INDEX check_result_monitor_at ON check_result (monitor_ref, at_ms);

-- One row per monitor and hour that had results. Response-time columns cover answering results
-- (UP and DEGRADED) and are NULL when none answered.
CREATE TABLE rollup_hourly (
  monitor_ref    bigint  NOT NULL REFERENCES monitor (ref),
  hour_ms        bigint  NOT NULL,
  up_count       integer NOT NULL,
  degraded_count integer NOT NULL,
  down_count     integer NOT NULL,
  min_us         integer,
  avg_us         integer,
  max_us         integer,
  p95_us         integer,
  PRIMARY KEY (monitor_ref, hour_ms)
);

CREATE TABLE state_event (
  id          bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  monitor_ref bigint   NOT NULL REFERENCES monitor (ref),
  at_ms       bigint   NOT NULL,
  response_us integer,
  from_state  smallint NOT NULL,
  to_state    smallint NOT NULL,
  reason      smallint,
  message     text
);
CREATE INDEX state_event_monitor_at ON state_event (monitor_ref, at_ms);
CREATE INDEX state_event_at ON state_event (at_ms);

-- Small named values. rollup_watermark: start of the first hour not rolled up yet (NULL = none).
-- The row always exists: appends and roll-ups lock it to see each other.
CREATE TABLE meta (
  key   text PRIMARY KEY,
  value text
);
INSERT INTO meta (key, value) VALUES ('rollup_watermark', NULL);
