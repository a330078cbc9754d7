package io.pingbase.account;

import java.time.Instant;

/** For tests outside this package: the current code of a two-factor secret, as an authenticator app shows it. */
public final class TotpCodes {
  private TotpCodes() {}

  /** The 6-digit code of {@code base32Secret} (as {@code POST /api/v1/me/totp} answers it) at {@code time}. */
  public static String code(String base32Secret, Instant time) {
    return Totp.code(Totp.decodeBase32(base32Secret), time, Totp.DIGITS);
  }
}
