package io.pingbase.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns credentials into a {@link Caller}: a password (and a TOTP code) into a session, a session
 * cookie or an API token into the caller of one request. Knows nothing of HTTP: the web layer
 * hands over the cookie's value, the bearer token and the client's address.
 *
 * <p>Sessions end {@link Settings#idle} after their last request and {@link Settings#absolute}
 * after sign-in, whichever comes first. A session's and a token's last use are written at most
 * once a minute.
 *
 * <p>A caller found in the database is remembered for {@link #FRESH}, so a busy client costs no
 * query per request; every change to accounts made through this server calls {@link #forget()}
 * (a revoked token or a removed member is refused at once here; another node of a cluster would
 * take up to {@link #FRESH}). While the database does not answer, callers seen in the last
 * {@link #OUTAGE_GRACE} still pass, so what the API serves from memory (live status) stays
 * available in an outage, as it was before accounts existed.
 */
public final class Authenticator {
  /** Same message for an unknown address and a wrong password: which addresses have accounts is not told. */
  static final String WRONG_LOGIN = "wrong e-mail address or password";
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  static final Duration FRESH = Duration.ofSeconds(10);
  static final Duration OUTAGE_GRACE = Duration.ofMinutes(15);
  private static final int MAX_CACHED = 10_000;
  /** Verified when the address is unknown, so that answer takes as long as a wrong password. */
  private static final String DUMMY_HASH = Passwords.hash("not a password of anyone's");

  /**
   * @param idle     a session ends this long after its last request
   * @param absolute and this long after sign-in, whatever happens
   */
  public record Settings(Duration idle, Duration absolute) {
    public static final Settings DEFAULT = new Settings(Duration.ofHours(12), Duration.ofDays(14));

    public Settings {
      if (idle.compareTo(Duration.ofMinutes(1)) < 0 || absolute.compareTo(idle) < 0) {
        throw new IllegalArgumentException("session idle must be >= 1m and <= the absolute lifetime");
      }
    }
  }

  /**
   * A new session.
   *
   * @param cookie the value for the browser's cookie: shown once, only its hash is stored
   */
  public record SignIn(String cookie, AccountStore.Session session, AccountStore.User user) {
    @Override
    public String toString() {
      return "SignIn[" + user + ", cookie=***]";
    }
  }

  private final AccountStore store;
  private final InstantSource clock;
  private final SecureRandom random;
  private final LoginThrottle throttle;
  private volatile Settings settings;

  private record Cached(Caller caller, Instant checked) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public Authenticator(AccountStore store, InstantSource clock, SecureRandom random, LoginThrottle throttle,
      Settings settings) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.throttle = throttle;
    this.settings = settings;
  }

  /** Takes new session lifetimes (a config reload); existing sessions are judged by them from now on. */
  public void settings(Settings next) {
    this.settings = next;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Checks a password (and the TOTP code when the user has two-factor on) and opens a session.
   * Slowed per account and per address by the {@link LoginThrottle}: while either waits, nothing
   * is checked and the answer is THROTTLED.
   *
   * @throws AccountException THROTTLED, or UNAUTHENTICATED (field {@code totp} when a code is
   *                          missing or wrong)
   */
  public SignIn signIn(String email, String password, String totpCode, String address, String userAgent) {
    return openSession(verify(email, password, totpCode, address), null, address, userAgent);
  }

  /**
   * The user these credentials prove, checked exactly as {@link #signIn} checks them (throttle,
   * password, disabled, two-factor), without opening a session.
   */
  public AccountStore.User verify(String email, String password, String totpCode, String address) {
    String normal = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    String[] keys = {"account:" + normal, "address:" + address};
    LoginThrottle.Decision decision = throttle.check(keys);
    if (!decision.allowed()) {
      throw AccountException.throttled("too many failed sign-ins; try again in " + seconds(decision.retryAfter())
          + " s", decision.retryAfter().toSeconds());
    }
    Optional<AccountStore.User> found = normal.isEmpty() ? Optional.empty() : store.userByEmail(normal);
    if (found.isEmpty()) {
      Passwords.verify(password, DUMMY_HASH);
      throttle.failed(keys);
      throw AccountException.unauthenticated(WRONG_LOGIN);
    }
    AccountStore.User user = found.get();
    if (!Passwords.verify(password, user.passwordHash())) {
      throttle.failed(keys);
      throw AccountException.unauthenticated(WRONG_LOGIN);
    }
    if (user.disabled()) {
      throw AccountException.unauthenticated("this account is disabled; ask an owner of your workspace");
    }
    if (user.totpSecret() != null) {
      if (totpCode == null || totpCode.isBlank()) {
        throw AccountException.invalidTotp("enter the 6-digit code from your authenticator app (totp)");
      }
      long step = Totp.verify(user.totpSecret(), totpCode.strip(), clock.instant(), user.totpLastStep());
      if (step < 0 || !store.advanceTotpStep(user.id(), step)) {
        throttle.failed(keys);
        throw AccountException.invalidTotp("the two-factor code is wrong or was used already");
      }
    }
    throttle.succeeded(keys[0]);
    if (Passwords.needsRehash(user.passwordHash())) {
      store.setPassword(user.id(), Passwords.hash(password));
    }
    return user;
  }

  /** A session for a user who just proved who they are some other way (setup, sign-up, an accepted invitation). */
  public SignIn openSession(AccountStore.User user, String address, String userAgent) {
    return openSession(user, null, address, userAgent);
  }

  /** As {@link #openSession(AccountStore.User, String, String)}, working in {@code workspace} (null: the preferred one). */
  public SignIn openSession(AccountStore.User user, String workspace, String address, String userAgent) {
    Instant now = clock.instant();
    String cookie = Secrets.random(random);
    if (workspace == null) {
      workspace = preferredWorkspace(store.memberships(user.id()));
    }
    AccountStore.Session session = new AccountStore.Session(Secrets.sha256(cookie), user.id(),
        workspace == null ? "" : workspace, Secrets.random(random), now, now, address, cut(userAgent, 300));
    store.createSession(session);
    return new SignIn(cookie, session, user);
  }

  /**
   * The caller behind a session cookie.
   *
   * @param workspace the workspace the request asks for; null for the session's
   * @throws AccountException UNAUTHENTICATED when the cookie is not a live session; NOT_FOUND when
   *                          the user is no member of {@code workspace}
   */
  public Caller session(String cookie, String workspace) {
    if (!Secrets.plausible(cookie)) {
      throw AccountException.unauthenticated("not signed in: the session cookie is not valid; sign in again");
    }
    String hash = Secrets.sha256(cookie);
    return cached("s " + hash + " " + workspace, () -> lookupSession(hash, workspace));
  }

  private Caller lookupSession(String hash, String workspace) {
    AccountStore.Session session = store.session(hash).orElseThrow(() ->
        AccountException.unauthenticated("not signed in: the session has ended; sign in again"));
    Instant now = clock.instant();
    Settings s = settings;
    if (!now.isBefore(session.created().plus(s.absolute())) || !now.isBefore(session.seen().plus(s.idle()))) {
      store.deleteSession(hash);
      throw AccountException.unauthenticated("the session expired; sign in again");
    }
    AccountStore.User user = activeUser(session.userId());
    if (user == null) {
      store.deleteSession(hash);
      throw AccountException.unauthenticated("not signed in: the account is disabled or deleted");
    }
    if (Duration.between(session.seen(), now).compareTo(TOUCH_EVERY) >= 0) {
      store.touchSession(hash, now);
      session = new AccountStore.Session(session.idHash(), session.userId(), session.workspaceId(), session.csrf(),
          session.created(), now, session.address(), session.userAgent());
    }
    String wanted = workspace != null ? workspace : session.workspaceId();
    Optional<AccountStore.Membership> membership = wanted.isEmpty() ? Optional.empty()
        : store.membership(wanted, user.id());
    if (membership.isEmpty() && workspace != null) {
      throw AccountException.notFound("no workspace " + quote(workspace));
    }
    if (membership.isEmpty()) { // removed from the session's workspace since: work in another
      String other = preferredWorkspace(store.memberships(user.id()));
      if (other != null) {
        store.setSessionWorkspace(hash, other);
        membership = store.membership(other, user.id());
      }
    }
    return new Caller(user, membership.map(AccountStore.Membership::workspaceId).orElse(null),
        membership.map(AccountStore.Membership::role).orElse(null), EnumSet.allOf(Scope.class), session, null);
  }

  /**
   * The caller behind an API token.
   *
   * @param workspace the workspace the request asks for; null for the token's (a token works in
   *                  its own workspace only)
   */
  public Caller token(String presented, String workspace) {
    String prefix = ApiTokens.prefixOf(presented);
    if (prefix == null) {
      throw AccountException.unauthenticated("not a PingBase API token (pbt_ followed by 8 and 32 letters and digits)");
    }
    return cached("t " + ApiTokens.sha256(presented) + " " + workspace, () -> lookupToken(presented, prefix, workspace));
  }

  private Caller lookupToken(String presented, String prefix, String workspace) {
    AccountStore.Token token = store.tokenByPrefix(prefix).filter(t -> ApiTokens.matches(presented, t.hash()))
        .orElseThrow(() -> AccountException.unauthenticated("unknown API token " + prefix));
    Instant now = clock.instant();
    if (token.revoked() != null) {
      throw AccountException.unauthenticated("API token " + prefix + " was revoked at " + token.revoked());
    }
    if (token.expires() != null && !now.isBefore(token.expires())) {
      throw AccountException.unauthenticated("API token " + prefix + " expired at " + token.expires());
    }
    if (workspace != null && !workspace.equals(token.workspaceId())) {
      throw AccountException.notFound("no workspace " + quote(workspace) + " for API token " + prefix
          + " (a token works in its own workspace only)");
    }
    AccountStore.User user = null;
    Role role = token.role();
    if (token.userId() != null) {
      user = activeUser(token.userId());
      Optional<AccountStore.Membership> m = user == null ? Optional.empty()
          : store.membership(token.workspaceId(), user.id());
      if (m.isEmpty()) {
        throw AccountException.unauthenticated("API token " + prefix
            + " belongs to a user who is no longer an active member of its workspace");
      }
      role = role.lesser(m.get().role());
    }
    if (token.lastUsed() == null || Duration.between(token.lastUsed(), now).compareTo(TOUCH_EVERY) >= 0) {
      store.touchToken(token.id(), now);
    }
    return new Caller(user, token.workspaceId(), role, token.scopes(), null, token);
  }

  /** Ends the caller's session (a token caller has none to end). */
  public void signOut(Caller caller) {
    if (caller.session() != null) {
      store.deleteSession(caller.session().idHash());
      forget();
    }
  }

  /** Ends every session of the user, the caller's own too; returns how many. */
  public int signOutEverywhere(long userId) {
    int ended = store.deleteSessions(userId, null);
    forget();
    return ended;
  }

  /**
   * Forgets every remembered caller: the next request of each is checked against the database.
   * Called after every change to tokens, sessions, memberships, passwords and workspaces.
   */
  public void forget() {
    cache.clear();
  }

  private Caller cached(String key, Supplier<Caller> lookup) {
    Instant now = clock.instant();
    Cached c = cache.get(key);
    if (c != null && usable(c, now, false)) {
      return c.caller();
    }
    try {
      Caller fresh = lookup.get();
      if (cache.size() >= MAX_CACHED) {
        cache.clear(); // a crude bound; the cache only saves queries
      }
      cache.put(key, new Cached(fresh, now));
      return fresh;
    } catch (AccountException e) {
      cache.remove(key);
      throw e;
    } catch (RuntimeException e) { // the database did not answer
      if (c != null && usable(c, now, true)) {
        return c.caller();
      }
      throw e;
    }
  }

  /**
   * Whether a remembered caller may be used now: fresh enough (or, in an outage, recent enough),
   * its token not expired, its session within its lifetime, and, outside an outage, its session
   * touched in the last minute (else the database path writes the touch).
   */
  private boolean usable(Cached c, Instant now, boolean outage) {
    if (Duration.between(c.checked(), now).compareTo(outage ? OUTAGE_GRACE : FRESH) >= 0) {
      return false;
    }
    Caller caller = c.caller();
    if (caller.token() != null) {
      return caller.token().expires() == null || now.isBefore(caller.token().expires());
    }
    AccountStore.Session s = caller.session();
    Settings st = settings;
    return now.isBefore(s.created().plus(st.absolute()))
        && (outage || Duration.between(s.seen(), now).compareTo(TOUCH_EVERY) < 0);
  }

  /** Deletes sessions past their lifetime; run now and then, so the table does not grow. */
  public int pruneSessions() {
    Instant now = clock.instant();
    Settings s = settings;
    return store.pruneSessions(now.minus(s.absolute()), now.minus(s.idle()));
  }

  private AccountStore.User activeUser(long id) {
    return store.user(id).filter(u -> !u.disabled()).orElse(null);
  }

  /** The default workspace when the user is in it, else the first by id; null for none. */
  static String preferredWorkspace(List<AccountStore.Membership> memberships) {
    for (AccountStore.Membership m : memberships) {
      if (m.workspaceId().equals(io.pingbase.monitor.WorkspaceKey.DEFAULT)) {
        return m.workspaceId();
      }
    }
    return memberships.isEmpty() ? null : memberships.get(0).workspaceId();
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  static String quote(String s) {
    String cut = cut(s, 80);
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

}
