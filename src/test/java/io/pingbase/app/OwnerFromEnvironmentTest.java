package io.pingbase.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pingbase.testing.TestAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first owner from the environment: what is read, and every mistake named by its variable. */
class OwnerFromEnvironmentTest {
  @TempDir
  Path dir;

  @Test
  void nothingSetMeansTheSetupLink() {
    assertThat(OwnerFromEnvironment.read(Map.<String, String>of()::get)).isNull();
  }

  @Test
  void anAddressWithAPasswordOrATokenFromAFile() throws Exception {
    Path secret = dir.resolve("password");
    Files.writeString(secret, "a long passphrase\n");
    var owner = OwnerFromEnvironment.read(Map.of("PINGBASE_OWNER_EMAIL", "me@pingbase.test",
        "PINGBASE_OWNER_PASSWORD_FILE", secret.toString(), "PINGBASE_OWNER_TOKEN", TestAccounts.TOKEN)::get);
    assertThat(owner.email()).isEqualTo("me@pingbase.test");
    assertThat(owner.password()).isEqualTo("a long passphrase");
    assertThat(owner.token()).isEqualTo(TestAccounts.TOKEN);
    assertThat(owner.toString()).doesNotContain("passphrase").doesNotContain(TestAccounts.TOKEN);
  }

  @Test
  void eachMistakeNamesItsVariable() {
    assertThatThrownBy(() -> OwnerFromEnvironment.read(Map.of("PINGBASE_OWNER_PASSWORD", "a long passphrase")::get))
        .hasMessageContaining("without PINGBASE_OWNER_EMAIL");
    assertThatThrownBy(() -> OwnerFromEnvironment.read(Map.of("PINGBASE_OWNER_EMAIL", "me@pingbase.test")::get))
        .hasMessageContaining("needs a password");
    assertThatThrownBy(() -> OwnerFromEnvironment.read(Map.of("PINGBASE_OWNER_EMAIL", "me@pingbase.test",
        "PINGBASE_OWNER_TOKEN", "secret")::get)).hasMessageStartingWith("PINGBASE_OWNER_TOKEN must be pbt_");
    assertThatThrownBy(() -> OwnerFromEnvironment.read(Map.of("PINGBASE_OWNER_EMAIL", "me@pingbase.test",
        "PINGBASE_OWNER_PASSWORD", "short")::get)).hasMessage("PINGBASE_OWNER_PASSWORD must be at least 10 characters, was 5");
    assertThatThrownBy(() -> OwnerFromEnvironment.read(Map.of("PINGBASE_OWNER_EMAIL", "me@pingbase.test",
        "PINGBASE_OWNER_PASSWORD", "a long passphrase", "PINGBASE_OWNER_PASSWORD_FILE", "/x")::get))
        .hasMessage("set PINGBASE_OWNER_PASSWORD or PINGBASE_OWNER_PASSWORD_FILE, not both");
    assertThatThrownBy(() -> OwnerFromEnvironment.read(Map.of("PINGBASE_OWNER_EMAIL", "me@pingbase.test",
        "PINGBASE_OWNER_TOKEN_FILE", dir.resolve("missing").toString())::get))
        .hasMessageContaining("cannot read the file named by PINGBASE_OWNER_TOKEN_FILE");
  }
}
