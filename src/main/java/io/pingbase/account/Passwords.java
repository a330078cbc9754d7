package io.pingbase.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashing with Argon2id through password4j. Parameters follow OWASP's password storage
 * advice (19 MiB memory, 2 iterations, 1 lane) and are written into each hash
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so a hash made with older parameters still
 * verifies and {@link #needsRehash} tells when to replace it after a successful login.
 */
public final class Passwords {
  static final int MEMORY_KIB = 19_456;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int HASH_BYTES = 32;
  static final int SALT_BYTES = 16;
  /** Shorter is guessable; longer only costs hashing time (and invites a denial of service). */
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 256;

  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);

  private Passwords() {}

  /** What is wrong with a new password, or null: length only (NIST SP 800-63B), no composition rules. */
  public static String problem(String password) {
    if (password == null || password.isBlank()) {
      return "must not be empty";
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return "must be at least " + MIN_LENGTH + " characters, was " + length;
    }
    if (length > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters, was " + length;
    }
    return null;
  }

  /** An Argon2id hash of {@code password} with a fresh random salt. */
  public static String hash(String password) {
    String problem = problem(password);
    if (problem != null) {
      throw new IllegalArgumentException("password " + problem);
    }
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2ID).getResult();
  }

  /**
   * Whether {@code password} matches {@code hash}. False for anything that is not an Argon2 hash,
   * and for passwords over {@link #MAX_LENGTH} (never hashed, so a huge input costs nothing).
   */
  public static boolean verify(String password, String hash) {
    if (password == null || hash == null || !hash.startsWith("$argon2")
        || password.length() > MAX_LENGTH * 2) { // UTF-16 units; a bound, not the rule
      return false;
    }
    try {
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException e) { // a damaged stored hash is a failed login, not a 500
      return false;
    }
  }

  /** True when {@code hash} was made with other parameters than today's: hash again after a good login. */
  public static boolean needsRehash(String hash) {
    return !hash.startsWith("$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$");
  }
}
