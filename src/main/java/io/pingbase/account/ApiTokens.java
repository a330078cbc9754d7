package io.pingbase.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * API tokens: {@code pbt_<id>_<secret>}. The {@code pbt_<id>} prefix is stored and shown (so a
 * leaked token can be recognised in a log or a repository, and found to revoke it); the token is
 * shown once, when issued, and only its SHA-256 is stored. SHA-256 rather than a slow password hash
 * because the secret is 190 random bits, not something a person chose: there is nothing to guess.
 */
public final class ApiTokens {
  static final String SCHEME = "pbt_";
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  static final int ID_LENGTH = 8;
  static final int SECRET_LENGTH = 32; // 32 x log2(62) = 190 bits
  private static final Pattern FORMAT =
      Pattern.compile("pbt_[0-9A-Za-z]{" + ID_LENGTH + "}_[0-9A-Za-z]{" + SECRET_LENGTH + "}");

  private ApiTokens() {}

  /**
   * A new token.
   *
   * @param token  the whole token, to show once
   * @param prefix {@code pbt_<id>}, stored and shown
   * @param hash   hex SHA-256 of the whole token, stored
   */
  public record Issued(String token, String prefix, String hash) {
    @Override
    public String toString() {
      return "Issued[prefix=" + prefix + ", token=***]";
    }
  }

  public static Issued issue(SecureRandom random) {
    String id = random(random, ID_LENGTH);
    String token = SCHEME + id + "_" + random(random, SECRET_LENGTH);
    return new Issued(token, SCHEME + id, sha256(token));
  }

  /** Whether {@code presented} has the token format (a cheap check before any lookup). */
  public static boolean looksLikeToken(String presented) {
    return presented != null && presented.length() <= 64 && FORMAT.matcher(presented).matches();
  }

  /** The stored prefix of a presented token, to find its row; null when it is not a token. */
  public static String prefixOf(String presented) {
    return looksLikeToken(presented) ? presented.substring(0, SCHEME.length() + ID_LENGTH) : null;
  }

  /** Whether {@code presented} is the token whose hash is {@code storedHash}, in constant time. */
  public static boolean matches(String presented, String storedHash) {
    if (!looksLikeToken(presented) || storedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(presented).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  static String sha256(String token) {
    return Secrets.sha256(token);
  }

  private static String random(SecureRandom random, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
