package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.account.Passwords;
import io.pingbase.account.Role;
import io.pingbase.account.Totp;
import io.pingbase.store.jdbc.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pingbase account}: the operator's recovery commands, on a real SQLite database. */
class AccountCommandTest {
  @TempDir
  Path dir;
  Path config;
  Path db;

  @BeforeEach
  void database() throws Exception {
    db = dir.resolve("data/pingbase.db");
    config = dir.resolve("pingbase.yml");
    Files.writeString(config, "storage: { type: sqlite, path: \"" + db.toString().replace("\\", "/") + "\" }\n");
    try (JdbcStore store = JdbcStore.sqlite(db)) {
      var ann = store.accounts().createUser("ann@example.com", "Ann", Passwords.hash("the old passphrase"), Instant.now());
      store.accounts().setMembership("default", ann.id(), Role.OWNER);
      store.accounts().setTotp(ann.id(), Totp.newSecret(new SecureRandom()));
      store.accounts().createSession(new io.pingbase.account.AccountStore.Session("h", ann.id(), "default", "c",
          Instant.now(), Instant.now(), null, null));
    }
  }

  @Test
  void listShowsAccountsWithTheirWorkspacesAndRoles() {
    Cli.Run run = Cli.run("account", "list", "--config", config.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.lines()).containsExactly("ann@example.com  \"Ann\"  two-factor  default:owner");
  }

  @Test
  void aNewPasswordFromAFileEndsEverySession() throws Exception {
    Path file = dir.resolve("new-password");
    Files.writeString(file, "a brand new passphrase\n");
    Cli.Run run = Cli.run("account", "reset-password", "ann@example.com", "--config", config.toString(),
        "--password-file", file.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("new password set for ann@example.com; 1 session(s) ended\n");
    try (JdbcStore store = JdbcStore.sqlite(db)) {
      var ann = store.accounts().userByEmail("ann@example.com").orElseThrow();
      assertThat(Passwords.verify("a brand new passphrase", ann.passwordHash())).isTrue();
      assertThat(store.accounts().session("h")).isEmpty();
    }
  }

  @Test
  void twoFactorOffForALostDevice() {
    Cli.Run run = Cli.run("account", "disable-two-factor", "ANN@example.com", "--config", config.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    try (JdbcStore store = JdbcStore.sqlite(db)) {
      assertThat(store.accounts().userByEmail("ann@example.com").orElseThrow().totpSecret()).isNull();
    }
  }

  @Test
  void mistakesSayWhatIsWrong() throws Exception {
    Path weak = dir.resolve("weak");
    Files.writeString(weak, "short\n");
    Cli.Run tooShort = Cli.run("account", "reset-password", "ann@example.com", "--config", config.toString(),
        "--password-file", weak.toString());
    assertThat(tooShort.exitCode()).isEqualTo(1);
    assertThat(tooShort.err()).contains("the new password must be at least 10 characters");
    Cli.Run nobody = Cli.run("account", "disable-two-factor", "nobody@example.com", "--config", config.toString());
    assertThat(nobody.exitCode()).isEqualTo(1);
    assertThat(nobody.err()).contains("no account with the address nobody@example.com");
    assertThat(Cli.run("account").exitCode()).isEqualTo(2);
    assertThat(Cli.run("account", "list", "--config", dir.resolve("missing.yml").toString()).exitCode()).isEqualTo(2);
  }
}
