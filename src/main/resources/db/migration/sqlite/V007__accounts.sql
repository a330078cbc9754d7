-- PingBase schema 7 for SQLite: accounts (issue 5). Users sign in to workspaces with a role;
-- API tokens are stored as the SHA-256 of the token with a visible prefix; the audit log records
-- who changed what. Times in epoch milliseconds.
CREATE TABLE workspace (
  id         TEXT    PRIMARY KEY,
  name       TEXT    NOT NULL,
  created_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE app_user (
  id             INTEGER PRIMARY KEY,
  email          TEXT    NOT NULL UNIQUE,
  name           TEXT    NOT NULL,
  password_hash  TEXT    NOT NULL,
  totp_secret    TEXT,
  totp_last_step INTEGER NOT NULL,
  created_ms     INTEGER NOT NULL,
  disabled       INTEGER NOT NULL
) STRICT;

CREATE TABLE membership (
  workspace_id TEXT    NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role         TEXT    NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
) STRICT;
CREATE INDEX membership_user ON membership (user_id);

CREATE TABLE api_token (
  id           INTEGER PRIMARY KEY,
  prefix       TEXT    NOT NULL UNIQUE,
  hash         TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  workspace_id TEXT    NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  user_id      INTEGER REFERENCES app_user (id) ON DELETE CASCADE,
  role         TEXT    NOT NULL,
  scopes       TEXT    NOT NULL,
  created_ms   INTEGER NOT NULL,
  expires_ms   INTEGER,
  revoked_ms   INTEGER,
  last_used_ms INTEGER
) STRICT;
CREATE INDEX api_token_workspace ON api_token (workspace_id);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  workspace_id TEXT    NOT NULL,
  at_ms        INTEGER NOT NULL,
  actor        TEXT    NOT NULL,
  action       TEXT    NOT NULL,
  target       TEXT,
  detail       TEXT
) STRICT;
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id);
