package io.pingbase.account;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, 6 digits —
 * what every authenticator app speaks. A code is accepted for the current step and one either
 * side (clock drift), and never for a step at or before the last one accepted (no replay).
 */
public final class Totp {
  static final int DIGITS = 6;
  static final long STEP_SECONDS = 30;
  private static final int SECRET_BYTES = 20;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  /** A new secret, 160 random bits, in Base32 as authenticator apps take it. */
  public static String newSecret(SecureRandom random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return base32(secret);
  }

  /** The {@code otpauth://} URI an app scans from a QR code. */
  public static String uri(String issuer, String account, String secret) {
    String label = java.net.URLEncoder.encode(issuer + ":" + account, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
    return "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
        + java.net.URLEncoder.encode(issuer, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  /** The 6-digit code an authenticator app shows for {@code base32Secret} at {@code time}. */
  public static String codeAt(String base32Secret, Instant time) {
    return code(decodeBase32(base32Secret), time, DIGITS);
  }

  /** The code for {@code time}, with {@code digits} digits (6 in use; 8 for the RFC's test vectors). */
  static String code(byte[] secret, Instant time, int digits) {
    return hotp(secret, Math.floorDiv(time.getEpochSecond(), STEP_SECONDS), digits);
  }

  /**
   * The step {@code code} is valid for at {@code now} (this one or one either side), if later than
   * {@code lastStep}; -1 when it is not valid. Store the returned step as the next {@code lastStep}.
   */
  public static long verify(String base32Secret, String code, Instant now, long lastStep) {
    if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
      return -1;
    }
    byte[] secret = decodeBase32(base32Secret);
    long current = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
    for (long step = current - 1; step <= current + 1; step++) {
      if (step > lastStep && MessageDigest.isEqual(hotp(secret, step, DIGITS).getBytes(), code.getBytes())) {
        return step;
      }
    }
    return -1;
  }

  static String hotp(byte[] secret, long counter, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
          | (h[offset + 3] & 0xff);
      int modulo = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulo);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA1", e);
    }
  }

  static String base32(byte[] data) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  static byte[] decodeBase32(String text) {
    String s = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
    ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char c : s.toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("not a Base32 secret: contains '" + c + "'");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return java.util.Arrays.copyOf(out.array(), out.position());
  }
}
