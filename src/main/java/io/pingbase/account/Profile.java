package io.pingbase.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What users do to their own account: change the password, turn two-factor sign-in on and off,
 * sign out everywhere. These are not workspace changes, so they go to the server log, not to a
 * workspace's audit log.
 */
public final class Profile {
  private static final Logger log = LoggerFactory.getLogger(Profile.class);
  /** How long a two-factor secret waits for its first code before enrolment starts over. */
  static final Duration ENROL_WITHIN = Duration.ofMinutes(15);
  static final String ISSUER = "PingBase";

  /** A started two-factor enrolment: what the authenticator app needs. */
  public record Enrolment(String secret, String uri) {
    @Override
    public String toString() {
      return "Enrolment[secret=***]";
    }
  }

  private record Pending(String secret, Instant until) {}

  private final AccountStore store;
  private final InstantSource clock;
  private final SecureRandom random;
  private final LoginThrottle throttle;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final Runnable accessChanged;

  /**
   * @param accessChanged called after a change callers are remembered with: sessions ended by a
   *                      password change, two-factor turned on or off ({@link Authenticator#forget})
   */
  public Profile(AccountStore store, InstantSource clock, SecureRandom random, LoginThrottle throttle,
      Runnable accessChanged) {
    this.accessChanged = accessChanged;
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.throttle = throttle;
  }

  /**
   * Sets a new password after checking the current one (throttled like a sign-in), and ends every
   * other session of the user: whoever knew the old password is signed out.
   */
  public void changePassword(Caller caller, String current, String next) {
    AccountStore.User user = requirePassword(caller, current, "current-password");
    String problem = Passwords.problem(next);
    if (problem != null) {
      throw AccountException.invalid("new-password", problem);
    }
    store.setPassword(user.id(), Passwords.hash(next));
    int ended = store.deleteSessions(user.id(), caller.session() == null ? null : caller.session().idHash());
    accessChanged.run();
    log.info("user {} changed their password; {} other session(s) ended", user.email(), ended);
  }

  /** Starts two-factor enrolment: a new secret, active once {@link #confirmTotp} gets a code made from it. */
  public Enrolment beginTotp(Caller caller) {
    AccountStore.User user = caller.requireUser();
    if (user.totpSecret() != null) {
      throw AccountException.conflict("two-factor sign-in is already on; turn it off first to change the device");
    }
    String secret = Totp.newSecret(random);
    pending.put(user.id(), new Pending(secret, clock.instant().plus(ENROL_WITHIN)));
    return new Enrolment(secret, Totp.uri(ISSUER, user.email(), secret));
  }

  /** Turns two-factor sign-in on when {@code code} was made from the secret of {@link #beginTotp}. */
  public void confirmTotp(Caller caller, String code) {
    AccountStore.User user = caller.requireUser();
    Pending p = pending.get(user.id());
    if (p == null || !clock.instant().isBefore(p.until())) {
      pending.remove(user.id());
      throw AccountException.conflict("no two-factor enrolment under way (or it is older than "
          + ENROL_WITHIN.toMinutes() + " minutes); start again");
    }
    long step = Totp.verify(p.secret(), code == null ? null : code.strip(), clock.instant(), -1);
    if (step < 0) {
      throw AccountException.invalid("code", "is not the current code of the new secret; check the device's clock");
    }
    store.setTotp(user.id(), p.secret());
    store.advanceTotpStep(user.id(), step);
    pending.remove(user.id());
    accessChanged.run(); // a remembered caller holds the user as it was: without this, two-factor looks off for 10 s
    log.info("user {} turned two-factor sign-in on", user.email());
  }

  /** Turns two-factor sign-in off, after checking the password. */
  public void disableTotp(Caller caller, String password) {
    AccountStore.User user = requirePassword(caller, password, "password");
    store.setTotp(user.id(), null);
    accessChanged.run();
    log.info("user {} turned two-factor sign-in off", user.email());
  }

  /** The caller's user, after checking {@code password} (throttled per account like a sign-in). */
  private AccountStore.User requirePassword(Caller caller, String password, String field) {
    AccountStore.User user = caller.requireUser();
    String key = "account:" + user.email();
    LoginThrottle.Decision d = throttle.check(key);
    if (!d.allowed()) {
      throw AccountException.throttled("too many wrong passwords; try again in " + d.retryAfter().toSeconds() + " s",
          d.retryAfter().toSeconds());
    }
    AccountStore.User fresh = store.user(user.id()).orElseThrow(() -> AccountException.unauthenticated("no such user"));
    if (!Passwords.verify(password, fresh.passwordHash())) {
      throttle.failed(key);
      throw AccountException.invalid(field, "is not your current password");
    }
    return fresh;
  }
}
