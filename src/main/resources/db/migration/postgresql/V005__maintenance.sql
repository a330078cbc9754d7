-- PingBase schema 5 for PostgreSQL: maintenance windows created through the API (the file's are
-- read from the file at each start and reload). definition: the window as JSON, with the keys of
-- the file's maintenance: items, time-zone always written out.
CREATE TABLE maintenance_window (
  name       text   PRIMARY KEY,
  definition text   NOT NULL,
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL
);
