-- PingBase schema 9 for sqlite: status pages and the incidents people write on them (issue 6).
-- spec: the page as JSON (title, visibility, sections, looks; a password only as its Argon2id hash).
-- slug and domain are unique on the server: /status/<slug>, and the Host a page answers at /.
CREATE TABLE status_page (
  id         INTEGER PRIMARY KEY,
  workspace  TEXT    NOT NULL,
  slug       TEXT    NOT NULL UNIQUE,
  domain     TEXT    UNIQUE,
  spec       TEXT    NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX status_page_workspace ON status_page (workspace);

-- An incident: impact none/minor/major/critical/maintenance; status investigating, identified,
-- monitoring or resolved (resolved_ms set when it became resolved).
CREATE TABLE incident (
  id          INTEGER PRIMARY KEY,
  page_id     INTEGER NOT NULL REFERENCES status_page (id) ON DELETE CASCADE,
  title       TEXT    NOT NULL,
  impact      TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL,
  resolved_ms INTEGER
) STRICT;
CREATE INDEX incident_page ON incident (page_id, created_ms);

CREATE TABLE incident_update (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
  status      TEXT    NOT NULL,
  message     TEXT    NOT NULL,
  at_ms       INTEGER NOT NULL
) STRICT;
CREATE INDEX incident_update_incident ON incident_update (incident_id, at_ms);
