package io.pingbase.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void sealsAsAVersionedEnvelopeWithAFreshNonceAndOpensBack() {
    SecretBox box = SecretBox.fromEnvironment(Map.of(SecretBox.KEY_ENV, KEY)::get);
    String a = box.seal("hunter2");
    String b = box.seal("hunter2");
    assertThat(a).startsWith("enc:v1:").doesNotContain("hunter2").isNotEqualTo(b);
    assertThat(box.open(a, "x")).isEqualTo("hunter2");
    assertThat(box.seal(a)).as("sealing twice is a no-op").isEqualTo(a);
    assertThat(box.open("plain", "x")).as("plain text reads as it is").isEqualTo("plain");
  }

  @Test
  void withoutAKeyNothingIsEncrypted() {
    SecretBox box = SecretBox.fromEnvironment(Map.<String, String>of()::get);
    assertThat(box.enabled()).isFalse();
    assertThat(box.seal("hunter2")).isEqualTo("hunter2");
  }

  @Test
  void theKeyFileIsReadAndItsErrorsNameTheFileNotTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    Files.writeString(file, KEY + "\n");
    assertThat(SecretBox.fromEnvironment(Map.of(SecretBox.KEY_FILE_ENV, file.toString())::get).enabled()).isTrue();
    Files.writeString(file, "c2hvcnQ=");
    assertThatThrownBy(() -> SecretBox.fromEnvironment(Map.of(SecretBox.KEY_FILE_ENV, file.toString())::get))
        .hasMessageContaining(file.toString()).hasMessageContaining("must be 32 bytes").hasMessageNotContaining("c2hvcnQ");
    assertThatThrownBy(() -> SecretBox.fromEnvironment(Map.of(SecretBox.KEY_ENV, "not base64 !!")::get))
        .hasMessageContaining(SecretBox.KEY_ENV).hasMessageContaining("not valid base64")
        .hasMessageNotContaining("not base64 !!");
    assertThatThrownBy(() -> SecretBox.fromEnvironment(
        Map.of(SecretBox.KEY_ENV, KEY, SecretBox.KEY_FILE_ENV, file.toString())::get))
        .hasMessageContaining("not both");
  }

  @Test
  void aDamagedOrForeignEnvelopeIsNamedNotQuoted() {
    SecretBox one = SecretBox.of(new byte[32], "key one");
    byte[] other = new byte[32];
    other[0] = 1;
    String sealed = one.seal("hunter2");
    assertThatThrownBy(() -> SecretBox.of(other, "key two").open(sealed, "channel 'ops' key 'token'"))
        .isInstanceOf(SecretBox.SecretException.class)
        .hasMessageContaining("channel 'ops' key 'token' cannot be decrypted with the key from key two")
        .hasMessageNotContaining(sealed);
    assertThatThrownBy(() -> one.open("enc:v1:%%%", "x")).hasMessageContaining("damaged");
    assertThatThrownBy(() -> one.open("enc:v1:AAAA", "x")).hasMessageContaining("too short");
    assertThatThrownBy(() -> SecretBox.NONE.open(sealed, "x")).hasMessageContaining("no key is set");
  }
}
