package io.pingbase.web.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.pingbase.testing.Browser;
import io.pingbase.testing.TestAccounts;
import io.pingbase.web.LoopbackListener;
import io.pingbase.web.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status pages in a real headless Chromium against the real server: made in the editor, read by
 * an anonymous visitor (banner, bars with their tooltips, incidents), private pages refusing
 * anonymous visitors. Screenshots at desktop and phone widths under target/screenshots/; no page
 * may break the Content-Security-Policy.
 */
class StatusPageBrowserTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static Browser browser;
  static LoopbackListener db;
  static LoopbackListener cache;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start();
    db = new LoopbackListener();
    cache = new LoopbackListener();
    int closed = LoopbackListener.closedPort();
    server = TestServer.start(dir);
    StatusPageTest.server = server;
    StatusPageTest.monitor("db", "Primary database", db.port(), "Infrastructure");
    StatusPageTest.monitor("cache", "Cache", cache.port(), "Infrastructure");
    StatusPageTest.monitor("mail", "Outgoing mail", closed, "Infrastructure");
    StatusPageTest.monitor("web", "Website", cache.port(), "Public");
    StatusPageTest.awaitState("db", "UP");
    StatusPageTest.awaitState("cache", "UP");
    StatusPageTest.awaitState("mail", "DOWN");
    StatusPageTest.awaitState("web", "UP");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
      db.close();
      cache.close();
    }
  }

  static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

  static String url(String path) {
    return server.uri(path).toString();
  }

  static Page signedIn(int width, int height) {
    Page page = browser.page(width, height);
    page.navigate(url("/login"));
    page.getByLabel("E-mail address").fill(TestAccounts.EMAIL);
    page.getByLabel("Password").fill(TestAccounts.PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(url("/"));
    return page;
  }

  @Test
  void aPageMadeInTheEditorShowsTheRightBannerAndBarsToAnAnonymousVisitor() {
    Page editor = signedIn(1280, 900);
    editor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Status pages")).click();
    editor.waitForURL(url("/status-pages"));
    editor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create the first status page")).click();
    editor.getByLabel("Title", EXACT).fill("Acme");
    editor.locator("#f-slug").fill("Not A Slug");
    editor.getByLabel("Infrastructure", EXACT).check();
    editor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the status page")).click();
    assertThat(editor.locator("#err-slug").textContent()).as("the error next to its field").contains("lowercase");
    assertThat(editor.getByLabel("Title", EXACT).inputValue()).as("what was typed is kept").isEqualTo("Acme");
    assertThat(editor.getByLabel("Infrastructure", EXACT).isChecked()).isTrue();
    editor.locator("#f-slug").fill("acme");
    editor.locator("#f-accent").fill("#7a3ec8");
    editor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the status page")).click();
    editor.waitForURL(url("/status-pages/acme"));
    Browser.screenshot(editor, "status-page-editor-desktop");
    assertThat(Browser.accessibility(editor)).as("axe on the editor").isEmpty();

    editor.locator("#f-incident-title").fill("Mail delivery delayed");
    editor.locator("#f-impact").selectOption("minor");
    editor.locator("#f-incident-message").fill("Outgoing mail is queued; nothing is lost.");
    editor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open the incident")).click();
    editor.locator("article").filter(new Locator.FilterOptions().setHasText("Mail delivery delayed")).waitFor();
    editor.context().close();

    Page visitor = browser.page(1280, 900);
    visitor.navigate(url("/status/acme"));
    // One of three monitors down: a partial outage (the minor incident does not lower it).
    assertThat(visitor.locator(".banner h2").textContent()).isEqualTo("Partial outage");
    assertThat(visitor.locator(".banner").getAttribute("class")).contains("partial-outage");
    assertThat(visitor.locator(".component")).satisfies(c -> assertThat(c.count()).isEqualTo(3));
    assertThat(visitor.locator("#m-db .bars > i").count()).isEqualTo(90);
    assertThat(visitor.locator("#m-db .bars > i").last().getAttribute("title")).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}: 100% up");
    assertThat(visitor.locator("#m-mail .state").textContent()).isEqualTo("Major outage");
    assertThat(visitor.getByText("Outgoing mail is queued; nothing is lost.").isVisible()).isTrue();
    assertThat(visitor.getByText("Outgoing mail outage").isVisible()).as("the outage, opened automatically").isTrue();
    assertThat(visitor.content()).doesNotContain("127.0.0.1").doesNotContain("Website");
    assertThat(visitor.locator(".head").evaluate("e => getComputedStyle(e).backgroundColor"))
        .as("the page's colour, from its stylesheet").isEqualTo("rgb(122, 62, 200)");
    Browser.screenshot(visitor, "status-page-desktop");
    assertThat(Browser.accessibility(visitor)).as("axe on the status page").isEmpty();
    visitor.context().close();

    Page phone = browser.page(390, 844);
    phone.navigate(url("/status/acme"));
    assertThat(phone.locator("#m-db .bars > i").first().boundingBox().width).as("90 bars fit a phone").isGreaterThan(0);
    assertThat((Boolean) phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no sideways scrolling on a phone").isTrue();
    Browser.screenshot(phone, "status-page-phone");
    phone.context().close();

    // Everything back up: the banner turns, without waiting for the cache to expire.
    server.put("/api/v1/monitors/mail", "{\"id\":\"mail\",\"name\":\"Outgoing mail\",\"type\":\"tcp\",\"host\":\"127.0.0.1\","
        + "\"port\":" + db.port() + ",\"interval\":\"1h\",\"group\":\"Infrastructure\"}");
    StatusPageTest.awaitState("mail", "UP");
    Page later = browser.page(1280, 900);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      later.navigate(url("/status/acme"));
      assertThat(later.locator(".banner h2").textContent()).isEqualTo("Degraded performance"); // the open minor incident
    });
    later.context().close();
    assertThat(browser.violations()).isEmpty();
  }

  @Test
  void privatePagesRefuseAnAnonymousVisitor() {
    StatusPageTest.page("vault", "{\"slug\":\"SLUG\",\"title\":\"Vault\",\"visibility\":\"password\","
        + "\"password\":\"a long page password\",\"theme\":\"dark\",\"sections\":[{\"title\":\"Core\",\"group\":\"Infrastructure\"}]}");
    StatusPageTest.page("team", "{\"slug\":\"SLUG\",\"title\":\"Team\",\"visibility\":\"members\","
        + "\"sections\":[{\"title\":\"Core\",\"group\":\"Infrastructure\"}]}");

    Page visitor = browser.page(1280, 900);
    visitor.navigate(url("/status/vault"));
    assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This status page is private"))
        .isVisible()).isTrue();
    assertThat(visitor.content()).doesNotContain("Primary database");
    visitor.getByLabel("Password").fill("a wrong password here");
    visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open")).click();
    assertThat(visitor.locator("#password-error").textContent()).contains("not right");
    Browser.screenshot(visitor, "status-page-password-desktop");
    assertThat(Browser.accessibility(visitor)).as("axe on the password form").isEmpty();
    visitor.getByLabel("Password").fill("a long page password");
    visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open")).click();
    visitor.waitForURL(url("/status/vault"));
    assertThat(visitor.getByText("Primary database").isVisible()).isTrue();
    Browser.screenshot(visitor, "status-page-dark-desktop");
    assertThat(Browser.accessibility(visitor)).as("axe on a dark status page").isEmpty();

    visitor.navigate(url("/status/team"));
    assertThat(visitor.url()).as("members only: off to sign in").startsWith(url("/login?next=%2Fstatus%2Fteam"));
    assertThat(visitor.content()).doesNotContain("Primary database");
    visitor.context().close();

    Page member = signedIn(1280, 900);
    member.navigate(url("/status/team"));
    assertThat(member.getByText("Primary database").isVisible()).isTrue();
    member.context().close();
    assertThat(browser.violations()).isEmpty();
  }
}
