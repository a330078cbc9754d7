package io.pingbase.app;

import io.pingbase.account.Enrolment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The first owner as the operator gives it in the environment, for a server that must come up
 * ready without a person at the setup link (containers, provisioning):
 * {@code PINGBASE_OWNER_EMAIL}, optionally {@code PINGBASE_OWNER_NAME}, and
 * {@code PINGBASE_OWNER_PASSWORD} and/or {@code PINGBASE_OWNER_TOKEN} (each also as a
 * {@code _FILE} variant naming a file that holds it, for Docker or Kubernetes secrets). Read only
 * while the server has no accounts; never logged.
 */
final class OwnerFromEnvironment {
  static final String EMAIL = "PINGBASE_OWNER_EMAIL";
  static final String NAME = "PINGBASE_OWNER_NAME";
  static final String PASSWORD = "PINGBASE_OWNER_PASSWORD";
  static final String TOKEN = "PINGBASE_OWNER_TOKEN";

  private OwnerFromEnvironment() {}

  /** The owner the environment names, or null when {@value #EMAIL} is not set. */
  static Enrolment.Owner read(Function<String, String> env) {
    String email = blankToNull(env.apply(EMAIL));
    String password = secret(env, PASSWORD);
    String token = secret(env, TOKEN);
    if (email == null) {
      if (password != null || token != null) {
        throw new IllegalArgumentException(PASSWORD + " or " + TOKEN + " is set without " + EMAIL
            + ": name the first owner's e-mail address too");
      }
      return null;
    }
    if (password == null && token == null) {
      throw new IllegalArgumentException(EMAIL + " is set without " + PASSWORD + " or " + TOKEN
          + ": the first owner needs a password (to sign in) or an API token (for scripts), or both");
    }
    if (token != null && !io.pingbase.account.ApiTokens.looksLikeToken(token)) {
      throw new IllegalArgumentException(TOKEN + " must be pbt_ followed by 8 letters or digits, '_' and 32 letters"
          + " or digits (see docs/CLI.md for a shell line that makes one)");
    }
    String problem = password == null ? null : io.pingbase.account.Passwords.problem(password);
    if (problem != null) {
      throw new IllegalArgumentException(PASSWORD + " " + problem);
    }
    return new Enrolment.Owner(email, blankToNull(env.apply(NAME)), password, token);
  }

  private static String secret(Function<String, String> env, String name) {
    String inline = blankToNull(env.apply(name));
    String file = blankToNull(env.apply(name + "_FILE"));
    if (inline != null && file != null) {
      throw new IllegalArgumentException("set " + name + " or " + name + "_FILE, not both");
    }
    if (file == null) {
      return inline;
    }
    try {
      return blankToNull(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("cannot read the file named by " + name + "_FILE (" + file + "): " + e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
