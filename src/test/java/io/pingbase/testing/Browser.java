package io.pingbase.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium, driven by Playwright for Java: Debian's {@code chromium} package
 * ({@code /usr/bin/chromium}, installed by .ci/run), never a browser Playwright downloads. Started
 * with the flags that keep it from reaching anything but the pages it is sent to (no background
 * networking, no component updates), so it only talks to the test server on loopback.
 *
 * <p>Where Chromium is missing the test is skipped with a message; under .ci/run
 * ({@code PINGBASE_REQUIRE_SERVICES=1}) it fails. Every page records the console errors and the
 * Content-Security-Policy violations it meets, so a test can assert there were none.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PINGBASE_CHROMIUM", "/usr/bin/chromium"));
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;
  private final List<String> problems = new ArrayList<>();

  private Browser() {
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions")));
  }

  /** Starts Chromium, or skips (fails under .ci/run) when it is not installed. */
  public static Browser start() {
    if (!Files.isExecutable(CHROMIUM)) {
      String message = "Chromium is not installed at " + CHROMIUM + " (apt-get install chromium; .ci/run does;"
          + " PINGBASE_REQUIRE_SERVICES=1 turns this skip into a failure)";
      if (Services.required()) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    return new Browser();
  }

  /** A fresh browser profile (cookies of its own) with a window of {@code width} x {@code height}. */
  public Page page(int width, int height) {
    BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
        .setViewportSize(width, height).setLocale("en-US").setTimezoneId("UTC"));
    context.setDefaultTimeout(15_000);
    Page page = context.newPage();
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        problems.add("console: " + m.text());
      }
    });
    page.onPageError(e -> problems.add("page error: " + e));
    return page;
  }

  /** Console errors (CSP violations among them) and script errors seen so far. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Script errors and Content-Security-Policy violations seen so far: {@link #problems()} without
   * the browser's notes about answers that were errors on purpose (a 401 for a wrong password).
   */
  public List<String> violations() {
    return problems.stream().filter(p -> !p.startsWith("console: Failed to load resource")).toList();
  }

  private static String axeSource;

  /**
   * The WCAG 2 A and AA violations axe-core finds on the page as it is now, one line each ("rule:
   * what, where"); empty when there are none. axe runs through the DevTools protocol, so the page's
   * Content-Security-Policy (no inline script) stays as it is.
   */
  @SuppressWarnings("unchecked")
  public static List<String> accessibility(Page page) {
    synchronized (Browser.class) {
      if (axeSource == null) {
        try (var in = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
          axeSource = new String(java.util.Objects.requireNonNull(in, "axe-core is not on the test classpath")
              .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    page.evaluate(axeSource);
    Object result = page.evaluate("async () => { const r = await axe.run(document, { runOnly: { type: 'tag',"
        + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }); return r.violations.map(v => v.id + ': '"
        + " + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')); }");
    return (List<String>) result;
  }

  /** Saves {@code page} as {@code target/screenshots/<name>.png}. */
  public static void screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
