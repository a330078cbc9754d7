-- PingBase schema 2 for PostgreSQL: what a check learned beyond up/down.
-- detail: the result's facts as a JSON object (a banner, an HTTP status, certificate dates), NULL
-- when there are none (a plain TCP check). TEXT, not JSONB: it is written once and read whole.
-- For UP and DEGRADED results, message now holds the warning that made a result DEGRADED
-- ("certificate expires in 12 days"); for DOWN results it stays the failure message.
ALTER TABLE check_result ADD COLUMN detail TEXT;
