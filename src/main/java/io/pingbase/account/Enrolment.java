package io.pingbase.account;

import io.pingbase.monitor.WorkspaceKey;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How people get accounts: the first owner (from the environment, or through the one-time setup
 * link printed to the log), open sign-up when the operator allows it, and accepted invitations.
 * There is never a default password.
 */
public final class Enrolment {
  private static final Logger log = LoggerFactory.getLogger(Enrolment.class);
  public static final int MAX_NAME_LENGTH = 100;

  /**
   * The first owner as the operator gives it (environment variables): an address, and a password
   * or an API token or both. The token, when given, must have the API token format.
   */
  public record Owner(String email, String name, String password, String token) {
    @Override
    public String toString() {
      return "Owner[" + email + ", password=***, token=***]";
    }
  }

  private final AccountStore store;
  private final Authenticator authenticator;
  private final Workspaces workspaces;
  private final Audit audit;
  private final InstantSource clock;
  private final LoginThrottle throttle;
  private final Supplier<AccountSettings> settings;
  private volatile String setupToken;

  public Enrolment(AccountStore store, Authenticator authenticator, Workspaces workspaces, Audit audit,
      InstantSource clock, SecureRandom random, LoginThrottle throttle, Supplier<AccountSettings> settings) {
    this.store = store;
    this.authenticator = authenticator;
    this.workspaces = workspaces;
    this.audit = audit;
    this.clock = clock;
    this.throttle = throttle;
    this.settings = settings;
    this.setupToken = Secrets.random(random);
  }

  /**
   * At start: when nobody has an account yet, creates the first owner from {@code owner} if given.
   *
   * @return true when accounts exist afterwards; false when the setup link is still needed
   *         ({@link #setupToken()})
   */
  public boolean bootstrap(Owner owner) {
    if (store.userCount() > 0) {
      setupToken = null;
      return true;
    }
    if (owner == null) {
      return false;
    }
    if (owner.password() == null && owner.token() == null) {
      throw new IllegalArgumentException("the first owner needs a password or an API token");
    }
    if (owner.token() != null && !ApiTokens.looksLikeToken(owner.token())) {
      throw new IllegalArgumentException("the first owner's API token must be pbt_ followed by 8 letters or digits,"
          + " '_' and 32 letters or digits");
    }
    String email = Members.Emails.normal(owner.email());
    String passwordHash;
    if (owner.password() != null) {
      String problem = Passwords.problem(owner.password());
      if (problem != null) {
        throw new IllegalArgumentException("the first owner's password " + problem);
      }
      passwordHash = Passwords.hash(owner.password());
    } else {
      passwordHash = "!"; // no password: signs in with the token only, until one is set
    }
    AccountStore.User user = createOwner(email, owner.name() == null ? email : owner.name(), passwordHash);
    if (owner.token() != null) {
      store.saveToken(ApiTokens.prefixOf(owner.token()), ApiTokens.sha256(owner.token()), "bootstrap",
          WorkspaceKey.DEFAULT, user.id(), Role.OWNER, EnumSet.allOf(Scope.class), clock.instant(), null);
    }
    setupToken = null;
    log.info("created the first owner, {}, from the environment", email);
    return true;
  }

  /** The secret of the one-time setup link while nobody has an account; null afterwards. */
  public String setupToken() {
    return setupToken;
  }

  /** Creates the first owner through the setup link, and signs them in. */
  public synchronized Authenticator.SignIn setup(String token, String email, String name, String password,
      String address, String userAgent) {
    if (setupToken == null || store.userCount() > 0) {
      setupToken = null;
      throw AccountException.conflict("setup is done: the first owner exists; sign in instead");
    }
    if (!Secrets.equal(token, setupToken)) {
      throw AccountException.unauthenticated("wrong setup token; the link is printed in the server's log at start");
    }
    String normal = Members.Emails.normal(email);
    AccountStore.User user = createOwner(normal, name(name, normal), hash(password));
    setupToken = null;
    log.info("created the first owner, {}, through the setup link", normal);
    return authenticator.openSession(user, address, userAgent);
  }

  private AccountStore.User createOwner(String email, String name, String passwordHash) {
    AccountStore.User user = store.createUser(email, name, passwordHash, clock.instant());
    if (store.workspace(WorkspaceKey.DEFAULT).isEmpty()) {
      store.createWorkspace(WorkspaceKey.DEFAULT, "Default", clock.instant());
    }
    store.setMembership(WorkspaceKey.DEFAULT, user.id(), Role.OWNER);
    audit.record(WorkspaceKey.DEFAULT, email, "member.add", email, "first owner");
    return user;
  }

  /**
   * Open sign-up ({@code accounts.signup: open}): a new account with a workspace of its own.
   * Slowed per client address like failed sign-ins, so one client cannot make accounts by the
   * thousand.
   */
  public Authenticator.SignIn signup(String email, String name, String password, String workspaceName,
      String address, String userAgent) {
    if (!settings.get().openSignup()) {
      throw AccountException.forbidden("sign-up is closed on this server; ask for an invitation");
    }
    String key = "signup:" + address;
    LoginThrottle.Decision d = throttle.check(key);
    if (!d.allowed()) {
      throw AccountException.throttled("too many sign-ups from your address; try again in "
          + d.retryAfter().toSeconds() + " s", d.retryAfter().toSeconds());
    }
    String normal = Members.Emails.normal(email);
    String cleanName = name(name, normal);
    String passwordHash = hash(password);
    if (store.userByEmail(normal).isPresent()) {
      throw AccountException.conflict("an account with this address exists; sign in instead");
    }
    throttle.failed(key); // counted: sign-ups are rate-limited, not only failures
    AccountStore.User user = store.createUser(normal, cleanName, passwordHash, clock.instant());
    workspaces.createFor(user, workspaceName == null || workspaceName.isBlank() ? cleanName : workspaceName);
    log.info("new account {} signed up", normal);
    return authenticator.openSession(user, address, userAgent);
  }

  /**
   * Accepts an invitation: a person without an account creates one ({@code name}, {@code password});
   * a person with one signs in as they would anywhere (password, their two-factor code, the same
   * throttle), so an invitation is never a way around two-factor sign-in.
   */
  public Authenticator.SignIn accept(String token, String name, String password, String totp, String address,
      String userAgent) {
    AccountStore.Invitation invitation = (Secrets.plausible(token) ? store.invitationByHash(Secrets.sha256(token))
        : java.util.Optional.<AccountStore.Invitation>empty())
        .filter(i -> i.accepted() == null && clock.instant().isBefore(i.expires()))
        .orElseThrow(() -> AccountException.notFound("no such invitation, or it was used, revoked or has expired"));
    AccountStore.User user = store.userByEmail(invitation.email()).orElse(null);
    if (user == null) {
      user = store.createUser(invitation.email(), name(name, invitation.email()), hash(password), clock.instant());
    } else {
      // Throws for a wrong password or two-factor code, exactly as signing in would.
      authenticator.verify(user.email(), password, totp, address);
    }
    if (!store.acceptInvitation(invitation.id(), clock.instant())) {
      throw AccountException.notFound("no such invitation, or it was used, revoked or has expired");
    }
    Role role = store.membership(invitation.workspaceId(), user.id()).map(m -> m.role().atLeast(invitation.role())
        ? m.role() : invitation.role()).orElse(invitation.role());
    store.setMembership(invitation.workspaceId(), user.id(), role);
    authenticator.forget();
    audit.record(invitation.workspaceId(), user.email(), "member.add", user.email(),
        "accepted the invitation of " + invitation.invitedBy() + " as " + role.wire());
    return authenticator.openSession(user, invitation.workspaceId(), address, userAgent);
  }

  private static String hash(String password) {
    String problem = Passwords.problem(password);
    if (problem != null) {
      throw AccountException.invalid("password", problem);
    }
    return Passwords.hash(password);
  }

  private static String name(String name, String email) {
    if (name == null || name.isBlank()) {
      return email.substring(0, email.indexOf('@'));
    }
    if (name.strip().length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
      throw AccountException.invalid("name", "must be at most " + MAX_NAME_LENGTH
          + " characters without control characters");
    }
    return name.strip();
  }
}
