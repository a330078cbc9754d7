-- PingBase schema 8 for SQLite: sign-in sessions, invitations, and the workspace of monitors and
-- notifications (issue 5). Everything that existed before belongs to the default workspace.

-- The default workspace: the config file's monitors, channels and windows, and a single team's.
INSERT INTO workspace (id, name, created_ms) VALUES ('default', 'Default', CAST(strftime('%s', 'now') AS INTEGER) * 1000)
  ON CONFLICT (id) DO NOTHING;

-- A deleted workspace keeps its row (deleted_ms set), so its id is never given out again: what
-- it leaves behind (deleted monitors' history, its audit log) can never become another's.
ALTER TABLE workspace ADD COLUMN deleted_ms INTEGER;

-- monitor.id is the workspace key (acme:redis, or a bare id in the default workspace); workspace
-- repeats its workspace part so per-workspace queries use an index.
ALTER TABLE monitor ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
CREATE INDEX monitor_workspace ON monitor (workspace);
ALTER TABLE notification ADD COLUMN workspace TEXT NOT NULL DEFAULT 'default';
CREATE INDEX notification_workspace ON notification (workspace, created_ms);

-- A signed-in browser. id_hash: SHA-256 of the cookie's value (the value itself is never stored);
-- workspace_id: the workspace the session is working in; csrf: the token state-changing requests
-- must repeat. Expired when seen_ms + idle or created_ms + absolute lifetime has passed.
CREATE TABLE app_session (
  id_hash      TEXT    PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  workspace_id TEXT    NOT NULL,
  csrf         TEXT    NOT NULL,
  created_ms   INTEGER NOT NULL,
  seen_ms      INTEGER NOT NULL,
  address      TEXT,
  user_agent   TEXT
) STRICT;
CREATE INDEX app_session_user ON app_session (user_id);

-- An invitation to join a workspace, accepted with the link's token (stored as SHA-256).
CREATE TABLE invitation (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT    NOT NULL UNIQUE,
  workspace_id TEXT    NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  email        TEXT    NOT NULL,
  role         TEXT    NOT NULL,
  invited_by   TEXT    NOT NULL,
  created_ms   INTEGER NOT NULL,
  expires_ms   INTEGER NOT NULL,
  accepted_ms  INTEGER
) STRICT;
CREATE INDEX invitation_workspace ON invitation (workspace_id);
