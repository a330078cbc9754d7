package io.pingbase.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts credentials before they are stored (channel secrets, monitor passwords and tokens) and
 * decrypts them when read: AES-256-GCM from the JDK, a fresh 96-bit nonce per value, stored as
 * {@code enc:v1:<base64 of nonce + ciphertext + tag>}. The {@code v1} names the format and the
 * key generation, so a later key rotation can add {@code v2} and still read {@code v1}.
 *
 * <p>Without a key ({@link #NONE}) values are stored as given, as before this existed; a value
 * that is not an envelope is always read as plain text, so a database written without a key
 * keeps working once one is set, and each value is encrypted the next time it is saved.
 *
 * <p>The key comes from {@value #KEY_ENV} (base64 of 32 bytes) or from the file named by
 * {@value #KEY_FILE_ENV} (the same base64 text); never from the config file, which is often kept
 * in version control.
 */
public final class SecretBox {
  public static final String KEY_ENV = "PINGBASE_SECRET_KEY";
  public static final String KEY_FILE_ENV = "PINGBASE_SECRET_KEY_FILE";
  static final String PREFIX = "enc:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /** No key: values are stored in plain text. */
  public static final SecretBox NONE = new SecretBox(null, "no key");

  private final SecretKeySpec key;
  private final String origin;
  private final SecureRandom random = new SecureRandom();

  private SecretBox(SecretKeySpec key, String origin) {
    this.key = key;
    this.origin = origin;
  }

  /**
   * A box with this 32-byte key.
   *
   * @param origin where the key came from, for error messages ("PINGBASE_SECRET_KEY")
   */
  public static SecretBox of(byte[] key, String origin) {
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException(origin + " must be 32 bytes (AES-256), base64-encoded; was "
          + (key == null ? 0 : key.length) + " bytes");
    }
    return new SecretBox(new SecretKeySpec(key.clone(), "AES"), origin);
  }

  /**
   * The key the environment names: {@value #KEY_ENV}, else the file in {@value #KEY_FILE_ENV},
   * else {@link #NONE}.
   *
   * @throws IllegalArgumentException naming the variable or file when the key cannot be read or
   *                                  is not base64 of 32 bytes; never quoting the key
   */
  public static SecretBox fromEnvironment(Function<String, String> env) {
    String inline = env.apply(KEY_ENV);
    String file = env.apply(KEY_FILE_ENV);
    if (inline != null && !inline.isBlank()) {
      if (file != null && !file.isBlank()) {
        throw new IllegalArgumentException("set " + KEY_ENV + " or " + KEY_FILE_ENV + ", not both");
      }
      return decode(inline, KEY_ENV);
    }
    if (file != null && !file.isBlank()) {
      String origin = KEY_FILE_ENV + " (" + file + ")";
      try {
        return decode(Files.readString(Path.of(file), StandardCharsets.US_ASCII), origin);
      } catch (IOException | java.nio.file.InvalidPathException e) {
        throw new IllegalArgumentException("cannot read the secret key file named by " + origin + ": " + e, e);
      }
    }
    return NONE;
  }

  private static SecretBox decode(String base64, String origin) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + " is not valid base64 (make one with: openssl rand -base64 32)");
    }
    return of(key, origin);
  }

  /** True when values are encrypted on write. */
  public boolean enabled() {
    return key != null;
  }

  /** Where the key came from; "no key" for {@link #NONE}. */
  public String origin() {
    return origin;
  }

  /** True when {@code stored} is an envelope this class wrote. */
  public static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /** {@code plain} encrypted in an envelope; unchanged without a key or when already sealed. */
  public String seal(String plain) {
    if (key == null || plain == null || isSealed(plain)) {
      return plain;
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
    }
  }

  /**
   * The plain value of {@code stored}: decrypted when it is an envelope, as is otherwise.
   *
   * @param what names the value in the error ("channel 'ops' key 'bot-token'"); the value itself
   *             is never part of a message
   * @throws SecretException when it is sealed but there is no key, the key is another one, or the
   *                         envelope is damaged
   */
  public String open(String stored, String what) {
    if (!isSealed(stored)) {
      return stored;
    }
    if (key == null) {
      throw new SecretException(what + " is encrypted, but no key is set (" + KEY_ENV + " or " + KEY_FILE_ENV + ")");
    }
    byte[] in;
    try {
      in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SecretException(what + " is a damaged encrypted value (not base64)");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SecretException(what + " is a damaged encrypted value (too short)");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SecretException(what + " cannot be decrypted with the key from " + origin
          + ": it was encrypted with another key, or the stored value was changed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[" + origin + "]";
  }

  /** A stored secret that cannot be decrypted; the message names it, never its value. */
  public static final class SecretException extends RuntimeException {
    public SecretException(String message) {
      super(message);
    }
  }
}
