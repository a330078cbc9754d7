package io.pingbase.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.pingbase.account.Totp;
import io.pingbase.testing.Browser;
import io.pingbase.web.LoopbackListener;
import io.pingbase.testing.TestAccounts;
import io.pingbase.web.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings and administration pages in a real headless Chromium against the real server:
 * channels (a webhook made in the form, a test sent from the keyboard), maintenance windows, the
 * workspace (an invitation, a token) and the account (password, two-factor). No page may log a
 * console error or a Content-Security-Policy violation. Screenshots at 1280 and 390 wide go to
 * target/screenshots/.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class AdminPagesBrowserTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static Browser browser;
  static String password = TestAccounts.PASSWORD;

  @BeforeAll
  static void start() {
    browser = Browser.start();
    server = TestServer.start(dir, """
        monitors:
          - { id: db, name: DB, type: tcp, host: 127.0.0.1, port: 1, group: Data }
        """, InstantSource.system());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void noScriptErrorsOrPolicyViolations() {
    assertThat(browser.violations()).isEmpty();
  }

  String url(String path) {
    return server.uri(path).toString();
  }

  Page signedIn(int width) {
    Page page = browser.page(width, width > 500 ? 900 : 844);
    page.onDialog(d -> d.accept()); // the "Delete ...?" confirmations
    page.navigate(url("/login"));
    page.getByLabel("E-mail address").fill(TestAccounts.EMAIL);
    page.getByLabel("Password").fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(url("/"));
    return page;
  }

  static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void aWebhookChannelIsMadeInTheFormAndATestIsSentFromTheKeyboard() throws Exception {
    int closed = LoopbackListener.closedPort();
    Page page = signedIn(1280);
    page.getByRole(AriaRole.LINK, named("Channels")).click();
    page.waitForURL(url("/channels"));
    page.getByRole(AriaRole.LINK, named("New channel")).click();
    page.locator("#f-name").fill("Ops Hook");
    page.getByLabel("URL", new Page.GetByLabelOptions().setExact(true)).fill("http://127.0.0.1:" + closed + "/hook");
    page.locator("#f-secret").fill("hmac secret");
    page.getByRole(AriaRole.BUTTON, named("Create channel")).click();
    assertThat(page.locator("#err-name").textContent()).as("the error next to its field").contains("must be");
    assertThat(page.locator("#f-url").inputValue()).as("what was typed is kept").contains("/hook");
    assertThat(page.locator("#f-secret").inputValue()).as("a secret is never sent back").isEmpty();
    Browser.screenshot(page, "channel-form-desktop");
    assertThat(Browser.accessibility(page)).as("axe on channel-form-desktop").isEmpty();
    page.locator("#f-name").fill("ops-hook");
    page.locator("#f-secret").fill("hmac secret");
    page.getByRole(AriaRole.BUTTON, named("Create channel")).click();
    page.waitForURL(url("/channels"));

    page.locator("#c-ops-hook button", new Page.LocatorOptions().setHasText("Send a test")).focus();
    page.keyboard().press("Enter");
    page.locator("#test-ops-hook .test-outcome").waitFor();
    assertThat(page.locator("#test-ops-hook").textContent()).contains("failed");
    Browser.screenshot(page, "channels-desktop");
    assertThat(Browser.accessibility(page)).as("axe on channels-desktop").isEmpty();
    page.navigate(url("/channels/ops-hook/edit"));
    assertThat(page.getByText("stored — leave empty to keep").isVisible()).isTrue();
    page.context().close();

    Page phone = signedIn(390);
    phone.navigate(url("/channels"));
    Browser.screenshot(phone, "channels-phone");
    phone.navigate(url("/channels/new?type=email"));
    Browser.screenshot(phone, "channel-form-phone");
    phone.context().close();
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void aMaintenanceWindowIsPlannedAndDeleted() {
    Page page = signedIn(1280);
    page.getByRole(AriaRole.LINK, named("Maintenance")).click();
    page.locator("#f-name").fill("db-upgrade");
    page.getByLabel("Title").fill("Database upgrade");
    page.getByLabel("Starts").fill("2030-03-01T02:00");
    page.getByRole(AriaRole.BUTTON, named("Plan the window")).click();
    assertThat(page.locator("#err-end").textContent()).as("the end is missing").isNotBlank();
    page.getByLabel("Ends").fill("2030-03-01T04:00");
    page.getByLabel("Time zone").fill("Europe/Berlin");
    page.getByLabel("db", new Page.GetByLabelOptions().setExact(true)).check();
    page.getByRole(AriaRole.BUTTON, named("Plan the window")).click();
    page.waitForURL(url("/maintenance"));
    assertThat(page.locator("#w-db-upgrade").textContent()).contains("Database upgrade").contains("Europe/Berlin");
    Browser.screenshot(page, "maintenance-desktop");
    assertThat(Browser.accessibility(page)).as("axe on maintenance-desktop").isEmpty();
    page.locator("#w-db-upgrade button", new Page.LocatorOptions().setHasText("Delete")).click();
    page.waitForURL(url("/maintenance"));
    assertThat(page.locator("#w-db-upgrade").count()).isZero();
    page.context().close();

    Page phone = signedIn(390);
    phone.navigate(url("/maintenance"));
    Browser.screenshot(phone, "maintenance-phone");
    phone.context().close();
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void aMemberIsInvitedWithALinkShownOnceAndATokenIsMadeAndRevoked() {
    Page page = signedIn(1280);
    page.getByRole(AriaRole.LINK, named("Workspace")).click();
    page.waitForURL(url("/settings/workspace"));
    page.locator("#f-invite-email").fill("new.person@pingbase.test");
    page.locator("#f-invite-role").selectOption("editor");
    page.getByRole(AriaRole.BUTTON, named("Invite")).click();
    String link = page.getByLabel("The invitation link").inputValue();
    assertThat(link).contains("/invite#");
    assertThat(page.url()).as("never in a URL").doesNotContain(link.substring(link.indexOf('#') + 1));
    page.navigate(url("/settings/workspace"));
    assertThat(page.content()).as("shown once").doesNotContain(link.substring(link.indexOf('#') + 1))
        .contains("new.person@pingbase.test");

    page.locator("#f-token-name").fill("grafana");
    page.locator("#f-token-access").selectOption("read");
    page.getByRole(AriaRole.BUTTON, named("Create token")).click();
    String token = page.getByLabel("The new token").inputValue();
    assertThat(token).isNotBlank();
    assertThat(server.send(server.request("GET", "/api/v1/monitors", null).header("Authorization", "Bearer " + token))
        .status()).isEqualTo(200);
    Browser.screenshot(page, "workspace-desktop");
    assertThat(Browser.accessibility(page)).as("axe on workspace-desktop").isEmpty();
    page.navigate(url("/settings/workspace"));
    page.locator("tr.token", new Page.LocatorOptions().setHasText("grafana")).getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Revoke"))
        .click();
    page.waitForURL(url("/settings/workspace"));
    assertThat(page.locator("tr.token", new Page.LocatorOptions().setHasText("grafana")).textContent()).contains("revoked");
    assertThat(server.send(server.request("GET", "/api/v1/monitors", null).header("Authorization", "Bearer " + token))
        .status()).isEqualTo(401);
    page.context().close();

    Page phone = signedIn(390);
    phone.navigate(url("/settings/workspace"));
    Browser.screenshot(phone, "workspace-phone");
    phone.context().close();
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void thePasswordIsChangedAndTwoFactorIsTurnedOnAndOff() {
    Page page = signedIn(1280);
    page.navigate(url("/settings/account"));
    page.getByLabel("Current password").fill("not my password at all");
    page.getByLabel("New password").fill("a brand new passphrase");
    page.getByRole(AriaRole.BUTTON, named("Change password")).click();
    assertThat(page.locator("#err-current-password").textContent()).contains("not your current password");
    page.getByLabel("Current password").fill(password);
    page.getByLabel("New password").fill("a brand new passphrase");
    page.getByRole(AriaRole.BUTTON, named("Change password")).click();
    page.waitForURL(url("/settings/account"));
    password = "a brand new passphrase";

    page.getByRole(AriaRole.BUTTON, named("Set up two-factor sign-in")).click();
    String secret = page.locator("#totp-secret").textContent().strip();
    assertThat(page.locator("#totp-uri").textContent()).startsWith("otpauth://totp/");
    page.getByLabel("Code").fill("000000".equals(Totp.codeAt(secret, Instant.now())) ? "111111" : "000000");
    page.getByRole(AriaRole.BUTTON, named("Turn two-factor on")).click();
    assertThat(page.locator("#err-code").textContent()).as("a wrong code").isNotBlank();
    page.getByLabel("Code").fill(Totp.codeAt(secret, Instant.now()));
    page.getByRole(AriaRole.BUTTON, named("Turn two-factor on")).click();
    page.waitForURL(url("/settings/account"));
    assertThat(page.locator("#two-factor-state").textContent()).isEqualTo("on");
    Browser.screenshot(page, "account-desktop");
    assertThat(Browser.accessibility(page)).as("axe on account-desktop").isEmpty();
    page.locator("#f-off-password").fill(password);
    page.getByRole(AriaRole.BUTTON, named("Turn two-factor off")).click();
    page.waitForURL(url("/settings/account"));
    assertThat(page.locator("#two-factor-state").textContent()).isEqualTo("off");
    page.context().close();

    Page phone = signedIn(390);
    phone.navigate(url("/settings/account"));
    Browser.screenshot(phone, "account-phone");
    phone.context().close();
  }
}
