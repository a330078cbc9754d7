-- PingBase schema 6 for PostgreSQL: alert channels created through the API (channels from
-- pingbase.yml live in the file). spec: the channel as the API takes it, JSON, secrets included
-- (the API never returns them; see docs/SECURITY.md).
CREATE TABLE channel (
  name       text   PRIMARY KEY,
  spec       text   NOT NULL,
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL
);
