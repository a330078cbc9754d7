package io.pingbase.check.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which request headers carry credentials: Authorization and Proxy-Authorization, cookies, and any
 * name that says key, token, secret, password, auth, session, signature or credential (X-API-Key,
 * X-Auth-Token, Private-Token ...). Their values are encrypted at rest, never shown by the API and
 * never logged. A false positive costs only readability.
 */
public final class CredentialHeaders {
  private static final Pattern CREDENTIAL = Pattern.compile(
      "authorization|proxy-authorization|cookie|.*(key|token|secret|passw|auth|session|signature|credential).*");

  private CredentialHeaders() {}

  public static boolean is(String name) {
    return CREDENTIAL.matcher(name.toLowerCase(Locale.ROOT)).matches();
  }
}
