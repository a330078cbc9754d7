package io.pingbase.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.store.jdbc.JdbcStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every AccountStore must do; one subclass per database. */
abstract class AccountStoreContractTest {
  static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  JdbcStore store;
  AccountStore accounts;

  abstract JdbcStore open();

  @BeforeEach
  void openStore() {
    store = open();
    accounts = store.accounts();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void usersWorkspacesAndRoles() {
    assertThat(accounts.userCount()).isZero();
    accounts.createWorkspace("acme", "Acme", T0);
    accounts.createWorkspace("other", "Other", T0);
    var ann = accounts.createUser(" Ann@Example.com ", "Ann", Passwords.hash("correct horse battery"), T0);
    assertThat(ann.email()).isEqualTo("ann@example.com");
    assertThatThrownBy(() -> accounts.createUser("ANN@example.com", "Ann 2", "x", T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ann@example.com exists");
    assertThat(accounts.userByEmail("ann@EXAMPLE.com")).get().extracting(AccountStore.User::id).isEqualTo(ann.id());
    assertThat(Passwords.verify("correct horse battery", accounts.user(ann.id()).orElseThrow().passwordHash())).isTrue();
    assertThat(accounts.userCount()).isEqualTo(1);

    accounts.setMembership("acme", ann.id(), Role.EDITOR);
    accounts.setMembership("acme", ann.id(), Role.ADMIN); // a change, not a second row
    accounts.setMembership("other", ann.id(), Role.VIEWER);
    assertThat(accounts.members("acme")).containsExactly(new AccountStore.Membership("acme", ann.id(), Role.ADMIN));
    assertThat(accounts.memberships(ann.id())).extracting(AccountStore.Membership::workspaceId)
        .containsExactly("acme", "other");
    assertThat(accounts.removeMembership("other", ann.id())).isTrue();
    assertThat(accounts.removeMembership("other", ann.id())).isFalse();
    // "default" comes with the schema: the config file's monitors belong to it.
    assertThat(accounts.workspaces()).extracting(AccountStore.Workspace::id).containsExactly("acme", "default", "other");
  }

  @Test
  void totpStepsOnlyMoveForward() {
    var bob = accounts.createUser("bob@example.com", "Bob", Passwords.hash("correct horse battery"), T0);
    accounts.setTotp(bob.id(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(accounts.advanceTotpStep(bob.id(), 100)).isTrue();
    assertThat(accounts.advanceTotpStep(bob.id(), 100)).as("replay").isFalse();
    assertThat(accounts.advanceTotpStep(bob.id(), 99)).isFalse();
    assertThat(accounts.user(bob.id()).orElseThrow().totpLastStep()).isEqualTo(100);
    accounts.setTotp(bob.id(), null);
    assertThat(accounts.user(bob.id()).orElseThrow().totpSecret()).isNull();
  }

  @Test
  void tokensAreFoundByPrefixUsedRevokedAndExpire() {
    accounts.createWorkspace("acme", "Acme", T0);
    var ann = accounts.createUser("ann@example.com", "Ann", Passwords.hash("correct horse battery"), T0);
    ApiTokens.Issued issued = ApiTokens.issue(new SecureRandom());
    var token = accounts.saveToken(issued.prefix(), issued.hash(), "CI", "acme", ann.id(), Role.EDITOR,
        Set.of(Scope.READ), T0, T0.plus(Duration.ofDays(30)));
    var found = accounts.tokenByPrefix(ApiTokens.prefixOf(issued.token())).orElseThrow();
    assertThat(found).isEqualTo(token);
    assertThat(ApiTokens.matches(issued.token(), found.hash())).isTrue();
    assertThat(found.scopes()).containsExactly(Scope.READ);
    assertThat(found.activeAt(T0.plus(Duration.ofDays(29)))).isTrue();
    assertThat(found.activeAt(T0.plus(Duration.ofDays(30)))).as("expired").isFalse();

    accounts.touchToken(found.id(), T0.plusSeconds(5));
    assertThat(accounts.tokenByPrefix(found.prefix()).orElseThrow().lastUsed()).isEqualTo(T0.plusSeconds(5));
    assertThat(accounts.revokeToken(found.id(), T0.plusSeconds(9))).isTrue();
    assertThat(accounts.revokeToken(found.id(), T0.plusSeconds(10))).isFalse();
    var revoked = accounts.tokenByPrefix(found.prefix()).orElseThrow();
    assertThat(revoked.revoked()).isEqualTo(T0.plusSeconds(9));
    assertThat(revoked.activeAt(T0.plusSeconds(10))).isFalse();

    var workspaceToken = accounts.saveToken(ApiTokens.issue(new SecureRandom()).prefix(), "h", "Deploy", "acme", null,
        Role.VIEWER, Set.of(Scope.READ, Scope.WRITE), T0, null);
    assertThat(workspaceToken.userId()).isNull();
    assertThat(workspaceToken.activeAt(T0.plus(Duration.ofDays(10_000)))).isTrue();
    assertThat(accounts.tokens("acme")).hasSize(2);
  }

  @Test
  void theAuditLogIsPerWorkspaceNewestFirst() {
    accounts.createWorkspace("acme", "Acme", T0);
    accounts.audit("acme", T0, "ann@example.com", "monitor.create", "db", "{\"type\":\"tcp\"}");
    accounts.audit("acme", T0.plusSeconds(1), "token pbt_AbCd1234", "monitor.delete", "db", null);
    accounts.audit("other", T0, "bob@example.com", "channel.create", "ops", null);
    assertThat(accounts.auditLog("acme", 10)).extracting(AccountStore.AuditEntry::action)
        .containsExactly("monitor.delete", "monitor.create");
    assertThat(accounts.auditLog("acme", 1)).hasSize(1);
  }

  @Test
  void sessionsAreFoundTouchedSwitchedAndEnded() {
    accounts.createWorkspace("acme", "Acme", T0);
    var ann = accounts.createUser("ann@example.com", "Ann", Passwords.hash("correct horse battery"), T0);
    var s1 = new AccountStore.Session("hash-1", ann.id(), "default", "csrf-1", T0, T0, "127.0.0.1", "curl/8");
    var s2 = new AccountStore.Session("hash-2", ann.id(), "default", "csrf-2", T0, T0, "::1", null);
    accounts.createSession(s1);
    accounts.createSession(s2);
    assertThat(accounts.session("hash-1")).contains(s1);
    assertThat(accounts.session("nope")).isEmpty();

    accounts.touchSession("hash-1", T0.plusSeconds(60));
    accounts.touchSession("hash-1", T0.plusSeconds(30)); // never backwards
    assertThat(accounts.session("hash-1").orElseThrow().seen()).isEqualTo(T0.plusSeconds(60));
    accounts.setSessionWorkspace("hash-1", "acme");
    assertThat(accounts.session("hash-1").orElseThrow().workspaceId()).isEqualTo("acme");

    assertThat(accounts.deleteSessions(ann.id(), "hash-1")).as("everywhere but here").isEqualTo(1);
    assertThat(accounts.session("hash-2")).isEmpty();
    assertThat(accounts.deleteSession("hash-1")).isTrue();
    assertThat(accounts.deleteSession("hash-1")).isFalse();

    accounts.createSession(new AccountStore.Session("old", ann.id(), "acme", "c", T0, T0, null, null));
    accounts.createSession(new AccountStore.Session("idle", ann.id(), "acme", "c", T0.plusSeconds(100),
        T0.plusSeconds(100), null, null));
    accounts.createSession(new AccountStore.Session("live", ann.id(), "acme", "c", T0.plusSeconds(100),
        T0.plusSeconds(500), null, null));
    assertThat(accounts.pruneSessions(T0.plusSeconds(50), T0.plusSeconds(200))).isEqualTo(2);
    assertThat(accounts.session("live")).isPresent();

    accounts.createSession(new AccountStore.Session("in-acme", ann.id(), "acme", "c", T0, T0, null, null));
    assertThat(accounts.deleteWorkspace("acme", T0)).isTrue();
    assertThat(accounts.deleteWorkspace("acme", T0)).isFalse();
    assertThat(accounts.session("in-acme").orElseThrow().workspaceId())
        .as("a session in a deleted workspace works elsewhere next").isEmpty();
    assertThat(accounts.memberships(ann.id())).isEmpty();
    assertThat(accounts.workspace("acme")).isEmpty();
    assertThat(accounts.workspaces()).extracting(AccountStore.Workspace::id).doesNotContain("acme");
    assertThat(accounts.workspaceIdTaken("acme")).as("never given out again").isTrue();
    assertThat(accounts.workspaceIdTaken("fresh")).isFalse();
  }

  @Test
  void invitationsAreAcceptedOnceAndScopedToTheirWorkspace() {
    accounts.createWorkspace("acme", "Acme", T0);
    accounts.createWorkspace("other", "Other", T0);
    var inv = accounts.createInvitation("h1", "acme", " Carol@Example.com", Role.EDITOR, "ann@example.com", T0,
        T0.plus(Duration.ofDays(7)));
    assertThat(inv.email()).isEqualTo("carol@example.com");
    assertThat(accounts.invitationByHash("h1")).contains(inv);
    accounts.createInvitation("h2", "other", "dan@example.com", Role.VIEWER, "bob@example.com", T0, T0.plusSeconds(1));
    assertThat(accounts.invitations("acme")).extracting(AccountStore.Invitation::email).containsExactly("carol@example.com");

    assertThat(accounts.acceptInvitation(inv.id(), T0.plusSeconds(5))).isTrue();
    assertThat(accounts.acceptInvitation(inv.id(), T0.plusSeconds(6))).as("once").isFalse();
    assertThat(accounts.invitationByHash("h1").orElseThrow().accepted()).isEqualTo(T0.plusSeconds(5));

    assertThat(accounts.deleteInvitation("other", inv.id())).as("another workspace's").isFalse();
    assertThat(accounts.deleteInvitation("acme", inv.id())).isTrue();
    assertThat(accounts.invitations("acme")).isEmpty();
  }

  @Test
  void oneMembershipAndRenamedWorkspaces() {
    accounts.createWorkspace("acme", "Acme", T0);
    var ann = accounts.createUser("ann@example.com", "Ann", Passwords.hash("correct horse battery"), T0);
    assertThat(accounts.membership("acme", ann.id())).isEmpty();
    accounts.setMembership("acme", ann.id(), Role.VIEWER);
    assertThat(accounts.membership("acme", ann.id())).contains(new AccountStore.Membership("acme", ann.id(), Role.VIEWER));
    accounts.renameWorkspace("acme", "Acme Ops");
    assertThat(accounts.workspace("acme").orElseThrow().name()).isEqualTo("Acme Ops");
  }
}
