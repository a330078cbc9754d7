package io.pingbase.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
  /** RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", 8 digits. */
  @Test
  void theRfc6238TestVectors() {
    byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    assertThat(Totp.code(secret, Instant.ofEpochSecond(59), 8)).isEqualTo("94287082");
    assertThat(Totp.code(secret, Instant.ofEpochSecond(1111111109), 8)).isEqualTo("07081804");
    assertThat(Totp.code(secret, Instant.ofEpochSecond(1111111111), 8)).isEqualTo("14050471");
    assertThat(Totp.code(secret, Instant.ofEpochSecond(1234567890), 8)).isEqualTo("89005924");
    assertThat(Totp.code(secret, Instant.ofEpochSecond(2000000000), 8)).isEqualTo("69279037");
    assertThat(Totp.code(secret, Instant.ofEpochSecond(20000000000L), 8)).isEqualTo("65353130");
  }

  @Test
  void aCodeIsValidOneStepEitherSideAndOnlyOnce() {
    String secret = Totp.newSecret(new SecureRandom());
    byte[] raw = Totp.decodeBase32(secret);
    Instant now = Instant.parse("2026-11-25T10:00:15Z");
    String code = Totp.code(raw, now, 6);
    long step = Totp.verify(secret, code, now, -1);
    assertThat(step).isEqualTo(now.getEpochSecond() / 30);
    assertThat(Totp.verify(secret, code, now, step)).as("replay").isEqualTo(-1);
    assertThat(Totp.verify(secret, code, now.plusSeconds(30), -1)).as("drift of one step").isEqualTo(step);
    assertThat(Totp.verify(secret, code, now.plusSeconds(90), -1)).as("too late").isEqualTo(-1);
    assertThat(Totp.verify(secret, "12345", now, -1)).isEqualTo(-1);
    assertThat(Totp.verify(secret, null, now, -1)).isEqualTo(-1);
  }

  @Test
  void base32RoundTripsAndTheUriIsWhatAppsScan() {
    byte[] data = {0, 1, 2, -1, -128, 127, 55, 66, 77, 88, 99};
    assertThat(Totp.decodeBase32(Totp.base32(data))).isEqualTo(data);
    assertThat(Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Totp.uri("PingBase", "ann@example.com", "GEZDGNBV"))
        .isEqualTo("otpauth://totp/PingBase%3Aann%40example.com?secret=GEZDGNBV&issuer=PingBase&algorithm=SHA1"
            + "&digits=6&period=30");
  }
}
