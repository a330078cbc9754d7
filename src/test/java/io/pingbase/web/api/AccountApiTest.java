package io.pingbase.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pingbase.testing.SettableClock;
import io.pingbase.testing.TestAccounts;
import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts through the real server: the first owner, signing in and out, sessions with their
 * cookie and CSRF token, throttled guessing, tokens that expire or are revoked, invitations,
 * sign-up, two-factor, and what the audit log records.
 */
class AccountApiTest {
  static final String PASSWORD = "a long enough passphrase";
  @TempDir
  Path dir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A browser: keeps the session cookie, sends the CSRF token with every change unless told not to. */
  final class Browser {
    String cookie;
    String csrf;

    Response call(String method, String path, String body) {
      return call(method, path, body, true);
    }

    Response call(String method, String path, String body, boolean withCsrf) {
      HttpRequest.Builder b = server.request(method, path, body);
      if (cookie != null) {
        b.header("Cookie", "pingbase_session=" + cookie);
      }
      if (withCsrf && csrf != null) {
        b.header("X-CSRF-Token", csrf);
      }
      Response r = server.sendAnonymous(b);
      String set = r.header("Set-Cookie");
      if (set != null && set.startsWith("pingbase_session=")) {
        cookie = set.substring("pingbase_session=".length(), set.indexOf(';'));
        cookie = cookie.isEmpty() ? null : cookie;
      }
      if (r.status() < 300 && r.body().startsWith("{") && r.json().hasNonNull("csrf-token")) {
        csrf = r.json().get("csrf-token").asText();
      }
      return r;
    }

    Response login(String email, String password) {
      return call("POST", "/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }
  }

  Response anonymous(String method, String path, String body) {
    return server.sendAnonymous(server.request(method, path, body));
  }

  Response withToken(String token, String method, String path, String body) {
    return server.send(server.request(method, path, body).header("Authorization", "Bearer " + token));
  }

  static String monitor(String name) {
    return "{\"name\":\"" + name + "\",\"type\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":1,\"interval\":\"1h\"}";
  }

  @Test
  void theFirstOwnerIsMadeOnceWithTheSetupTokenFromTheLog() {
    server = TestServer.startWithoutOwner(dir, "", clock);
    assertThat(anonymous("GET", "/api/v1/setup", null).json().get("needed").asBoolean()).isTrue();
    assertThat(anonymous("GET", "/api/v1/monitors", null).status()).isEqualTo(401);
    String setupToken = server.app().setupToken();
    assertThat(setupToken).hasSize(43);

    Response wrong = anonymous("POST", "/api/v1/setup", "{\"setup-token\":\"" + "x".repeat(43)
        + "\",\"email\":\"me@pingbase.test\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(wrong.status()).isEqualTo(401);
    Response weak = anonymous("POST", "/api/v1/setup", "{\"setup-token\":\"" + setupToken
        + "\",\"email\":\"me@pingbase.test\",\"password\":\"short\"}");
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.json().at("/errors/0/field").asText()).isEqualTo("password");

    Browser browser = new Browser();
    Response made = browser.call("POST", "/api/v1/setup", "{\"setup-token\":\"" + setupToken
        + "\",\"email\":\"Me@PingBase.test\",\"name\":\"Me\",\"password\":\"" + PASSWORD + "\",\"token\":true}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(made.json().at("/user/email").asText()).isEqualTo("me@pingbase.test");
    assertThat(made.json().get("workspace").asText()).isEqualTo("default");
    String token = made.json().get("token").asText();
    assertThat(withToken(token, "POST", "/api/v1/monitors", monitor("Redis")).status()).isEqualTo(201);
    assertThat(browser.call("GET", "/api/v1/me", null).json().get("role").asText()).isEqualTo("owner");

    assertThat(anonymous("GET", "/api/v1/setup", null).json().get("needed").asBoolean()).isFalse();
    Response again = anonymous("POST", "/api/v1/setup", "{\"setup-token\":\"" + setupToken
        + "\",\"email\":\"other@pingbase.test\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(again.status()).as("once only").isEqualTo(409);
  }

  @Test
  void aSessionCookieIsHttpOnlyAndItsChangesNeedTheCsrfToken() {
    server = TestServer.start(dir, "", clock);
    Browser b = new Browser();
    Response in = b.login(TestAccounts.EMAIL, TestAccounts.PASSWORD);
    assertThat(in.status()).as(in.toString()).isEqualTo(200);
    String setCookie = in.header("Set-Cookie");
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
    assertThat(in.header("Cache-Control")).isEqualTo("no-store");

    assertThat(b.call("GET", "/api/v1/monitors", null).status()).isEqualTo(200);
    Response noCsrf = b.call("POST", "/api/v1/monitors", monitor("Db"), false);
    assertThat(noCsrf.status()).isEqualTo(403);
    assertThat(noCsrf.json().get("error").asText()).contains("CSRF");
    Response wrongCsrf = server.sendAnonymous(server.request("POST", "/api/v1/monitors", monitor("Db"))
        .header("Cookie", "pingbase_session=" + b.cookie).header("X-CSRF-Token", "a".repeat(43)));
    assertThat(wrongCsrf.status()).isEqualTo(403);
    // A form post, as another site's page could make the browser send: refused without the token.
    Response form = server.sendAnonymous(HttpRequest.newBuilder(server.uri("/api/v1/monitors/db/pause"))
        .header("Cookie", "pingbase_session=" + b.cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("a=b")));
    assertThat(form.status()).isEqualTo(403);
    assertThat(b.call("POST", "/api/v1/monitors", monitor("Db")).status()).isEqualTo(201);
    Response formWithToken = server.sendAnonymous(HttpRequest.newBuilder(server.uri("/api/v1/monitors/db/pause"))
        .header("Cookie", "pingbase_session=" + b.cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + b.csrf, StandardCharsets.UTF_8)));
    assertThat(formWithToken.status()).as(formWithToken.toString()).isEqualTo(200);

    assertThat(b.call("POST", "/api/v1/auth/logout", null).status()).isEqualTo(204);
    assertThat(b.cookie).as("the cookie is cleared").isNull();
    Response after = server.sendAnonymous(server.request("GET", "/api/v1/monitors", null)
        .header("Cookie", "pingbase_session=" + in.header("Set-Cookie").substring(17, 60)));
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"PingBase\"");
  }

  @Test
  void behindATrustedProxyTheCookieIsSecureAndThrottlingCountsTheForwardedAddress() {
    server = TestServer.start(dir, "server: { bind: 127.0.0.1, port: 0, trusted-proxies: [127.0.0.1] }\n", clock);
    Response in = login("2001:db8::7", "https", TestAccounts.EMAIL, TestAccounts.PASSWORD);
    assertThat(in.status()).isEqualTo(200);
    assertThat(in.header("Set-Cookie")).contains("; Secure");
    for (int i = 0; i < 5; i++) { // five accounts guessed from one client behind the proxy
      assertThat(login("2001:db8::7", "http", "user" + i + "@pingbase.test", "guess").status()).isEqualTo(401);
    }
    assertThat(login("2001:db8::7", "http", "user9@pingbase.test", "guess").status()).isEqualTo(429);
    assertThat(login("2001:db8::8", "http", TestAccounts.EMAIL, TestAccounts.PASSWORD).status())
        .as("another client behind the same proxy").isEqualTo(200);
    server.close();

    // A peer that is no trusted proxy: its forwarding headers are ignored, whatever they claim.
    server = TestServer.start(dir, "server: { bind: 127.0.0.1, port: 0, trusted-proxies: [127.0.0.2] }\n", clock);
    Response direct = login("2001:db8::9", "https", TestAccounts.EMAIL, TestAccounts.PASSWORD);
    assertThat(direct.header("Set-Cookie")).doesNotContain("Secure");
    for (int i = 0; i < 5; i++) {
      login("2001:db8::" + (i + 10), "http", "user" + i + "@pingbase.test", "guess");
    }
    assertThat(login("2001:db8::99", "http", "user9@pingbase.test", "guess").status())
        .as("all from 127.0.0.1, whatever X-Forwarded-For says").isEqualTo(429);
  }

  Response login(String forwardedFor, String proto, String email, String password) {
    return server.sendAnonymous(server.request("POST", "/api/v1/auth/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
        .header("X-Forwarded-Proto", proto).header("X-Forwarded-For", forwardedFor));
  }

  @Test
  void passwordGuessingIsSlowedWith429AndRetryAfter() {
    server = TestServer.start(dir, "", clock);
    Browser b = new Browser();
    for (int i = 0; i < 5; i++) {
      assertThat(b.login(TestAccounts.EMAIL, "wrong password " + i).status()).isEqualTo(401);
    }
    Response throttled = b.login(TestAccounts.EMAIL, TestAccounts.PASSWORD);
    assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isEqualTo("1");
    assertThat(b.login("someone-else@pingbase.test", "any password at all").status())
        .as("this address is slowed too, for any account").isEqualTo(429);
    clock.advance(Duration.ofSeconds(1));
    assertThat(b.login(TestAccounts.EMAIL, TestAccounts.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void tokensPastTheirExpiryOrRevokedAreRefusedAndReadTokensCannotWrite() {
    server = TestServer.start(dir, "", clock);
    Response made = server.post("/api/v1/tokens", "{\"name\":\"ci\",\"expires-in\":\"1h\",\"scopes\":[\"read\"]}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    String token = made.json().get("token").asText();
    assertThat(made.json().get("prefix").asText()).isEqualTo(token.substring(0, 12));
    assertThat(withToken(token, "GET", "/api/v1/monitors", null).status()).isEqualTo(200);
    Response write = withToken(token, "POST", "/api/v1/monitors", monitor("X"));
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.json().get("error").asText()).contains("scope read");

    JsonNode listed = server.get("/api/v1/tokens").json().get("tokens");
    assertThat(listed.toString()).doesNotContain(token.substring(13)).as("the secret is shown once");

    clock.advance(Duration.ofHours(1));
    Response expired = withToken(token, "GET", "/api/v1/monitors", null);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get("error").asText()).contains("expired");

    Response second = server.post("/api/v1/tokens", "{\"name\":\"deploy\"}");
    String other = second.json().get("token").asText();
    assertThat(withToken(other, "POST", "/api/v1/monitors", monitor("Y")).status()).isEqualTo(201);
    Response revoked = server.delete("/api/v1/tokens/" + second.json().get("id").asLong());
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
    Response refused = withToken(other, "GET", "/api/v1/monitors", null);
    assertThat(refused.status()).as("at once, not after a cache expires").isEqualTo(401);
    assertThat(refused.json().get("error").asText()).contains("revoked");
  }

  @Test
  void anInvitationMakesAMemberWithItsRoleOnce() {
    server = TestServer.start(dir, "", clock);
    Response invited = server.post("/api/v1/invitations", "{\"email\":\"vic@pingbase.test\",\"role\":\"viewer\"}");
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    String token = invited.json().get("token").asText();
    assertThat(invited.json().get("invite-url").asText()).endsWith("/invite#" + token);

    Browser vic = new Browser();
    Response joined = vic.call("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + token + "\",\"name\":\"Vic\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
    assertThat(vic.call("GET", "/api/v1/me", null).json().get("role").asText()).isEqualTo("viewer");
    assertThat(vic.call("GET", "/api/v1/monitors", null).status()).isEqualTo(200);
    assertThat(vic.call("POST", "/api/v1/monitors", monitor("Nope")).status()).isEqualTo(403);
    assertThat(anonymous("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + token + "\",\"password\":\"" + PASSWORD + "\"}").status()).as("used").isEqualTo(404);

    JsonNode members = server.get("/api/v1/members").json().get("members");
    assertThat(members.findValuesAsText("email")).containsExactlyInAnyOrder(TestAccounts.EMAIL, "vic@pingbase.test");
    long vicId = members.findParents("email").stream().filter(m -> m.get("email").asText().startsWith("vic"))
        .findFirst().orElseThrow().get("user-id").asLong();
    assertThat(server.put("/api/v1/members/" + vicId, "{\"role\":\"editor\"}").status()).isEqualTo(200);
    assertThat(vic.call("POST", "/api/v1/monitors", monitor("Now")).status()).as("at once").isEqualTo(201);
    assertThat(server.delete("/api/v1/members/" + vicId).status()).isEqualTo(204);
    assertThat(vic.call("GET", "/api/v1/monitors", null).status()).as("in no workspace now").isEqualTo(404);
  }

  @Test
  void anInvitationToSomeoneWithAnAccountTakesTheirWholeSignInTwoFactorIncluded() {
    server = TestServer.start(dir, "", clock);
    String first = server.post("/api/v1/invitations", "{\"email\":\"vic@pingbase.test\"}").json().get("token").asText();
    Browser vic = new Browser();
    vic.call("POST", "/api/v1/invitations/accept", "{\"token\":\"" + first + "\",\"password\":\"" + PASSWORD + "\"}");
    String secret = vic.call("POST", "/api/v1/me/totp", "{}").json().get("secret").asText();
    assertThat(vic.call("POST", "/api/v1/me/totp/confirm", "{\"code\":\"" + code(secret, clock.instant()) + "\"}")
        .status()).isEqualTo(204);

    assertThat(server.post("/api/v1/workspaces", "{\"id\":\"acme\",\"name\":\"Acme\"}").status()).isEqualTo(201);
    Browser owner = new Browser();
    owner.login(TestAccounts.EMAIL, TestAccounts.PASSWORD);
    String second = server.sendAnonymous(server.request("POST", "/api/v1/invitations",
        "{\"email\":\"vic@pingbase.test\",\"role\":\"editor\"}").header("Cookie", "pingbase_session=" + owner.cookie)
        .header("X-CSRF-Token", owner.csrf).header("X-PingBase-Workspace", "acme")).json().get("token").asText();

    Response passwordOnly = anonymous("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + second + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(passwordOnly.status()).as("no way around two-factor").isEqualTo(401);
    assertThat(passwordOnly.json().at("/errors/0/field").asText()).isEqualTo("totp");
    Response wrong = anonymous("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + second + "\",\"password\":\"not her password\"}");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("error").asText()).isEqualTo("wrong e-mail address or password");
    clock.advance(Duration.ofSeconds(30));
    Browser joined = new Browser();
    Response ok = joined.call("POST", "/api/v1/invitations/accept", "{\"token\":\"" + second + "\",\"password\":\""
        + PASSWORD + "\",\"totp\":\"" + code(secret, clock.instant()) + "\"}");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.json().get("workspace").asText()).isEqualTo("acme");
    assertThat(joined.call("GET", "/api/v1/me", null).json().get("role").asText()).isEqualTo("editor");
  }

  @Test
  void signUpIsClosedByDefaultAndWhenOpenGivesAWorkspaceOfOnesOwn() {
    server = TestServer.start(dir, "", clock);
    String body = "{\"email\":\"new@pingbase.test\",\"password\":\"" + PASSWORD + "\",\"workspace-name\":\"New Co\"}";
    assertThat(anonymous("POST", "/api/v1/signup", body).status()).isEqualTo(403);
    server.close();
    server = TestServer.start(dir, "accounts: { signup: open }\n", clock);
    Browser b = new Browser();
    Response r = b.call("POST", "/api/v1/signup", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("workspace").asText()).isEqualTo("new-co");
    assertThat(b.call("GET", "/api/v1/monitors", null).json().get("count").asInt())
        .as("not the default workspace's monitors").isZero();
    assertThat(anonymous("POST", "/api/v1/signup", body).status()).as("taken").isEqualTo(409);
  }

  @Test
  void twoFactorSignInAfterEnrolment() {
    server = TestServer.start(dir, "", clock);
    Response begun = server.post("/api/v1/me/totp", "{}");
    assertThat(begun.status()).as(begun.toString()).isEqualTo(200);
    String secret = begun.json().get("secret").asText();
    assertThat(begun.json().get("uri").asText()).startsWith("otpauth://totp/PingBase").contains("secret=" + secret);
    assertThat(server.post("/api/v1/me/totp/confirm", "{\"code\":\"" + code(secret, clock.instant()) + "\"}").status())
        .isEqualTo(204);

    Browser b = new Browser();
    Response missing = b.login(TestAccounts.EMAIL, TestAccounts.PASSWORD);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("totp");
    clock.advance(Duration.ofSeconds(30)); // the confirmation used this step's code
    Response in = b.call("POST", "/api/v1/auth/login", "{\"email\":\"" + TestAccounts.EMAIL + "\",\"password\":\""
        + TestAccounts.PASSWORD + "\",\"totp\":\"" + code(secret, clock.instant()) + "\"}");
    assertThat(in.status()).as(in.toString()).isEqualTo(200);
    assertThat(in.json().at("/user/two-factor").asBoolean()).isTrue();
  }

  /**
   * Turning two-factor on or off is seen by the caller's very next request: the authenticator
   * remembers callers for 10 s, and a remembered caller kept the old two-factor state (enrolling
   * again right after turning it on was not refused; after turning it off, it was).
   */
  @Test
  void twoFactorChangesAreSeenByTheNextRequest() {
    server = TestServer.start(dir, "", clock);
    String secret = server.post("/api/v1/me/totp", "{}").json().get("secret").asText();
    assertThat(server.post("/api/v1/me/totp/confirm", "{\"code\":\"" + code(secret, clock.instant()) + "\"}").status())
        .isEqualTo(204);
    Response again = server.post("/api/v1/me/totp", "{}");
    assertThat(again.status()).as("two-factor is on now: %s", again).isEqualTo(409);
    assertThat(server.post("/api/v1/me/totp/disable", "{\"password\":\"" + TestAccounts.PASSWORD + "\"}").status())
        .isEqualTo(204);
    Response anew = server.post("/api/v1/me/totp", "{}");
    assertThat(anew.status()).as("two-factor is off now: %s", anew).isEqualTo(200);
  }

  static String code(String base32, Instant at) {
    return io.pingbase.account.Totp.codeAt(base32, at);
  }

  @Test
  void aPasswordChangeSignsOutEveryOtherSession() {
    server = TestServer.start(dir, "", clock);
    Browser first = new Browser();
    Browser second = new Browser();
    first.login(TestAccounts.EMAIL, TestAccounts.PASSWORD);
    second.login(TestAccounts.EMAIL, TestAccounts.PASSWORD);
    Response wrong = first.call("PUT", "/api/v1/me/password",
        "{\"current-password\":\"not it at all\",\"new-password\":\"" + PASSWORD + "\"}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(first.call("PUT", "/api/v1/me/password", "{\"current-password\":\"" + TestAccounts.PASSWORD
        + "\",\"new-password\":\"" + PASSWORD + "\"}").status()).isEqualTo(204);
    assertThat(first.call("GET", "/api/v1/me", null).status()).isEqualTo(200);
    assertThat(second.call("GET", "/api/v1/me", null).status()).isEqualTo(401);
    assertThat(new Browser().login(TestAccounts.EMAIL, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void theAuditLogSaysWhoChangedWhatAndOnlyAdminsReadIt() {
    server = TestServer.start(dir, "", clock);
    server.post("/api/v1/monitors", monitor("Redis"));
    server.put("/api/v1/monitors/redis", monitor("Redis cache"));
    server.post("/api/v1/monitors/redis/pause", "{}");
    server.delete("/api/v1/monitors/redis");
    Response viewerToken = server.post("/api/v1/tokens", "{\"name\":\"dash\",\"role\":\"viewer\"}");
    List<String> lines = new ArrayList<>();
    server.get("/api/v1/audit").json().get("entries").forEach(e -> lines.add(e.get("action").asText() + " "
        + e.get("target").asText() + " by " + e.get("actor").asText()));
    String owner = "token " + TestAccounts.TOKEN.substring(0, 12) + " (bootstrap) of " + TestAccounts.EMAIL;
    assertThat(lines).startsWith(
        "token.create " + viewerToken.json().get("prefix").asText() + " by " + owner,
        "monitor.delete redis by " + owner,
        "monitor.pause redis by " + owner,
        "monitor.update redis by " + owner,
        "monitor.create redis by " + owner);
    assertThat(withToken(viewerToken.json().get("token").asText(), "GET", "/api/v1/audit", null).status())
        .isEqualTo(403);
  }
}
