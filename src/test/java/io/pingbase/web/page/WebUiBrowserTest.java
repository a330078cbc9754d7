package io.pingbase.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.pingbase.testing.Browser;
import io.pingbase.testing.LoopbackListener;
import io.pingbase.web.TestServer;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in a real headless Chromium (Debian's, driven by Playwright), against the real
 * server on loopback: the first owner's setup and signing in, a TCP monitor created through the
 * form, seen going UP and then DOWN live when its listener stops, without a reload. Every page
 * must load without a console error or a Content-Security-Policy violation. Screenshots of the
 * pages at desktop and phone widths go to target/screenshots/.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {
  static final String EMAIL = "owner@pingbase.test";
  static final String PASSWORD = "a long enough passphrase";

  @TempDir
  static Path dir;
  static TestServer server;
  static Browser browser;

  @BeforeAll
  static void start() {
    browser = Browser.start();
    server = TestServer.startWithoutOwner(dir, "", InstantSource.system());
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

  String url(String path) {
    return server.uri(path).toString();
  }

  void signIn(Page page) {
    page.navigate(url("/login"));
    page.getByLabel("E-mail address").fill(EMAIL);
    page.getByLabel("Password").fill(PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(url("/"));
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void theFirstOwnerIsSetUpInTheBrowserThenSignsOutAndIn() {
    Page page = browser.page(1280, 900);
    // The link the log prints: the token travels in the fragment, never in a request.
    page.navigate(url("/setup#" + server.app().setupToken()));
    assertThat(page.getByLabel("Setup token").inputValue()).isEqualTo(server.app().setupToken());
    assertThat(Browser.accessibility(page)).as("axe on the setup page").isEmpty();
    assertThat(page.url()).as("the token leaves the address bar").doesNotContain("#");
    page.getByLabel("Your e-mail address").fill(EMAIL);
    page.getByLabel("Password").fill(PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the owner and sign in")).click();
    page.waitForURL(url("/"));
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Monitors")).isVisible()).isTrue();

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    page.waitForURL(url("/login"));
    page.navigate(url("/"));
    assertThat(page.url()).as("signed out: back to the sign-in page").startsWith(url("/login"));
    page.getByLabel("E-mail address").fill(EMAIL);
    page.getByLabel("Password").fill("not the password at all");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.locator("#login-error").textContent()).contains("wrong e-mail address or password");
    signIn(page);
    assertThat(browser.violations()).isEmpty();
    page.context().close();
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void aTcpMonitorMadeInTheFormGoesUpThenDownLiveWithoutAReload() throws Exception {
    ensureOwner();
    try (LoopbackListener service = new LoopbackListener()) {
      Page page = browser.page(1280, 900);
      signIn(page);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New monitor")).click();
      page.waitForURL(url("/monitors/new"));
      // A well-known port fills the port and the protocol; then our own port.
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("PostgreSQL 5432")).click();
      assertThat(page.getByLabel("Port", new Page.GetByLabelOptions().setExact(true)).inputValue()).isEqualTo("5432");
      assertThat(page.locator("#f-protocol").inputValue()).isEqualTo("postgresql");
      page.locator("#f-protocol").selectOption("");
      page.getByLabel("Name").fill("Local service");
      page.getByLabel("Host").fill("127.0.0.1");
      page.getByLabel("Port", new Page.GetByLabelOptions().setExact(true)).fill("not a port");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create monitor")).click();
      assertThat(page.locator("#err-port").textContent()).as("the error next to its field").contains("must be");
      assertThat(page.getByLabel("Name").inputValue()).as("what was typed is kept").isEqualTo("Local service");
      page.getByLabel("Port", new Page.GetByLabelOptions().setExact(true)).fill(Integer.toString(service.port()));
      page.getByLabel("Check every").fill("1s");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test now")).click();
      assertThat(page.locator("#test-outcome .pill").textContent())
          .as("test now, before saving: %s", page.locator("#test-outcome").textContent()).isEqualTo("UP");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create monitor")).click();
      page.waitForURL(url("/monitors/local-service"));

      page.navigate(url("/"));
      page.evaluate("window.pingbaseTestMarker = 42"); // gone if the page reloads
      var pill = page.locator("#m-local-service .pill");
      pill.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("UP")).waitFor();
      Browser.screenshot(page, "dashboard-desktop");
      assertThat(Browser.accessibility(page)).as("axe on dashboard-desktop").isEmpty();
      service.stop();
      pill.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("DOWN"))
          .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(20_000));
      assertThat(page.evaluate("window.pingbaseTestMarker")).as("no reload: pushed live").isEqualTo(42);
      assertThat(page.locator("#m-local-service .reason").textContent()).contains("REFUSED");
      // The uptime beside it follows the outage within seconds, not after the figures' minute in the cache.
      page.locator("#m-local-service .uptime-24h").filter(new com.microsoft.playwright.Locator.FilterOptions()
          .setHasNotText("100%")).waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(15_000));
      Browser.screenshot(page, "dashboard-down-desktop");
      service.start();
      pill.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("UP"))
          .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(20_000));
      page.navigate(url("/monitors/local-service?range=1h"));
      page.locator("#chart canvas").first().waitFor();
      assertThat(page.getByText("Outages").isVisible()).isTrue();
      assertThat(page.locator("li").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("REFUSED"))
          .count()).as("the outage is listed with its reason").isGreaterThanOrEqualTo(1);
      Browser.screenshot(page, "monitor-desktop");
      assertThat(Browser.accessibility(page)).as("axe on monitor-desktop").isEmpty();
      page.context().close();

      Page phone = browser.page(390, 844);
      signIn(phone);
      Browser.screenshot(phone, "dashboard-phone");
      assertThat(Browser.accessibility(phone)).as("axe on dashboard-phone").isEmpty();
      phone.navigate(url("/monitors/local-service"));
      phone.locator("#chart canvas").first().waitFor();
      Browser.screenshot(phone, "monitor-phone");
      assertThat(Browser.accessibility(phone)).as("axe on monitor-phone").isEmpty();
      phone.context().close();
      assertThat(browser.violations()).isEmpty();
    }
  }

  /** The owner of the setup test, for tests that may run first. */
  static synchronized void ensureOwner() {
    if (server.app().setupToken() != null) {
      server.sendAnonymous(server.request("POST", "/api/v1/setup", "{\"setup-token\":\"" + server.app().setupToken()
          + "\",\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}"));
    }
  }
}
