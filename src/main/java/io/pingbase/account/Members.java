package io.pingbase.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who belongs to a workspace: members with their roles, and invitations. Every method checks the
 * caller's role and works in the caller's workspace only.
 *
 * <p>Rules: admins manage members and invitations; only owners make, demote or remove owners; a
 * workspace always keeps at least one owner. Nobody is added without accepting: even a person
 * with an account gets an invitation, so adding someone never tells an admin which addresses have
 * accounts on the server.
 */
public final class Members {
  public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

  /** A member as listed: the membership with the person's address and name. */
  public record Member(long userId, String email, String name, Role role, boolean twoFactor) {}

  /**
   * A new invitation.
   *
   * @param token the secret of the invitation link: shown once, only its hash is stored
   */
  public record Invited(AccountStore.Invitation invitation, String token) {
    @Override
    public String toString() {
      return "Invited[" + invitation.email() + ", token=***]";
    }
  }

  private final AccountStore store;
  private final Audit audit;
  private final InstantSource clock;
  private final SecureRandom random;
  private final Runnable accessChanged;

  /** @param accessChanged called after a change to who may do what ({@link Authenticator#forget}) */
  public Members(AccountStore store, Audit audit, InstantSource clock, SecureRandom random, Runnable accessChanged) {
    this.accessChanged = accessChanged;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  public List<Member> list(Caller caller) {
    caller.requireRole(Role.VIEWER);
    List<Member> out = new ArrayList<>();
    for (AccountStore.Membership m : store.members(caller.workspaceId())) {
      store.user(m.userId()).ifPresent(u ->
          out.add(new Member(u.id(), u.email(), u.name(), m.role(), u.totpSecret() != null)));
    }
    return out;
  }

  public Member get(Caller caller, long userId) {
    caller.requireRole(Role.VIEWER);
    return list(caller).stream().filter(m -> m.userId() == userId).findFirst()
        .orElseThrow(() -> noMember(userId));
  }

  /** Invites {@code email} to the caller's workspace with {@code role}. */
  public Invited invite(Caller caller, String email, Role role) {
    caller.requireRole(Role.ADMIN);
    String normal = Emails.normal(email);
    requireMayGrant(caller, role);
    Instant now = clock.instant();
    String token = Secrets.random(random);
    AccountStore.Invitation invitation = store.createInvitation(Secrets.sha256(token), caller.workspaceId(), normal,
        role, caller.actor(), now, now.plus(INVITATION_LIFETIME));
    audit.record(caller, "invitation.create", normal, "role " + role.wire());
    return new Invited(invitation, token);
  }

  public List<AccountStore.Invitation> invitations(Caller caller) {
    caller.requireRole(Role.ADMIN);
    return store.invitations(caller.workspaceId());
  }

  public void revokeInvitation(Caller caller, long id) {
    caller.requireRole(Role.ADMIN);
    AccountStore.Invitation invitation = store.invitations(caller.workspaceId()).stream()
        .filter(i -> i.id() == id).findFirst()
        .orElseThrow(() -> AccountException.notFound("no invitation with id " + id));
    store.deleteInvitation(caller.workspaceId(), id);
    audit.record(caller, "invitation.delete", invitation.email(), null);
  }

  /** Changes a member's role. */
  public Member setRole(Caller caller, long userId, Role role) {
    caller.requireRole(Role.ADMIN);
    AccountStore.Membership current = store.membership(caller.workspaceId(), userId).orElseThrow(() -> noMember(userId));
    if (current.role() == role) {
      return get(caller, userId);
    }
    requireMayGrant(caller, role);
    requireMayGrant(caller, current.role());
    if (current.role() == Role.OWNER) {
      requireAnotherOwner(caller.workspaceId(), userId, "change the role of");
    }
    store.setMembership(caller.workspaceId(), userId, role);
    accessChanged.run();
    Member m = get(caller, userId);
    audit.record(caller, "member.role", m.email(), current.role().wire() + " -> " + role.wire());
    return m;
  }

  /** Removes a member; anyone may remove themselves (leave), but the last owner may not. */
  public void remove(Caller caller, long userId) {
    boolean self = caller.user() != null && caller.user().id() == userId;
    if (!self) {
      caller.requireRole(Role.ADMIN);
    } else {
      caller.requireRole(Role.VIEWER);
    }
    AccountStore.Membership current = store.membership(caller.workspaceId(), userId).orElseThrow(() -> noMember(userId));
    if (!self) {
      requireMayGrant(caller, current.role());
    }
    if (current.role() == Role.OWNER) {
      requireAnotherOwner(caller.workspaceId(), userId, "remove");
    }
    String email = store.user(userId).map(AccountStore.User::email).orElse("user " + userId);
    store.removeMembership(caller.workspaceId(), userId);
    accessChanged.run();
    audit.record(caller, self ? "member.leave" : "member.remove", email, "was " + current.role().wire());
  }

  /** Only owners hand out or take away the owner role. */
  private static void requireMayGrant(Caller caller, Role role) {
    if (role == Role.OWNER && !caller.hasRole(Role.OWNER)) {
      throw AccountException.forbidden("only owners make, change or remove owners; you are " + caller.role().wire());
    }
  }

  private void requireAnotherOwner(String workspace, long userId, String what) {
    boolean another = store.members(workspace).stream()
        .anyMatch(m -> m.role() == Role.OWNER && m.userId() != userId);
    if (!another) {
      throw AccountException.conflict("cannot " + what + " the last owner of workspace '" + workspace
          + "'; make someone else an owner first");
    }
  }

  private static AccountException noMember(long userId) {
    return AccountException.notFound("no member with user id " + userId + " in this workspace");
  }

  /** E-mail addresses as accounts use them. */
  static final class Emails {
    static final int MAX_LENGTH = 254;

    private Emails() {}

    /** Lower-case and trimmed; INVALID when it cannot be an address. */
    static String normal(String email) {
      if (email == null || email.isBlank()) {
        throw AccountException.invalid("email", "must not be empty");
      }
      String s = email.strip().toLowerCase(Locale.ROOT);
      int at = s.indexOf('@');
      if (s.length() > MAX_LENGTH || at < 1 || at != s.lastIndexOf('@') || at == s.length() - 1
          || s.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';')) {
        throw AccountException.invalid("email", "is not an e-mail address (name@domain, at most " + MAX_LENGTH
            + " characters), was " + Authenticator.quote(email));
      }
      return s;
    }
  }
}
