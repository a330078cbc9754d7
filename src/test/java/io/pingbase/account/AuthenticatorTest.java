package io.pingbase.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.store.jdbc.JdbcStore;
import io.pingbase.testing.SettableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, sessions and tokens against a real SQLite store, with a clock the test moves. */
class AuthenticatorTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final String PASSWORD = "correct horse battery staple";

  @TempDir
  Path dir;
  final SettableClock clock = new SettableClock(T0);
  JdbcStore store;
  AccountStore accounts;
  Authenticator auth;
  AccountStore.User ann;

  @BeforeEach
  void open() {
    store = JdbcStore.sqlite(dir.resolve("accounts.db"), clock);
    accounts = store.accounts();
    auth = new Authenticator(accounts, clock, new SecureRandom(), LoginThrottle.standard(clock),
        new Authenticator.Settings(Duration.ofHours(1), Duration.ofHours(8)));
    ann = accounts.createUser("ann@example.com", "Ann", Passwords.hash(PASSWORD), T0);
    accounts.setMembership(WorkspaceKey.DEFAULT, ann.id(), Role.EDITOR);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aRightPasswordOpensASessionThatKnowsTheUserAndRole() {
    Authenticator.SignIn in = auth.signIn(" ANN@example.com", PASSWORD, null, "127.0.0.1", "test");

    assertThat(in.cookie()).hasSize(43);
    assertThat(in.session().idHash()).isNotEqualTo(in.cookie()).as("only the hash is stored");
    Caller c = auth.session(in.cookie(), null);
    assertThat(c.user().email()).isEqualTo("ann@example.com");
    assertThat(c.workspaceId()).isEqualTo(WorkspaceKey.DEFAULT);
    assertThat(c.role()).isEqualTo(Role.EDITOR);
    assertThat(c.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.WRITE);
    assertThat(c.session().csrf()).hasSize(43).isNotEqualTo(in.cookie());
  }

  @Test
  void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
    assertThatThrownBy(() -> auth.signIn("ann@example.com", "wrong password!", null, "127.0.0.1", null))
        .isInstanceOf(AccountException.class).hasMessage(Authenticator.WRONG_LOGIN)
        .extracting(e -> ((AccountException) e).kind()).isEqualTo(AccountException.Kind.UNAUTHENTICATED);
    assertThatThrownBy(() -> auth.signIn("nobody@example.com", PASSWORD, null, "127.0.0.2", null))
        .hasMessage(Authenticator.WRONG_LOGIN);
  }

  @Test
  void guessingIsSlowedPerAccountEvenWithTheRightPasswordAndFromAnotherAddress() {
    for (int i = 0; i < 5; i++) {
      String address = "127.0.0." + (i + 1); // many addresses, one account
      assertThatThrownBy(() -> auth.signIn("ann@example.com", "guess", null, address, null))
          .hasMessage(Authenticator.WRONG_LOGIN);
    }
    AccountException throttled = (AccountException) org.assertj.core.api.Assertions.catchThrowable(
        () -> auth.signIn("ann@example.com", PASSWORD, null, "127.0.0.9", null));
    assertThat(throttled.kind()).isEqualTo(AccountException.Kind.THROTTLED);
    assertThat(throttled.retryAfterSeconds()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> auth.signIn("ann@example.com", "guess", null, "127.0.0.9", null))
        .hasMessage(Authenticator.WRONG_LOGIN);
    AccountException doubled = (AccountException) org.assertj.core.api.Assertions.catchThrowable(
        () -> auth.signIn("ann@example.com", PASSWORD, null, "127.0.0.9", null));
    assertThat(doubled.retryAfterSeconds()).as("the wait doubles").isEqualTo(2);

    clock.advance(Duration.ofSeconds(2));
    assertThat(auth.signIn("ann@example.com", PASSWORD, null, "127.0.0.9", null).user().id()).isEqualTo(ann.id());
  }

  @Test
  void twoFactorNeedsAFreshCodeThatIsNeverAcceptedTwice() throws Exception {
    String secret = Totp.newSecret(new SecureRandom());
    accounts.setTotp(ann.id(), secret);
    AccountException missing = (AccountException) org.assertj.core.api.Assertions.catchThrowable(
        () -> auth.signIn("ann@example.com", PASSWORD, null, "127.0.0.1", null));
    assertThat(missing.kind()).isEqualTo(AccountException.Kind.UNAUTHENTICATED);
    assertThat(missing.field()).isEqualTo("totp");
    assertThatThrownBy(() -> auth.signIn("ann@example.com", PASSWORD, "000000", "127.0.0.1", null))
        .hasMessageContaining("two-factor code is wrong");

    String code = Totp.code(Totp.decodeBase32(secret), clock.instant(), 6);
    assertThat(auth.signIn("ann@example.com", PASSWORD, code, "127.0.0.1", null)).isNotNull();
    assertThatThrownBy(() -> auth.signIn("ann@example.com", PASSWORD, code, "127.0.0.1", null))
        .as("a replayed code").hasMessageContaining("used already");
  }

  @Test
  void aSessionEndsAfterItsIdleTimeAndAfterItsAbsoluteLifetime() {
    String idle = auth.signIn("ann@example.com", PASSWORD, null, "127.0.0.1", null).cookie();
    clock.advance(Duration.ofMinutes(59));
    assertThat(auth.session(idle, null).user().id()).isEqualTo(ann.id());
    clock.advance(Duration.ofMinutes(61));
    assertThatThrownBy(() -> auth.session(idle, null)).hasMessageContaining("expired");
    assertThat(accounts.session(Secrets.sha256(idle))).as("deleted when found expired").isEmpty();

    String busy = auth.signIn("ann@example.com", PASSWORD, null, "127.0.0.1", null).cookie();
    for (int i = 0; i < 15; i++) { // a request every 30 minutes keeps it alive ...
      clock.advance(Duration.ofMinutes(30));
      assertThat(auth.session(busy, null).role()).isEqualTo(Role.EDITOR);
    }
    clock.advance(Duration.ofMinutes(30)); // ... until 8 hours after sign-in
    assertThatThrownBy(() -> auth.session(busy, null)).hasMessageContaining("expired");
  }

  @Test
  void signingOutEndsTheSessionAtOnceEvenWhileRemembered() {
    String cookie = auth.signIn("ann@example.com", PASSWORD, null, "127.0.0.1", null).cookie();
    Caller c = auth.session(cookie, null);
    auth.signOut(c);
    assertThatThrownBy(() -> auth.session(cookie, null)).hasMessageContaining("session has ended");
  }

  @Test
  void garbageCookiesAndTokensAreRefusedWithoutALookup() {
    for (String bad : new String[] {"", "x", "a".repeat(43) + "=", "ü".repeat(43), "a".repeat(10_000)}) {
      assertThatThrownBy(() -> auth.session(bad, null)).isInstanceOf(AccountException.class);
      assertThatThrownBy(() -> auth.token(bad, null)).isInstanceOf(AccountException.class)
          .hasMessageContaining("not a PingBase API token");
    }
    String unknown = ApiTokens.issue(new SecureRandom()).token();
    assertThatThrownBy(() -> auth.token(unknown, null)).hasMessageContaining("unknown API token");
  }

  @Test
  void tokensExpireAreRevokedAndActWithinTheirOwnWorkspaceOnly() {
    accounts.createWorkspace("acme", "Acme", T0);
    ApiTokens.Issued issued = ApiTokens.issue(new SecureRandom());
    var token = accounts.saveToken(issued.prefix(), issued.hash(), "deploy", "acme", null, Role.ADMIN,
        EnumSet.of(Scope.READ), T0, T0.plus(Duration.ofHours(1)));

    Caller c = auth.token(issued.token(), null);
    assertThat(c.user()).as("a workspace token acts for no one").isNull();
    assertThat(c.workspaceId()).isEqualTo("acme");
    assertThat(c.role()).isEqualTo(Role.ADMIN);
    assertThat(c.scopes()).containsExactly(Scope.READ);
    assertThat(c.actor()).isEqualTo("token " + issued.prefix() + " (deploy)");
    assertThat(auth.token(issued.token(), "acme").workspaceId()).isEqualTo("acme");
    assertThatThrownBy(() -> auth.token(issued.token(), WorkspaceKey.DEFAULT))
        .extracting(e -> ((AccountException) e).kind()).isEqualTo(AccountException.Kind.NOT_FOUND);
    assertThat(accounts.tokenByPrefix(issued.prefix()).orElseThrow().lastUsed()).isEqualTo(T0);

    clock.advance(Duration.ofHours(1));
    assertThatThrownBy(() -> auth.token(issued.token(), null)).hasMessageContaining("expired at");

    ApiTokens.Issued other = ApiTokens.issue(new SecureRandom());
    var second = accounts.saveToken(other.prefix(), other.hash(), "ci", "acme", null, Role.EDITOR,
        EnumSet.allOf(Scope.class), clock.instant(), null);
    assertThat(auth.token(other.token(), null).role()).isEqualTo(Role.EDITOR);
    accounts.revokeToken(second.id(), clock.instant());
    auth.forget(); // what the token API does after revoking
    assertThatThrownBy(() -> auth.token(other.token(), null)).hasMessageContaining("was revoked");
    assertThat(token.id()).isNotEqualTo(second.id());
  }

  @Test
  void aPersonalTokenNeverActsAboveItsOwnersRoleNowAndDiesWithTheMembership() {
    ApiTokens.Issued issued = ApiTokens.issue(new SecureRandom());
    accounts.saveToken(issued.prefix(), issued.hash(), "laptop", WorkspaceKey.DEFAULT, ann.id(), Role.OWNER,
        Set.of(Scope.READ, Scope.WRITE), T0, null);
    assertThat(auth.token(issued.token(), null).role()).as("capped by ann's role").isEqualTo(Role.EDITOR);

    accounts.setMembership(WorkspaceKey.DEFAULT, ann.id(), Role.VIEWER);
    auth.forget();
    assertThat(auth.token(issued.token(), null).role()).isEqualTo(Role.VIEWER);

    accounts.removeMembership(WorkspaceKey.DEFAULT, ann.id());
    auth.forget();
    assertThatThrownBy(() -> auth.token(issued.token(), null)).hasMessageContaining("no longer an active member");
  }

  @Test
  void aSessionMovesOnWhenItsWorkspaceIsLeftAndRefusesAWorkspaceItIsNotIn() {
    accounts.createWorkspace("acme", "Acme", T0);
    accounts.setMembership("acme", ann.id(), Role.ADMIN);
    String cookie = auth.signIn("ann@example.com", PASSWORD, null, "127.0.0.1", null).cookie();
    assertThat(auth.session(cookie, "acme").role()).isEqualTo(Role.ADMIN);
    assertThatThrownBy(() -> auth.session(cookie, "elsewhere"))
        .extracting(e -> ((AccountException) e).kind()).isEqualTo(AccountException.Kind.NOT_FOUND);

    accounts.removeMembership(WorkspaceKey.DEFAULT, ann.id());
    auth.forget();
    Caller moved = auth.session(cookie, null);
    assertThat(moved.workspaceId()).isEqualTo("acme");
    accounts.removeMembership("acme", ann.id());
    auth.forget();
    Caller none = auth.session(cookie, null);
    assertThat(none.workspaceId()).as("signed in, in no workspace").isNull();
    assertThatThrownBy(() -> none.requireRole(Role.VIEWER)).hasMessageContaining("not a member of any workspace");
  }

  @Test
  void aRememberedCallerIsUsedForAFewSecondsThenCheckedAgain() {
    ApiTokens.Issued issued = ApiTokens.issue(new SecureRandom());
    var t = accounts.saveToken(issued.prefix(), issued.hash(), "ci", WorkspaceKey.DEFAULT, null, Role.VIEWER,
        EnumSet.allOf(Scope.class), T0, null);
    auth.token(issued.token(), null);
    accounts.revokeToken(t.id(), clock.instant()); // behind the authenticator's back (another node)
    assertThat(auth.token(issued.token(), null).role()).as("remembered").isEqualTo(Role.VIEWER);
    clock.advance(Authenticator.FRESH);
    assertThatThrownBy(() -> auth.token(issued.token(), null)).hasMessageContaining("was revoked");
  }
}
