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
}
