-- PingBase schema 6 for SQLite: alert channels created through the API (channels from
-- pingbase.yml live in the file). spec: the channel as the API takes it, JSON, secrets included
-- (the API never returns them; see docs/SECURITY.md).
CREATE TABLE channel (
  name       TEXT    PRIMARY KEY,
  spec       TEXT    NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;
