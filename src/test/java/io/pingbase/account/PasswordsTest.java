package io.pingbase.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  @Test
  void aHashIsArgon2idWithTodaysParametersAndVerifiesOnlyItsPassword() {
    String hash = Passwords.hash("correct horse battery");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(Passwords.verify("correct horse battery", hash)).isTrue();
    assertThat(Passwords.verify("correct horse batterY", hash)).isFalse();
    assertThat(Passwords.needsRehash(hash)).isFalse();
    assertThat(Passwords.hash("correct horse battery")).as("a fresh salt each time").isNotEqualTo(hash);
  }

  @Test
  void olderParametersStillVerifyAndAskForARehash() {
    String old = com.password4j.Password.hash("correct horse battery").addRandomSalt(16)
        .with(com.password4j.Argon2Function.getInstance(8192, 1, 1, 32, com.password4j.types.Argon2.ID)).getResult();
    assertThat(Passwords.verify("correct horse battery", old)).isTrue();
    assertThat(Passwords.needsRehash(old)).isTrue();
  }

  @Test
  void badPasswordsAndDamagedHashesAreRefusedWithoutAnException() {
    assertThat(Passwords.problem("short")).isEqualTo("must be at least 10 characters, was 5");
    assertThat(Passwords.problem("x".repeat(257))).isEqualTo("must be at most 256 characters, was 257");
    assertThat(Passwords.problem("          ")).isEqualTo("must not be empty");
    assertThat(Passwords.problem("ünïcödé-pässwörd")).isNull();
    assertThatThrownBy(() -> Passwords.hash("short")).hasMessage("password must be at least 10 characters, was 5");
    assertThat(Passwords.verify("correct horse battery", "$argon2id$v=19$m=19456,t=2,p=1$broken")).isFalse();
    assertThat(Passwords.verify("correct horse battery", "plain text")).isFalse();
    assertThat(Passwords.verify("x".repeat(100_000), Passwords.hash("correct horse battery"))).isFalse();
    assertThat(Passwords.verify(null, null)).isFalse();
  }
}
