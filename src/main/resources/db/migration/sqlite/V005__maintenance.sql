-- PingBase schema 5 for SQLite: maintenance windows created through the API (the file's are read
-- from the file at each start and reload). definition: the window as JSON, with the keys of the
-- file's maintenance: items, time-zone always written out.
CREATE TABLE maintenance_window (
  name       TEXT    PRIMARY KEY,
  definition TEXT    NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;
