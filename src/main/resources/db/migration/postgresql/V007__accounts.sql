-- PingBase schema 7 for PostgreSQL: accounts (issue 5). Users sign in to workspaces with a role;
-- API tokens are stored as the SHA-256 of the token with a visible prefix; the audit log records
-- who changed what. Times in epoch milliseconds.
CREATE TABLE workspace (
  id         text    PRIMARY KEY,
  name       text    NOT NULL,
  created_ms bigint NOT NULL
);

CREATE TABLE app_user (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email          text    NOT NULL UNIQUE,
  name           text    NOT NULL,
  password_hash  text    NOT NULL,
  totp_secret    text,
  totp_last_step bigint NOT NULL,
  created_ms     bigint NOT NULL,
  disabled       boolean NOT NULL
);

CREATE TABLE membership (
  workspace_id text    NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  user_id      bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role         text    NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX membership_user ON membership (user_id);

CREATE TABLE api_token (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  prefix       text    NOT NULL UNIQUE,
  hash         text    NOT NULL,
  name         text    NOT NULL,
  workspace_id text    NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  user_id      bigint REFERENCES app_user (id) ON DELETE CASCADE,
  role         text    NOT NULL,
  scopes       text    NOT NULL,
  created_ms   bigint NOT NULL,
  expires_ms   bigint,
  revoked_ms   bigint,
  last_used_ms bigint
);
CREATE INDEX api_token_workspace ON api_token (workspace_id);

CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text    NOT NULL,
  at_ms        bigint NOT NULL,
  actor        text    NOT NULL,
  action       text    NOT NULL,
  target       text,
  detail       text
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id);
