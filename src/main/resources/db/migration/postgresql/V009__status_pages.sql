-- PingBase schema 9 for postgresql: status pages and the incidents people write on them (issue 6).
-- spec: the page as JSON (title, visibility, sections, looks; a password only as its Argon2id hash).
-- slug and domain are unique on the server: /status/<slug>, and the Host a page answers at /.
CREATE TABLE status_page (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace  text    NOT NULL,
  slug       text    NOT NULL UNIQUE,
  domain     text    UNIQUE,
  spec       text    NOT NULL,
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL
);
CREATE INDEX status_page_workspace ON status_page (workspace);

-- An incident: impact none/minor/major/critical/maintenance; status investigating, identified,
-- monitoring or resolved (resolved_ms set when it became resolved).
CREATE TABLE incident (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  page_id     bigint NOT NULL REFERENCES status_page (id) ON DELETE CASCADE,
  title       text    NOT NULL,
  impact      text    NOT NULL,
  status      text    NOT NULL,
  created_ms  bigint NOT NULL,
  resolved_ms bigint
);
CREATE INDEX incident_page ON incident (page_id, created_ms);

CREATE TABLE incident_update (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
  status      text    NOT NULL,
  message     text    NOT NULL,
  at_ms       bigint NOT NULL
);
CREATE INDEX incident_update_incident ON incident_update (incident_id, at_ms);
