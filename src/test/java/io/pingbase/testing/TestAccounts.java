package io.pingbase.testing;

import io.pingbase.account.ApiTokens;
import io.pingbase.account.Enrolment;
import java.security.SecureRandom;

/**
 * The first owner every test server starts with (through {@code PingBase.Overrides}, or the
 * {@code PINGBASE_OWNER_*} environment for a server in its own process), and the API token the
 * tests' HTTP clients send. The same for every server of one test run.
 */
public final class TestAccounts {
  public static final String EMAIL = "owner@pingbase.test";
  public static final String PASSWORD = "correct horse battery staple";
  /** An owner token of the default workspace, read and write. */
  public static final String TOKEN = ApiTokens.issue(new SecureRandom()).token();
  public static final Enrolment.Owner OWNER = new Enrolment.Owner(EMAIL, "Test Owner", PASSWORD, TOKEN);

  private TestAccounts() {}

  /** {@code Authorization} header value for {@link #TOKEN}. */
  public static String bearer() {
    return "Bearer " + TOKEN;
  }
}
