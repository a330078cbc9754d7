package io.pingbase.web.page;

import io.pingbase.testing.Browser;
import org.junit.jupiter.api.Test;

class ScratchBrowserTest {
  @Test
  void look() {
    try (Browser b = Browser.start()) {
      var page = b.page(1280, 800);
      page.navigate("http://127.0.0.1:18090/login");
      page.fill("#email", "me@example.com");
      page.fill("#password", "a long passphrase");
      page.click("button[type=submit]");
      page.waitForURL("http://127.0.0.1:18090/");
      Browser.screenshot(page, "scratch-dashboard");
      System.out.println("PROBLEMS " + b.problems());
    }
  }
}
