package io.pingbase.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Users, workspaces, memberships, API tokens and the audit log. Implemented in store/jdbc; every
 * method is one transaction.
 */
public interface AccountStore {

  /** A workspace: everything a team owns lives in one. */
  record Workspace(String id, String name, Instant created) {}

  /**
   * A person who can sign in.
   *
   * @param email        lower-case, unique
   * @param passwordHash Argon2id ({@link Passwords})
   * @param totpSecret   Base32, null without two-factor
   * @param totpLastStep the last TOTP step accepted (no replay); -1 before the first
   */
  record User(long id, String email, String name, String passwordHash, String totpSecret, long totpLastStep,
      Instant created, boolean disabled) {
    @Override
    public String toString() {
      return "User[" + id + ", " + email + "]";
    }
  }

  record Membership(String workspaceId, long userId, Role role) {}

  /**
   * An API token as stored: never the token itself.
   *
   * @param userId   the person it acts for (a personal token), or null for a workspace token
   * @param expires  null: never
   * @param revoked  null: not revoked
   * @param lastUsed null: never used
   */
  record Token(long id, String prefix, String hash, String name, String workspaceId, Long userId, Role role,
      Set<Scope> scopes, Instant created, Instant expires, Instant revoked, Instant lastUsed) {
    public Token {
      scopes = Set.copyOf(scopes);
    }

    /** Usable at {@code now}: not revoked, not expired. */
    public boolean activeAt(Instant now) {
      return revoked == null && (expires == null || expires.isAfter(now));
    }
  }

  /**
   * A signed-in browser, as stored: never the cookie's value, only its SHA-256.
   *
   * @param workspaceId the workspace the session works in (switchable among the user's)
   * @param csrf        what state-changing requests of this session must send back
   * @param seen        the last request, to the minute (see {@code Sessions})
   */
  record Session(String idHash, long userId, String workspaceId, String csrf, Instant created, Instant seen,
      String address, String userAgent) {
    @Override
    public String toString() {
      return "Session[user " + userId + ", " + workspaceId + ", created " + created + "]";
    }
  }

  /** An invitation to a workspace, as stored: the link's token only as its SHA-256. */
  record Invitation(long id, String tokenHash, String workspaceId, String email, Role role, String invitedBy,
      Instant created, Instant expires, Instant accepted) {}

  /** One line of a workspace's audit log. */
  record AuditEntry(long id, String workspaceId, Instant at, String actor, String action, String target,
      String detail) {}

  // ---- workspaces and users

  Workspace createWorkspace(String id, String name, Instant at);

  Optional<Workspace> workspace(String id);

  List<Workspace> workspaces();

  void renameWorkspace(String id, String name);

  /**
   * Deletes the workspace with its memberships, tokens and invitations (its monitors are the
   * caller's to remove). Its id stays taken ({@link #workspaceIdTaken}): what it leaves behind can
   * never become another workspace's.
   */
  boolean deleteWorkspace(String id, Instant at);

  /** Whether {@code id} is or was a workspace's id. */
  boolean workspaceIdTaken(String id);

  /** @throws IllegalArgumentException when the e-mail address is taken (naming it) */
  User createUser(String email, String name, String passwordHash, Instant at);

  Optional<User> user(long id);

  Optional<User> userByEmail(String email);

  long userCount();

  /** Every user, by id. */
  List<User> users();

  void setPassword(long userId, String passwordHash);

  /** Sets or clears (null) the TOTP secret; resets the last step. */
  void setTotp(long userId, String secret);

  /** Records the TOTP step just accepted, only if later than the stored one; false when it was not (a replay). */
  boolean advanceTotpStep(long userId, long step);

  // ---- memberships

  /** Adds the user to the workspace, or changes their role there. */
  void setMembership(String workspaceId, long userId, Role role);

  boolean removeMembership(String workspaceId, long userId);

  List<Membership> members(String workspaceId);

  List<Membership> memberships(long userId);

  Optional<Membership> membership(String workspaceId, long userId);

  // ---- API tokens

  Token saveToken(String prefix, String hash, String name, String workspaceId, Long userId, Role role,
      Set<Scope> scopes, Instant created, Instant expires);

  Optional<Token> tokenByPrefix(String prefix);

  List<Token> tokens(String workspaceId);

  /** Records a use; cheap enough for every request (one UPDATE by key). */
  void touchToken(long id, Instant at);

  boolean revokeToken(long id, Instant at);

  // ---- sessions

  void createSession(Session session);

  Optional<Session> session(String idHash);

  /** Records the time of a request (callers do it at most once a minute per session). */
  void touchSession(String idHash, Instant seen);

  void setSessionWorkspace(String idHash, String workspaceId);

  boolean deleteSession(String idHash);

  /** Signs the user out everywhere but {@code keepIdHash} (null: everywhere); returns how many ended. */
  int deleteSessions(long userId, String keepIdHash);

  /** Deletes sessions created before {@code createdBefore} or last seen before {@code seenBefore}. */
  int pruneSessions(Instant createdBefore, Instant seenBefore);

  // ---- invitations

  Invitation createInvitation(String tokenHash, String workspaceId, String email, Role role, String invitedBy,
      Instant created, Instant expires);

  Optional<Invitation> invitationByHash(String tokenHash);

  /** Pending and accepted invitations of a workspace, newest first. */
  List<Invitation> invitations(String workspaceId);

  /** Marks it accepted unless it already was; true when this call accepted it. */
  boolean acceptInvitation(long id, Instant at);

  boolean deleteInvitation(String workspaceId, long id);

  // ---- audit log

  void audit(String workspaceId, Instant at, String actor, String action, String target, String detail);

  /** Newest first. */
  List<AuditEntry> auditLog(String workspaceId, int limit);
}
