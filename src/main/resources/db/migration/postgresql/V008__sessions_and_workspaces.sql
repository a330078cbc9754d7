-- PingBase schema 8 for PostgreSQL: sign-in sessions, invitations, and the workspace of monitors
-- and notifications (issue 5). Everything that existed before belongs to the default workspace.

-- The default workspace: the config file's monitors, channels and windows, and a single team's.
INSERT INTO workspace (id, name, created_ms) VALUES ('default', 'Default', (extract(epoch FROM now()) * 1000)::bigint)
  ON CONFLICT (id) DO NOTHING;

-- A deleted workspace keeps its row (deleted_ms set), so its id is never given out again: what
-- it leaves behind (deleted monitors' history, its audit log) can never become another's.
ALTER TABLE workspace ADD COLUMN deleted_ms bigint;

-- monitor.id is the workspace key (acme:redis, or a bare id in the default workspace); workspace
-- repeats its workspace part so per-workspace queries use an index.
ALTER TABLE monitor ADD COLUMN workspace text NOT NULL DEFAULT 'default';
CREATE INDEX monitor_workspace ON monitor (workspace);
ALTER TABLE notification ADD COLUMN workspace text NOT NULL DEFAULT 'default';
CREATE INDEX notification_workspace ON notification (workspace, created_ms);

-- A signed-in browser. id_hash: SHA-256 of the cookie's value (the value itself is never stored);
-- workspace_id: the workspace the session is working in; csrf: the token state-changing requests
-- must repeat. Expired when seen_ms + idle or created_ms + absolute lifetime has passed.
CREATE TABLE app_session (
  id_hash      text   PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  workspace_id text   NOT NULL,
  csrf         text   NOT NULL,
  created_ms   bigint NOT NULL,
  seen_ms      bigint NOT NULL,
  address      text,
  user_agent   text
);
CREATE INDEX app_session_user ON app_session (user_id);

-- An invitation to join a workspace, accepted with the link's token (stored as SHA-256).
CREATE TABLE invitation (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash   text   NOT NULL UNIQUE,
  workspace_id text   NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  email        text   NOT NULL,
  role         text   NOT NULL,
  invited_by   text   NOT NULL,
  created_ms   bigint NOT NULL,
  expires_ms   bigint NOT NULL,
  accepted_ms  bigint
);
CREATE INDEX invitation_workspace ON invitation (workspace_id);
