package io.pingbase.store.jdbc;

import io.pingbase.account.AccountStore;
import io.pingbase.account.Role;
import io.pingbase.account.Scope;
import io.pingbase.store.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accounts in {@code workspace}, {@code app_user}, {@code membership}, {@code api_token},
 * {@code session}, {@code invitation} and {@code audit_log}.
 */
final class JdbcAccountStore implements AccountStore {
  private static final String USER = """
      SELECT id, email, name, password_hash, totp_secret, totp_last_step, created_ms, disabled FROM app_user""";
  private static final String TOKEN = """
      SELECT id, prefix, hash, name, workspace_id, user_id, role, scopes, created_ms, expires_ms, revoked_ms,
             last_used_ms FROM api_token""";

  private final Jdbc jdbc;
  private final SecretBox box;

  /** @param box encrypts TOTP seeds at rest when it has a key */
  JdbcAccountStore(Jdbc jdbc, SecretBox box) {
    this.jdbc = jdbc;
    this.box = box;
  }

  @Override
  public Workspace createWorkspace(String id, String name, Instant at) {
    jdbc.withConnection("create workspace '" + id + "'", c -> Jdbc.update(c,
        "INSERT INTO workspace (id, name, created_ms) VALUES (?, ?, ?)", id, name, at.toEpochMilli()));
    return new Workspace(id, name, Instant.ofEpochMilli(at.toEpochMilli()));
  }

  @Override
  public Optional<Workspace> workspace(String id) {
    return jdbc.withConnection("read workspace '" + id + "'", c -> Jdbc.first(c,
        "SELECT id, name, created_ms FROM workspace WHERE id = ? AND deleted_ms IS NULL", JdbcAccountStore::workspace,
        id));
  }

  @Override
  public boolean workspaceIdTaken(String id) {
    return jdbc.withConnection("look for workspace id '" + id + "'", c -> Jdbc.first(c,
        "SELECT 1 FROM workspace WHERE id = ?", rs -> 1, id).isPresent());
  }

  @Override
  public List<Workspace> workspaces() {
    return jdbc.withConnection("read workspaces", c -> Jdbc.list(c,
        "SELECT id, name, created_ms FROM workspace WHERE deleted_ms IS NULL ORDER BY id", JdbcAccountStore::workspace));
  }

  @Override
  public void renameWorkspace(String id, String name) {
    jdbc.withConnection("rename workspace '" + id + "'", c -> Jdbc.update(c,
        "UPDATE workspace SET name = ? WHERE id = ?", name, id));
  }

  @Override
  public boolean deleteWorkspace(String id, Instant at) {
    return jdbc.inTransaction("delete workspace '" + id + "'", c -> {
      // Sessions working in it work in another of their user's workspaces at their next request.
      Jdbc.update(c, "UPDATE app_session SET workspace_id = '' WHERE workspace_id = ?", id);
      Jdbc.update(c, "DELETE FROM api_token WHERE workspace_id = ?", id);
      Jdbc.update(c, "DELETE FROM invitation WHERE workspace_id = ?", id);
      Jdbc.update(c, "DELETE FROM membership WHERE workspace_id = ?", id);
      return Jdbc.update(c, "UPDATE workspace SET deleted_ms = ? WHERE id = ? AND deleted_ms IS NULL",
          at.toEpochMilli(), id) == 1;
    });
  }

  private static Workspace workspace(ResultSet rs) throws SQLException {
    return new Workspace(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
  }

  @Override
  public User createUser(String email, String name, String passwordHash, Instant at) {
    String normal = email.strip().toLowerCase(Locale.ROOT);
    return jdbc.inTransaction("create user " + normal, c -> {
      if (Jdbc.first(c, "SELECT 1 FROM app_user WHERE email = ?", rs -> 1, normal).isPresent()) {
        throw new IllegalArgumentException("a user with the e-mail address " + normal + " exists");
      }
      long id = Jdbc.first(c, """
          INSERT INTO app_user (email, name, password_hash, totp_secret, totp_last_step, created_ms, disabled)
          VALUES (?, ?, ?, NULL, -1, ?, ?) RETURNING id""", rs -> rs.getLong(1), normal, name, passwordHash,
          at.toEpochMilli(), false).orElseThrow();
      return new User(id, normal, name, passwordHash, null, -1, Instant.ofEpochMilli(at.toEpochMilli()), false);
    });
  }

  @Override
  public Optional<User> user(long id) {
    return jdbc.withConnection("read user " + id, c -> Jdbc.first(c, USER + " WHERE id = ?", this::user, id));
  }

  @Override
  public Optional<User> userByEmail(String email) {
    String normal = email.strip().toLowerCase(Locale.ROOT);
    return jdbc.withConnection("read user " + normal, c -> Jdbc.first(c, USER + " WHERE email = ?",
        this::user, normal));
  }

  @Override
  public long userCount() {
    return jdbc.withConnection("count users", c -> Jdbc.first(c, "SELECT COUNT(*) FROM app_user",
        rs -> rs.getLong(1)).orElse(0L));
  }

  @Override
  public List<User> users() {
    return jdbc.withConnection("read users", c -> Jdbc.list(c, USER + " ORDER BY id", this::user));
  }

  private User user(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    return new User(id, rs.getString(2), rs.getString(3), rs.getString(4),
        box.open(rs.getString(5), "user " + id + " totp-secret"), rs.getLong(6),
        Instant.ofEpochMilli(rs.getLong(7)), rs.getBoolean(8));
  }

  @Override
  public void setPassword(long userId, String passwordHash) {
    jdbc.withConnection("set the password of user " + userId, c -> Jdbc.update(c,
        "UPDATE app_user SET password_hash = ? WHERE id = ?", passwordHash, userId));
  }

  @Override
  public void setTotp(long userId, String secret) {
    jdbc.withConnection("set two-factor of user " + userId, c -> Jdbc.update(c,
        "UPDATE app_user SET totp_secret = ?, totp_last_step = -1 WHERE id = ?", box.seal(secret), userId));
  }

  @Override
  public boolean advanceTotpStep(long userId, long step) {
    return jdbc.withConnection("record a two-factor step of user " + userId, c -> Jdbc.update(c,
        "UPDATE app_user SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", step, userId, step)) == 1;
  }

  @Override
  public void setMembership(String workspaceId, long userId, Role role) {
    jdbc.withConnection("set the role of user " + userId + " in workspace '" + workspaceId + "'", c -> Jdbc.update(c, """
        INSERT INTO membership (workspace_id, user_id, role) VALUES (?, ?, ?)
        ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role""", workspaceId, userId, role.wire()));
  }

  @Override
  public boolean removeMembership(String workspaceId, long userId) {
    return jdbc.withConnection("remove user " + userId + " from workspace '" + workspaceId + "'", c -> Jdbc.update(c,
        "DELETE FROM membership WHERE workspace_id = ? AND user_id = ?", workspaceId, userId)) == 1;
  }

  @Override
  public List<Membership> members(String workspaceId) {
    return jdbc.withConnection("read the members of workspace '" + workspaceId + "'", c -> Jdbc.list(c,
        "SELECT workspace_id, user_id, role FROM membership WHERE workspace_id = ? ORDER BY user_id",
        JdbcAccountStore::membership, workspaceId));
  }

  @Override
  public List<Membership> memberships(long userId) {
    return jdbc.withConnection("read the workspaces of user " + userId, c -> Jdbc.list(c,
        "SELECT workspace_id, user_id, role FROM membership WHERE user_id = ? ORDER BY workspace_id",
        JdbcAccountStore::membership, userId));
  }

  @Override
  public Optional<Membership> membership(String workspaceId, long userId) {
    return jdbc.withConnection("read the role of user " + userId + " in workspace '" + workspaceId + "'",
        c -> Jdbc.first(c, "SELECT workspace_id, user_id, role FROM membership WHERE workspace_id = ? AND user_id = ?",
            JdbcAccountStore::membership, workspaceId, userId));
  }

  private static Membership membership(ResultSet rs) throws SQLException {
    return new Membership(rs.getString(1), rs.getLong(2), Role.ofWire(rs.getString(3)));
  }

  @Override
  public Token saveToken(String prefix, String hash, String name, String workspaceId, Long userId, Role role,
      Set<Scope> scopes, Instant created, Instant expires) {
    String scopeText = scopes.stream().sorted().map(Scope::wire).collect(Collectors.joining(","));
    long id = jdbc.withConnection("save token " + prefix, c -> Jdbc.first(c, """
        INSERT INTO api_token (prefix, hash, name, workspace_id, user_id, role, scopes, created_ms, expires_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1), prefix, hash, name, workspaceId,
        userId, role.wire(), scopeText, created.toEpochMilli(), expires == null ? null : expires.toEpochMilli())
        .orElseThrow());
    return tokenByPrefix(prefix).filter(t -> t.id() == id).orElseThrow();
  }

  @Override
  public Optional<Token> tokenByPrefix(String prefix) {
    return jdbc.withConnection("read token " + prefix, c -> Jdbc.first(c, TOKEN + " WHERE prefix = ?",
        JdbcAccountStore::token, prefix));
  }

  @Override
  public List<Token> tokens(String workspaceId) {
    return jdbc.withConnection("read the tokens of workspace '" + workspaceId + "'", c -> Jdbc.list(c,
        TOKEN + " WHERE workspace_id = ? ORDER BY id", JdbcAccountStore::token, workspaceId));
  }

  private static Token token(ResultSet rs) throws SQLException {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String s : rs.getString(8).split(",")) {
      if (!s.isEmpty()) {
        scopes.add(Scope.ofWire(s));
      }
    }
    return new Token(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        Jdbc.longOrNull(rs, 6), Role.ofWire(rs.getString(7)), scopes, Instant.ofEpochMilli(rs.getLong(9)),
        instant(Jdbc.longOrNull(rs, 10)), instant(Jdbc.longOrNull(rs, 11)), instant(Jdbc.longOrNull(rs, 12)));
  }

  private static Instant instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }

  @Override
  public void touchToken(long id, Instant at) {
    jdbc.withConnection("record a use of token " + id, c -> Jdbc.update(c,
        "UPDATE api_token SET last_used_ms = ? WHERE id = ?", at.toEpochMilli(), id));
  }

  @Override
  public boolean revokeToken(long id, Instant at) {
    return jdbc.withConnection("revoke token " + id, c -> Jdbc.update(c,
        "UPDATE api_token SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL", at.toEpochMilli(), id)) == 1;
  }

  // ---- sessions

  private static final String SESSION = """
      SELECT id_hash, user_id, workspace_id, csrf, created_ms, seen_ms, address, user_agent FROM app_session""";

  @Override
  public void createSession(Session s) {
    jdbc.withConnection("create a session for user " + s.userId(), c -> Jdbc.update(c, """
        INSERT INTO app_session (id_hash, user_id, workspace_id, csrf, created_ms, seen_ms, address, user_agent)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", s.idHash(), s.userId(), s.workspaceId(), s.csrf(),
        s.created().toEpochMilli(), s.seen().toEpochMilli(), s.address(), s.userAgent()));
  }

  @Override
  public Optional<Session> session(String idHash) {
    return jdbc.withConnection("read a session", c -> Jdbc.first(c, SESSION + " WHERE id_hash = ?",
        rs -> new Session(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), rs.getString(8)),
        idHash));
  }

  @Override
  public void touchSession(String idHash, Instant seen) {
    jdbc.withConnection("record a session's use", c -> Jdbc.update(c,
        "UPDATE app_session SET seen_ms = ? WHERE id_hash = ? AND seen_ms < ?", seen.toEpochMilli(), idHash,
        seen.toEpochMilli()));
  }

  @Override
  public void setSessionWorkspace(String idHash, String workspaceId) {
    jdbc.withConnection("switch a session's workspace", c -> Jdbc.update(c,
        "UPDATE app_session SET workspace_id = ? WHERE id_hash = ?", workspaceId, idHash));
  }

  @Override
  public boolean deleteSession(String idHash) {
    return jdbc.withConnection("end a session", c -> Jdbc.update(c,
        "DELETE FROM app_session WHERE id_hash = ?", idHash)) == 1;
  }

  @Override
  public int deleteSessions(long userId, String keepIdHash) {
    return jdbc.withConnection("end the sessions of user " + userId, c -> keepIdHash == null
        ? Jdbc.update(c, "DELETE FROM app_session WHERE user_id = ?", userId)
        : Jdbc.update(c, "DELETE FROM app_session WHERE user_id = ? AND id_hash <> ?", userId, keepIdHash));
  }

  @Override
  public int pruneSessions(Instant createdBefore, Instant seenBefore) {
    return jdbc.withConnection("delete expired sessions", c -> Jdbc.update(c,
        "DELETE FROM app_session WHERE created_ms < ? OR seen_ms < ?", createdBefore.toEpochMilli(),
        seenBefore.toEpochMilli()));
  }

  // ---- invitations

  private static final String INVITATION = """
      SELECT id, token_hash, workspace_id, email, role, invited_by, created_ms, expires_ms, accepted_ms
      FROM invitation""";

  @Override
  public Invitation createInvitation(String tokenHash, String workspaceId, String email, Role role, String invitedBy,
      Instant created, Instant expires) {
    String normal = email.strip().toLowerCase(Locale.ROOT);
    long id = jdbc.withConnection("invite " + normal + " to workspace '" + workspaceId + "'", c -> Jdbc.first(c, """
        INSERT INTO invitation (token_hash, workspace_id, email, role, invited_by, created_ms, expires_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1), tokenHash, workspaceId, normal,
        role.wire(), invitedBy, created.toEpochMilli(), expires.toEpochMilli()).orElseThrow());
    return new Invitation(id, tokenHash, workspaceId, normal, role, invitedBy,
        Instant.ofEpochMilli(created.toEpochMilli()), Instant.ofEpochMilli(expires.toEpochMilli()), null);
  }

  @Override
  public Optional<Invitation> invitationByHash(String tokenHash) {
    return jdbc.withConnection("read an invitation", c -> Jdbc.first(c, INVITATION + " WHERE token_hash = ?",
        JdbcAccountStore::invitation, tokenHash));
  }

  @Override
  public List<Invitation> invitations(String workspaceId) {
    return jdbc.withConnection("read the invitations of workspace '" + workspaceId + "'", c -> Jdbc.list(c,
        INVITATION + " WHERE workspace_id = ? ORDER BY id DESC", JdbcAccountStore::invitation, workspaceId));
  }

  private static Invitation invitation(ResultSet rs) throws SQLException {
    return new Invitation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Role.ofWire(rs.getString(5)),
        rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
        instant(Jdbc.longOrNull(rs, 9)));
  }

  @Override
  public boolean acceptInvitation(long id, Instant at) {
    return jdbc.withConnection("accept invitation " + id, c -> Jdbc.update(c,
        "UPDATE invitation SET accepted_ms = ? WHERE id = ? AND accepted_ms IS NULL", at.toEpochMilli(), id)) == 1;
  }

  @Override
  public boolean deleteInvitation(String workspaceId, long id) {
    return jdbc.withConnection("delete invitation " + id, c -> Jdbc.update(c,
        "DELETE FROM invitation WHERE workspace_id = ? AND id = ?", workspaceId, id)) == 1;
  }

  @Override
  public void audit(String workspaceId, Instant at, String actor, String action, String target, String detail) {
    jdbc.withConnection("write the audit log", c -> Jdbc.update(c, """
        INSERT INTO audit_log (workspace_id, at_ms, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)""",
        workspaceId, at.toEpochMilli(), actor, action, target, detail));
  }

  @Override
  public List<AuditEntry> auditLog(String workspaceId, int limit) {
    return jdbc.withConnection("read the audit log", c -> Jdbc.list(c, """
        SELECT id, workspace_id, at_ms, actor, action, target, detail FROM audit_log WHERE workspace_id = ?
        ORDER BY id DESC LIMIT ?""", rs -> new AuditEntry(rs.getLong(1), rs.getString(2),
        Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
        workspaceId, limit));
  }
}
