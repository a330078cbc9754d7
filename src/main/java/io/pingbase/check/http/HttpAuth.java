package io.pingbase.check.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** Credentials an HTTP monitor sends: basic ({@code basic-auth}) or a bearer token ({@code bearer-token}). */
public sealed interface HttpAuth {

  /** The value of the {@code Authorization} header. */
  String header();

  record Basic(String username, String password) implements HttpAuth {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a basic-auth username cannot contain ':'");
      }
    }

    @Override
    public String header() {
      return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() { // keeps the password out of logs
      return "Basic[username=" + username + ", password=***]";
    }
  }

  record Bearer(String token) implements HttpAuth {
    public Bearer {
      if (token == null || token.isBlank() || HttpSyntax.hasLineBreak(token)) {
        throw new IllegalArgumentException("a bearer token must be non-empty text on one line");
      }
    }

    @Override
    public String header() {
      return "Bearer " + token;
    }

    @Override
    public String toString() {
      return "Bearer[***]";
    }
  }
}
