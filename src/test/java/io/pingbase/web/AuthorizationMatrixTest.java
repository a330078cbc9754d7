package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.account.ApiTokens;
import io.pingbase.account.Role;
import io.pingbase.account.Totp;
import io.pingbase.app.PingBase;
import io.pingbase.monitor.WorkspaceKey;
import io.pingbase.testing.TestAccounts;
import io.pingbase.web.TestServer.Response;
import io.pingbase.web.api.SessionCookie;
import java.lang.reflect.Field;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization matrix: every route of the server (and HEAD beside each GET) × every caller
 * × the object the route names; each case asserts the exact status code. The callers: no
 * credentials, a garbage token, an unknown token; owner, admin, editor and viewer each with a
 * read-only personal token, a read+write personal token, a browser session with its CSRF token
 * and, for changes, one without; the owner's session sending another session's CSRF token; the
 * owner with a token of the second workspace and with a session that picks it; a token of the
 * default workspace and a viewer's session picking the second workspace, which they cannot work
 * in. The objects: none, one of the caller's workspace or one of the other workspace; for members
 * and tokens also the caller's own and the owner's.
 *
 * <p>The expected code comes from the rules, in this order (see {@link #expected}): a PUBLIC
 * route answers everyone alike; no or bad credentials 401; a workspace the credential cannot work
 * in 404 (but OPERATOR routes always work in the default workspace); a session's change without
 * its CSRF token 403; /metrics (OPERATOR) with a token of another workspace 403; a role below the
 * route's {@link Access} 403; a read-only token's change 403; then the route's finer rule
 * (members, tokens, invitations as owner...); an object of another workspace 404; else the route's
 * success code. Every request is valid for its route, so an allowed caller gets the 2xx; requests
 * that destroy their target get a fresh one, and what a case changes (sessions, memberships, a
 * password, two-factor) is put back before the next.
 *
 * <p>{@link #everyRouteIsInTheMatrix} fails when the server has a route without a row in {@link #table}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // ~40 s alone on 2 cores; more beside other tests
class AuthorizationMatrixTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOME = WorkspaceKey.DEFAULT;
  private static final String AWAY = "other";
  private static final String UNKNOWN_TOKEN = ApiTokens.issue(new SecureRandom()).token();
  private static final AtomicInteger SEQ = new AtomicInteger();

  @TempDir
  static Path dir;
  static TestServer server;
  static int closedPort;
  /** The default workspace, where the callers are members, and the owner's second workspace. */
  static Ws home;
  static Ws away;
  static Person owner;
  static String pingToken;
  /** Another session, whose CSRF token the owner's session sends in SESSION_WRONG_CSRF cases. */
  static Session decoy;
  static final List<Caller> CALLERS = new ArrayList<>();
  /** What the fixture could not build, reported with the mismatches. */
  static final List<String> FIXTURE_PROBLEMS = new ArrayList<>();

  // ---- who calls

  enum Kind {
    ANONYMOUS, GARBAGE_TOKEN, UNKNOWN_TOKEN, READ_TOKEN, RW_TOKEN, SESSION, SESSION_NO_CSRF, SESSION_WRONG_CSRF;

    boolean unauthenticated() {
      return this == ANONYMOUS || this == GARBAGE_TOKEN || this == UNKNOWN_TOKEN;
    }

    boolean token() {
      return this == READ_TOKEN || this == RW_TOKEN;
    }

    /** A session whose changes lack the right CSRF token. */
    boolean forged() {
      return this == SESSION_NO_CSRF || this == SESSION_WRONG_CSRF;
    }
  }

  /** A user of the fixture, with their password and personal tokens per workspace. */
  static final class Person {
    final String label;
    final String email;
    String password;
    int passwords;
    long id;
    final Map<String, String> read = new HashMap<>();
    final Map<String, String> rw = new HashMap<>();
    final List<Session> sessions = new ArrayList<>();

    Person(String label, String email, String password) {
      this.label = label;
      this.email = email;
      this.password = password;
    }

    Session newSession() {
      Session s = new Session(this);
      sessions.add(s);
      return s;
    }

    String nextPassword() {
      return "password of " + label + " #" + (passwords + 1);
    }
  }

  /** A browser session: its cookie and CSRF token, replaced when a case ends it. */
  static final class Session {
    final Person person;
    String cookie;
    String csrf;

    Session(Person person) {
      this.person = person;
    }

    void from(Response signedIn) {
      cookie = null;
      for (String h : signedIn.headers().allValues("Set-Cookie")) {
        if (h.startsWith(SessionCookie.NAME + "=")) {
          cookie = h.substring(SessionCookie.NAME.length() + 1, h.indexOf(';'));
        }
      }
      assertThat(cookie).as("session cookie in %s", signedIn).isNotBlank();
      csrf = signedIn.json().get("csrf-token").asText();
    }
  }

  /**
   * What a request carries: a bearer token, or a session cookie with the CSRF token of {@code csrfOf}
   * (normally the same session; null for none), and maybe a workspace pick.
   */
  record Credential(String bearer, Session session, Session csrfOf, String workspace) {
    static final Credential NONE = new Credential(null, null, null, null);

    static Credential token(String token) {
      return new Credential("Bearer " + token, null, null, null);
    }

    static Credential session(Session s, String workspace) {
      return new Credential(null, s, s, workspace);
    }

    void apply(HttpRequest.Builder b) {
      if (bearer != null) {
        b.header("Authorization", bearer);
      }
      if (session != null) {
        b.header("Cookie", SessionCookie.NAME + "=" + session.cookie);
        if (csrfOf != null) {
          b.header("X-CSRF-Token", csrfOf.csrf);
        }
      }
      if (workspace != null) {
        b.header("X-PingBase-Workspace", workspace);
      }
    }
  }

  /**
   * One caller of the matrix.
   *
   * @param role    its role in {@code home} (null for the unauthenticated)
   * @param home    the workspace its requests work in: "own" objects are there, "foreign" ones in the other
   * @param session the session of the SESSION kinds
   * @param picks   the workspace it asks for with {@code X-PingBase-Workspace}, or null
   */
  record Caller(String label, Kind kind, Role role, Person person, String home, Session session, String picks) {
    Credential credential() {
      return credential(picks);
    }

    private Credential credential(String workspace) {
      return switch (kind) {
        case ANONYMOUS -> Credential.NONE;
        case GARBAGE_TOKEN -> new Credential("Bearer not-a-token", null, null, null);
        case UNKNOWN_TOKEN -> Credential.token(AuthorizationMatrixTest.UNKNOWN_TOKEN);
        case READ_TOKEN -> new Credential("Bearer " + person.read.get(home), null, null, workspace);
        case RW_TOKEN -> new Credential("Bearer " + person.rw.get(home), null, null, workspace);
        case SESSION -> Credential.session(session, workspace);
        case SESSION_NO_CSRF -> new Credential(null, session, null, workspace);
        case SESSION_WRONG_CSRF -> new Credential(null, session, decoy, workspace);
      };
    }

    /** Picks a workspace it cannot work in: a token another than its own, a session one its user is not in. */
    boolean stranger() {
      return picks != null && !picks.equals(home);
    }

    /** The same kind of credential of the same person, working in workspace {@code w} (an owner's scratch workspace). */
    Credential in(String w, Session maker) {
      return switch (kind) {
        case READ_TOKEN -> Credential.token(newToken(Credential.session(maker, w), "read"));
        case RW_TOKEN -> Credential.token(newToken(Credential.session(maker, w), "read", "write"));
        default -> credential(w);
      };
    }
  }

  // ---- what they call

  /** The object a request names, relative to the caller. */
  enum Target {
    /** The route names nothing. */
    NONE,
    /** An object of the caller's workspace (for members and tokens: someone else's). */
    OWN,
    /** An object of the other workspace. */
    FOREIGN,
    /** The caller's own membership or token. */
    SELF,
    /** The membership of the workspace's (only) owner. */
    OWNER
  }

  static final List<Target> OBJECT = List.of(Target.OWN, Target.FOREIGN);

  /** A workspace of the fixture and its objects. */
  static final class Ws {
    final String id;
    final String name;
    /** An owner token of this workspace, for building and repairing the fixture. */
    String setup;
    String monitor;
    String channel;
    String window;
    long notification;
    /** A public status page showing the monitor, with an incident. */
    String statusPage;
    long incident;
    /** A viewer who never calls: whose membership and tokens are "someone else's". */
    Person bystander;
    /** Who must be a member with which role: restored after the member cases. */
    final Map<Person, Role> members = new LinkedHashMap<>();

    Ws(String id, String name) {
      this.id = id;
      this.name = name;
    }

    Credential setupCredential() {
      return Credential.token(setup);
    }
  }

  static Ws ws(String id) {
    return id.equals(HOME) ? home : away;
  }

  static Ws otherThan(String id) {
    return id.equals(HOME) ? away : home;
  }

  /**
   * What a case sends besides the caller's credential (path parameters, a body, maybe another
   * credential), and what to do after it.
   */
  static final class Prepared {
    final Map<String, String> params = new HashMap<>();
    String body;
    /** The body as an HTML form's (application/x-www-form-urlencoded), for the pages' POSTs. */
    String form;
    Credential as;
    final List<Consumer<Response>> after = new ArrayList<>();

    Prepared param(String name, Object value) {
      params.put(name, String.valueOf(value));
      return this;
    }

    Prepared body(String json) {
      this.body = json;
      return this;
    }

    Prepared form(Object... keysAndValues) {
      StringBuilder f = new StringBuilder();
      for (int i = 0; i < keysAndValues.length; i += 2) {
        f.append(f.isEmpty() ? "" : "&").append(keysAndValues[i]).append('=')
            .append(java.net.URLEncoder.encode(String.valueOf(keysAndValues[i + 1]), StandardCharsets.UTF_8));
      }
      this.form = f.toString();
      return this;
    }

    Prepared then(Consumer<Response> action) {
      after.add(action);
      return this;
    }
  }

  record Case(Spec spec, Caller who, Target target) {
    Ws own() {
      return ws(who.home());
    }

    /** The workspace of the object the case names. */
    Ws place() {
      return target == Target.FOREIGN ? otherThan(who.home()) : own();
    }

    String label() {
      return spec.route() + (spec.variant.isEmpty() ? "" : " [" + spec.variant + "]") + " as " + who.label()
          + (target == Target.NONE ? "" : " on " + target.name().toLowerCase(java.util.Locale.ROOT) + " target");
    }
  }

  /** One row of the table: a route (or a variant of its body), who may call it, and what an allowed caller gets. */
  static final class Spec {
    final String method;
    final String path;
    final Access access;
    final int ok;
    String variant = "";
    List<Target> targets = List.of(Target.NONE);
    Function<Case, Prepared> prep = c -> new Prepared();
    /** The finer rule of the route, applied once the caller passed the route's Access: a status, or null for none. */
    BiFunction<Caller, Target, Integer> rule = (c, t) -> null;
    /** What the answer of an allowed caller must also say: a problem, or null. */
    BiFunction<Case, Response, String> check = (c, r) -> null;
    /** For a PUBLIC route whose handler refuses everyone alike: part of its message, so the 4xx is the handler's. */
    String says;
    /** The HEAD twin of a GET row: WebServer registers it with the GET's Access, but routes() does not list it. */
    boolean mirror;
    /** An endless answer (server-sent events): only its status is read, then the connection closed. */
    boolean stream;

    Spec(String route, Access access, int ok) {
      String[] parts = route.split(" ", 2);
      this.method = parts[0];
      this.path = parts[1];
      this.access = access;
      this.ok = ok;
    }

    String route() {
      return method + " " + path;
    }

    /** This GET row as HEAD: the same rule and cases, without a body to check. */
    Spec head() {
      Spec h = new Spec("HEAD " + path, access, ok);
      h.variant = variant;
      h.targets = targets;
      h.prep = prep;
      h.rule = rule;
      h.mirror = true;
      h.stream = false;
      return h;
    }

    boolean safe() {
      return method.equals("GET") || method.equals("HEAD");
    }

    Spec variant(String v) {
      variant = v;
      return this;
    }

    Spec targets(List<Target> t) {
      targets = t;
      return this;
    }

    Spec prep(Function<Case, Prepared> p) {
      prep = p;
      return this;
    }

    Spec body(Function<Case, String> body) {
      Function<Case, Prepared> before = prep;
      prep = c -> before.apply(c).body(body.apply(c));
      return this;
    }

    Spec rule(BiFunction<Caller, Target, Integer> r) {
      rule = r;
      return this;
    }

    Spec check(BiFunction<Case, Response, String> c) {
      check = c;
      return this;
    }

    Spec says(String s) {
      says = s;
      return this;
    }

    Spec stream() {
      stream = true;
      return this;
    }

    Spec form(Function<Case, Object[]> fields) {
      Function<Case, Prepared> before = prep;
      prep = c -> before.apply(c).form(fields.apply(c));
      return this;
    }

    /** After an allowed case, the caller's person signs in again (the case ended their sessions). */
    Spec endsSessions() {
      Function<Case, Prepared> before = prep;
      prep = c -> before.apply(c).then(r -> {
        if (r.status() < 400 && c.who().person() != null) { // 2xx, or a page's 303
          signInAgain(c.who().person());
        }
      });
      return this;
    }

    /** After every case, memberships and roles are put back as the fixture has them. */
    Spec restoresMembers() {
      Function<Case, Prepared> before = prep;
      prep = c -> before.apply(c).then(r -> restoreMembers());
      return this;
    }
  }

  static Spec spec(String route, Access access, int ok) {
    return new Spec(route, access, ok);
  }

  /**
   * The expected status of a case, from the rules; the order of the checks is the order in which
   * the server applies them (a request failing several gets the first one's answer).
   */
  static int expected(Case c) {
    Spec s = c.spec();
    Caller who = c.who();
    if (s.access == Access.PUBLIC) {
      Integer finer = s.rule.apply(who, c.target());
      return finer != null ? finer : s.ok;
    }
    if (who.kind().unauthenticated()) {
      return 401;
    }
    if (who.stranger() && s.access != Access.OPERATOR) {
      return 404; // a token works only in its own workspace, a session only in its user's; OPERATOR ignores the pick
    }
    if (!s.safe() && who.kind().forged()) {
      return 403;
    }
    if (s.access == Access.OPERATOR && who.kind().token() && !who.home().equals(HOME)) {
      return 403; // a viewer+ of the default workspace; every person of the fixture is one
    }
    if (s.access.role() != null && !who.role().atLeast(s.access.role())) {
      return 403;
    }
    if (!s.safe() && who.kind() == Kind.READ_TOKEN) {
      return 403;
    }
    Integer finer = s.rule.apply(who, c.target());
    if (finer != null) {
      return finer;
    }
    return c.target() == Target.FOREIGN ? 404 : s.ok;
  }

  // ---- the table

  static List<Spec> table() {
    List<Spec> t = new ArrayList<>(List.of(
        spec("GET /healthz", Access.PUBLIC, 200),
        spec("GET /metrics", Access.OPERATOR, 200),
        spec("GET /api/v1/openapi.yaml", Access.PUBLIC, 200),

        spec("POST /api/v1/auth/login", Access.PUBLIC, 200)
            .body(c -> json("email", home.bystander.email, "password", home.bystander.password)),
        spec("POST /api/v1/auth/logout", Access.SIGNED_IN, 204).rule(tokens(400)) // a token has no session to end
            .endsSessions(),
        spec("POST /api/v1/auth/logout-everywhere", Access.SIGNED_IN, 200).endsSessions(),
        spec("GET /api/v1/setup", Access.PUBLIC, 200),
        spec("POST /api/v1/setup", Access.PUBLIC, 409).says("setup is done") // the first owner exists
            .body(c -> json("setup-token", "0123456789abcdefghijklmnopqrstuv", "email", fresh("first") + "@pingbase.test",
                "password", "a password long enough")),
        spec("POST /api/v1/signup", Access.PUBLIC, 403).says("sign-up is closed") // the default: invitations only
            .body(c -> json("email", fresh("signup") + "@pingbase.test", "password", "a password long enough")),
        spec("POST /api/v1/invitations/accept", Access.PUBLIC, 200)
            .body(c -> json("token", invite(away, fresh("joiner") + "@pingbase.test", Role.VIEWER).get("token").asText(),
                "name", "Joiner", "password", "a password long enough")),
        spec("GET /api/v1/me", Access.SIGNED_IN, 200),
        spec("PUT /api/v1/me/password", Access.SIGNED_IN, 204).prep(AuthorizationMatrixTest::passwordChange)
            .endsSessions(), // the user's other sessions end
        spec("POST /api/v1/me/totp", Access.SIGNED_IN, 200),
        spec("POST /api/v1/me/totp/confirm", Access.SIGNED_IN, 204).prep(AuthorizationMatrixTest::totpCode),
        spec("POST /api/v1/me/totp/disable", Access.SIGNED_IN, 204)
            .body(c -> json("password", c.who().person() == null ? "not anyone's password" : c.who().person().password)),
        spec("PUT /api/v1/me/workspace", Access.SIGNED_IN, 200).rule(tokens(403)) // only a session switches
            .body(c -> json("workspace", c.who().home())),

        spec("GET /api/v1/workspaces", Access.SIGNED_IN, 200),
        spec("POST /api/v1/workspaces", Access.SIGNED_IN, 201).body(c -> json("name", "Scratch " + fresh("ws"))),
        spec("GET /api/v1/workspace", Access.VIEWER, 200),
        spec("PUT /api/v1/workspace", Access.ADMIN, 200).body(c -> json("name", c.own().name)),
        spec("DELETE /api/v1/workspace", Access.OWNER, 204).prep(AuthorizationMatrixTest::scratchWorkspace),

        spec("GET /api/v1/members", Access.VIEWER, 200),
        spec("PUT /api/v1/members/{user}", Access.ADMIN, 200).targets(List.of(Target.OWN, Target.FOREIGN, Target.SELF,
                Target.OWNER))
            .prep(c -> new Prepared().param("user", member(c).id).body(json("role", "editor")))
            .rule(roleChange())
            .restoresMembers(),
        spec("DELETE /api/v1/members/{user}", Access.VIEWER, 204).targets(List.of(Target.OWN, Target.FOREIGN,
                Target.SELF, Target.OWNER))
            .prep(c -> new Prepared().param("user", member(c).id))
            .rule(removal())
            .restoresMembers(),
        spec("GET /api/v1/invitations", Access.ADMIN, 200),
        spec("POST /api/v1/invitations", Access.ADMIN, 201)
            .body(c -> json("email", fresh("invitee") + "@pingbase.test", "role", "viewer")),
        spec("POST /api/v1/invitations", Access.ADMIN, 201).variant("role owner")
            .body(c -> json("email", fresh("invitee") + "@pingbase.test", "role", "owner"))
            .rule((who, target) -> who.role() == Role.OWNER ? null : 403), // only owners make owners
        spec("DELETE /api/v1/invitations/{id}", Access.ADMIN, 204).targets(OBJECT).prep(c -> {
          long id = invite(c.place(), fresh("revoked") + "@pingbase.test", Role.VIEWER).get("id").asLong();
          return new Prepared().param("id", id)
              .then(r -> send("DELETE", "/api/v1/invitations/" + id, null, c.place().setupCredential()));
        }),
        spec("GET /api/v1/tokens", Access.VIEWER, 200).check(AuthorizationMatrixTest::listsOnlyOwnTokens),
        spec("POST /api/v1/tokens", Access.VIEWER, 201)
            .body(c -> json("name", fresh("token"), "scopes", List.of("read"))),
        spec("POST /api/v1/tokens", Access.VIEWER, 201).variant("kind workspace")
            .body(c -> json("name", fresh("token"), "kind", "workspace", "scopes", List.of("read")))
            .rule((who, target) -> who.role().atLeast(Role.ADMIN) ? null : 403), // workspace tokens: admins
        spec("DELETE /api/v1/tokens/{id}", Access.VIEWER, 200).targets(List.of(Target.SELF, Target.OWN, Target.FOREIGN))
            .prep(c -> new Prepared().param("id", doomedToken(c.target() == Target.SELF && c.who().person() != null
                ? c.who().person() : c.place().bystander, c.place())))
            .rule((who, target) -> target == Target.OWN && !who.role().atLeast(Role.ADMIN) ? 404 : null), // admins: any
        spec("GET /api/v1/audit", Access.ADMIN, 200),

        spec("GET /api/v1/status", Access.VIEWER, 200),
        spec("GET /api/v1/monitors", Access.VIEWER, 200),
        spec("POST /api/v1/monitors", Access.EDITOR, 201).prep(c -> {
          String id = fresh("new-monitor");
          return new Prepared().body(monitorBody(id)).then(r -> remove(c.own(), "/api/v1/monitors/" + id));
        }),
        spec("GET /api/v1/monitors/{id}", Access.VIEWER, 200).targets(OBJECT).prep(monitor()),
        spec("PUT /api/v1/monitors/{id}", Access.EDITOR, 200).targets(OBJECT)
            .prep(c -> monitor().apply(c).body(monitorBody(c.place().monitor))),
        spec("DELETE /api/v1/monitors/{id}", Access.EDITOR, 204).targets(OBJECT).prep(c -> {
          String id = fresh("doomed-monitor");
          send("POST", "/api/v1/monitors", monitorBody(id), c.place().setupCredential()); // see FIXTURE_PROBLEMS
          return new Prepared().param("id", id).then(r -> remove(c.place(), "/api/v1/monitors/" + id));
        }),
        spec("POST /api/v1/monitors/{id}/pause", Access.EDITOR, 200).targets(OBJECT).prep(monitorAfter("resume")),
        spec("POST /api/v1/monitors/{id}/resume", Access.EDITOR, 200).targets(OBJECT).prep(monitorAfter("pause")),
        spec("POST /api/v1/monitors/{id}/check", Access.EDITOR, 202).targets(OBJECT).prep(monitorAfter("resume")),
        spec("GET /api/v1/monitors/{id}/results", Access.VIEWER, 200).targets(OBJECT).prep(monitor()),
        spec("GET /api/v1/monitors/{id}/stats", Access.VIEWER, 200).targets(OBJECT).prep(monitor()),
        spec("GET /api/v1/monitors/{id}/events", Access.VIEWER, 200).targets(OBJECT).prep(monitor()),
        spec("GET /api/v1/events", Access.VIEWER, 200),

        spec("GET /api/v1/maintenance", Access.VIEWER, 200),
        spec("POST /api/v1/maintenance", Access.EDITOR, 201).prep(c -> {
          String name = fresh("new-window");
          return new Prepared().body(windowBody(name)).then(r -> remove(c.own(), "/api/v1/maintenance/" + name));
        }),
        spec("GET /api/v1/maintenance/{name}", Access.VIEWER, 200).targets(OBJECT)
            .prep(c -> new Prepared().param("name", c.place().window)),
        spec("PUT /api/v1/maintenance/{name}", Access.EDITOR, 200).targets(OBJECT)
            .prep(c -> new Prepared().param("name", c.place().window).body(windowBody(c.place().window))),
        spec("DELETE /api/v1/maintenance/{name}", Access.EDITOR, 204).targets(OBJECT).prep(c -> {
          String name = fresh("doomed-window");
          expect(send("POST", "/api/v1/maintenance", windowBody(name), c.place().setupCredential()), 201);
          return new Prepared().param("name", name).then(r -> remove(c.place(), "/api/v1/maintenance/" + name));
        }),

        spec("GET /api/v1/channels", Access.VIEWER, 200),
        spec("POST /api/v1/channels", Access.EDITOR, 201).prep(c -> {
          String name = fresh("new-hook");
          return new Prepared().body(channelBody(name)).then(r -> remove(c.own(), "/api/v1/channels/" + name));
        }),
        spec("GET /api/v1/channels/{name}", Access.VIEWER, 200).targets(OBJECT)
            .prep(c -> new Prepared().param("name", c.place().channel)),
        spec("PUT /api/v1/channels/{name}", Access.EDITOR, 200).targets(OBJECT)
            .prep(c -> new Prepared().param("name", c.place().channel).body(channelBody(c.place().channel))),
        spec("DELETE /api/v1/channels/{name}", Access.EDITOR, 204).targets(OBJECT).prep(c -> {
          String name = fresh("doomed-hook");
          expect(send("POST", "/api/v1/channels", channelBody(name), c.place().setupCredential()), 201);
          return new Prepared().param("name", name).then(r -> remove(c.place(), "/api/v1/channels/" + name));
        }),
        spec("POST /api/v1/channels/{name}/test", Access.EDITOR, 200).targets(OBJECT)
            .prep(c -> new Prepared().param("name", c.place().channel)),
        spec("GET /api/v1/notifications", Access.VIEWER, 200),
        spec("GET /api/v1/notifications/{id}", Access.VIEWER, 200).targets(OBJECT)
            .prep(c -> new Prepared().param("id", c.place().notification))));
    t.addAll(pageRows());
    t.addAll(statusPageRows());
    // Heartbeat pings: the token in the URL is the credential. HEAD is a route of its own here.
    for (String method : List.of("GET", "HEAD", "POST")) {
      t.add(spec(method + " /ping/{token}", Access.PUBLIC, 200).prep(c -> new Prepared().param("token", pingToken)));
      t.add(spec(method + " /ping/{token}/{action}", Access.PUBLIC, 200)
          .prep(c -> new Prepared().param("token", pingToken).param("action", "start")));
    }
    List<Spec> withHead = new ArrayList<>();
    for (Spec s : t) {
      withHead.add(s);
      if (s.method.equals("GET") && !s.path.startsWith("/ping/") && !s.stream) {
        withHead.add(s.head());
      }
    }
    return withHead;
  }

  /**
   * The web UI's pages: the same Access rules as the API. Forms are sent as browsers send them; a
   * change that worked answers 303 (on to the next page), a form the handler refuses shows it again.
   */
  static List<Spec> pageRows() {
    return List.of(
        spec("GET /login", Access.PUBLIC, 200).rule(sessions(303)), // signed in already: on to the app
        spec("POST /login", Access.PUBLIC, 303)
            .form(c -> new Object[] {"email", home.bystander.email, "password", home.bystander.password}),
        spec("GET /setup", Access.PUBLIC, 303), // the first owner exists: on to sign-in
        spec("POST /setup", Access.PUBLIC, 303) // likewise
            .form(c -> new Object[] {"setup-token", "0123456789abcdefghijklmnopqrstuv", "email",
                fresh("first") + "@pingbase.test", "password", "a password long enough"}),
        spec("GET /invite", Access.PUBLIC, 200),
        spec("POST /invite", Access.PUBLIC, 303)
            .form(c -> new Object[] {"token", invite(away, fresh("joiner") + "@pingbase.test", Role.VIEWER).get("token")
                .asText(), "name", "Joiner", "password", "a password long enough"}),
        spec("POST /logout", Access.SIGNED_IN, 303).endsSessions(), // a token has no session: nothing ends
        spec("POST /workspace", Access.SIGNED_IN, 303).rule(tokens(403))
            .form(c -> new Object[] {"workspace", c.who().home()}),

        spec("GET /", Access.VIEWER, 200),
        spec("GET /live", Access.VIEWER, 200).stream(),
        spec("HEAD /live", Access.VIEWER, 200), // a route of its own: sse() makes no HEAD twin
        spec("GET /monitors/new", Access.EDITOR, 200),
        spec("POST /monitors", Access.EDITOR, 303).prep(c -> {
          String id = fresh("page-monitor");
          return new Prepared().form(monitorForm(id)).then(r -> remove(c.own(), "/api/v1/monitors/" + id));
        }),
        spec("POST /monitors/test", Access.EDITOR, 200).form(c -> new Object[] {"type", "tcp", "name", "Tried",
            "host", "127.0.0.1", "port", closedPort, "timeout", "1s"}),
        spec("GET /monitors/{id}", Access.VIEWER, 200).targets(OBJECT).prep(monitor()),
        spec("GET /monitors/{id}/series", Access.VIEWER, 200).targets(OBJECT).prep(monitor()),
        spec("GET /monitors/{id}/edit", Access.EDITOR, 200).targets(OBJECT).prep(monitor()),
        spec("POST /monitors/{id}", Access.EDITOR, 303).targets(OBJECT)
            .prep(c -> monitor().apply(c).form(monitorForm(c.place().monitor))),
        spec("POST /monitors/{id}/{action}", Access.EDITOR, 303).targets(OBJECT)
            .prep(c -> monitorAfter("resume").apply(c).param("action", "pause")),

        spec("GET /channels", Access.VIEWER, 200),
        spec("GET /channels/new", Access.EDITOR, 200),
        spec("POST /channels", Access.EDITOR, 303).prep(c -> {
          String name = fresh("page-hook");
          return new Prepared().form(channelForm(name)).then(r -> remove(c.own(), "/api/v1/channels/" + name));
        }),
        spec("GET /channels/{name}/edit", Access.EDITOR, 200).targets(OBJECT)
            .prep(c -> new Prepared().param("name", c.place().channel)),
        spec("POST /channels/{name}", Access.EDITOR, 303).targets(OBJECT)
            .prep(c -> new Prepared().param("name", c.place().channel).form(channelForm(c.place().channel))),
        spec("POST /channels/{name}/delete", Access.EDITOR, 303).targets(OBJECT).prep(c -> {
          String name = fresh("doomed-page-hook");
          expect(send("POST", "/api/v1/channels", channelBody(name), c.place().setupCredential()), 201);
          return new Prepared().param("name", name).form().then(r -> remove(c.place(), "/api/v1/channels/" + name));
        }),
        spec("POST /channels/{name}/test", Access.EDITOR, 200).targets(OBJECT)
            .prep(c -> new Prepared().param("name", c.place().channel).form()),

        spec("GET /maintenance", Access.VIEWER, 200),
        spec("POST /maintenance", Access.EDITOR, 303).prep(c -> {
          String name = fresh("page-window");
          return new Prepared().form("name", name, "start", "2030-01-01T02:00", "end", "2030-01-01T04:00",
              "time-zone", "UTC", "all", "true").then(r -> remove(c.own(), "/api/v1/maintenance/" + name));
        }),
        spec("POST /maintenance/{name}/delete", Access.EDITOR, 303).targets(OBJECT).prep(c -> {
          String name = fresh("doomed-page-window");
          expect(send("POST", "/api/v1/maintenance", windowBody(name), c.place().setupCredential()), 201);
          return new Prepared().param("name", name).form().then(r -> remove(c.place(), "/api/v1/maintenance/" + name));
        }),

        spec("GET /settings/workspace", Access.ADMIN, 200),
        spec("POST /settings/workspace/name", Access.ADMIN, 303).form(c -> new Object[] {"name", c.own().name}),
        spec("POST /settings/workspace/members/{user}/role", Access.ADMIN, 303)
            .targets(List.of(Target.OWN, Target.FOREIGN, Target.SELF, Target.OWNER))
            .prep(c -> new Prepared().param("user", member(c).id).form("role", "editor"))
            .rule(roleChange())
            .restoresMembers(),
        spec("POST /settings/workspace/members/{user}/remove", Access.ADMIN, 303)
            .targets(List.of(Target.OWN, Target.FOREIGN, Target.SELF, Target.OWNER))
            .prep(c -> new Prepared().param("user", member(c).id).form())
            .rule(removal()) // only admins reach it: the page is ADMIN
            .restoresMembers(),
        spec("POST /settings/workspace/invitations", Access.ADMIN, 200) // the page shows the link once
            .form(c -> new Object[] {"email", fresh("page-invitee") + "@pingbase.test", "role", "viewer"}),
        spec("POST /settings/workspace/invitations", Access.ADMIN, 200).variant("role owner")
            .form(c -> new Object[] {"email", fresh("page-invitee") + "@pingbase.test", "role", "owner"})
            .rule((who, target) -> who.role() == Role.OWNER ? null : 403), // only owners make owners
        spec("POST /settings/workspace/invitations/{id}/revoke", Access.ADMIN, 303).targets(OBJECT).prep(c -> {
          long id = invite(c.place(), fresh("page-revoked") + "@pingbase.test", Role.VIEWER).get("id").asLong();
          return new Prepared().param("id", id).form()
              .then(r -> send("DELETE", "/api/v1/invitations/" + id, null, c.place().setupCredential()));
        }),
        spec("POST /settings/workspace/tokens", Access.ADMIN, 200) // the page shows the token once
            .form(c -> new Object[] {"name", fresh("page-token"), "role", "viewer", "access", "read"}),
        spec("POST /settings/workspace/tokens/{id}/revoke", Access.ADMIN, 303).targets(OBJECT)
            .prep(c -> new Prepared().param("id", doomedToken(c.place().bystander, c.place())).form()),

        spec("GET /settings/account", Access.SIGNED_IN, 200),
        spec("POST /settings/account/password", Access.SIGNED_IN, 303).prep(c -> {
          Prepared p = passwordChange(c);
          JsonNode sent = TestServer.parse(p.body);
          return p.form("current-password", sent.get("current-password").asText(), "new-password",
              sent.get("new-password").asText());
        }).endsSessions(),
        spec("POST /settings/account/totp", Access.SIGNED_IN, 200), // the page shows the secret once
        spec("POST /settings/account/totp/confirm", Access.SIGNED_IN, 303)
            .prep(c -> {
              Prepared p = totpCode(c);
              return p.form("code", TestServer.parse(p.body).get("code").asText());
            }),
        spec("POST /settings/account/totp/disable", Access.SIGNED_IN, 303)
            .form(c -> new Object[] {"password", c.who().person() == null ? "not anyone's password"
                : c.who().person().password}),
        spec("POST /settings/account/tokens", Access.SIGNED_IN, 200) // the page shows the token once
            .form(c -> new Object[] {"name", fresh("page-token"), "access", "read"}),
        spec("POST /settings/account/tokens/{id}/revoke", Access.SIGNED_IN, 303)
            .targets(List.of(Target.SELF, Target.OWN, Target.FOREIGN))
            .prep(c -> new Prepared().param("id", doomedToken(c.target() == Target.SELF && c.who().person() != null
                ? c.who().person() : c.place().bystander, c.place())).form())
            .rule((who, target) -> target == Target.OWN && !who.role().atLeast(Role.ADMIN) ? 404 : null), // admins: any
        spec("POST /settings/account/sign-out-everywhere", Access.SIGNED_IN, 303).endsSessions());
  }

  /** Changing a member's role: the API's and the workspace page's rule. */
  static BiFunction<Caller, Target, Integer> roleChange() {
    return (who, target) -> {
      if (target == Target.FOREIGN) {
        return 404;
      }
      if (target == Target.OWNER || target == Target.SELF && who.role() == Role.OWNER) {
        return who.role() == Role.OWNER ? 409 : 403; // the last owner; only owners change owners
      }
      return null;
    };
  }

  /** Removing a member: anyone may leave, admins remove others; the last owner stays. */
  static BiFunction<Caller, Target, Integer> removal() {
    return (who, target) -> {
      boolean self = target == Target.SELF || target == Target.OWNER && who.role() == Role.OWNER;
      if (!self && !who.role().atLeast(Role.ADMIN)) {
        return 403; // anyone may leave; removing others needs admin
      }
      if (target == Target.FOREIGN) {
        return 404;
      }
      if (target == Target.OWNER || self && who.role() == Role.OWNER) {
        return who.role() == Role.OWNER ? 409 : 403; // the last owner; only owners remove owners
      }
      return null;
    };
  }

  /** A fresh read token of {@code maker} in {@code ws}: its id, for a case that revokes it. */
  static long doomedToken(Person maker, Ws ws) {
    return expect(send("POST", "/api/v1/tokens", json("name", fresh("doomed"), "scopes", List.of("read")),
        Credential.token(maker.rw.get(ws.id))), 201).json().get("id").asLong();
  }

  /** The webhook channel form of {@link #channelBody}. */
  static Object[] channelForm(String name) {
    return new Object[] {"type", "webhook", "name", name, "url", "http://127.0.0.1:1/x"};
  }

  /** Status pages: the API like the other objects', the readers' routes public (each page's visibility is its own). */
  static List<Spec> statusPageRows() {
    Function<Case, Prepared> page = c -> new Prepared().param("slug", c.place().statusPage);
    Function<Case, Prepared> home = c -> new Prepared().param("slug", HOME_PAGE.get());
    return List.of(
        spec("GET /api/v1/status-pages", Access.VIEWER, 200),
        spec("POST /api/v1/status-pages", Access.EDITOR, 201).prep(c -> {
          String slug = fresh("new-page");
          return new Prepared().body(statusPageBody(slug, c.own().monitor))
              .then(r -> remove(c.own(), "/api/v1/status-pages/" + slug));
        }),
        spec("GET /api/v1/status-pages/{slug}", Access.VIEWER, 200).targets(OBJECT).prep(page),
        spec("PUT /api/v1/status-pages/{slug}", Access.EDITOR, 200).targets(OBJECT)
            .prep(c -> page.apply(c).body(statusPageBody(c.place().statusPage, c.place().monitor))),
        spec("DELETE /api/v1/status-pages/{slug}", Access.EDITOR, 204).targets(OBJECT).prep(c -> {
          String slug = fresh("doomed-page");
          expect(send("POST", "/api/v1/status-pages", statusPageBody(slug, c.place().monitor),
              c.place().setupCredential()), 201);
          return new Prepared().param("slug", slug).then(r -> remove(c.place(), "/api/v1/status-pages/" + slug));
        }),
        spec("GET /api/v1/status-pages/{slug}/incidents", Access.VIEWER, 200).targets(OBJECT).prep(page),
        spec("POST /api/v1/status-pages/{slug}/incidents", Access.EDITOR, 201).targets(OBJECT)
            .prep(c -> page.apply(c).body(incidentBody())),
        spec("POST /api/v1/status-pages/{slug}/incidents/{id}/updates", Access.EDITOR, 200).targets(OBJECT)
            .prep(c -> page.apply(c).param("id", c.place().incident)
                .body(json("status", "monitoring", "message", "Watching"))),
        spec("DELETE /api/v1/status-pages/{slug}/incidents/{id}", Access.EDITOR, 204).targets(OBJECT).prep(c -> {
          long id = expect(send("POST", "/api/v1/status-pages/" + c.place().statusPage + "/incidents", incidentBody(),
              c.place().setupCredential()), 201).json().get("id").asLong();
          return page.apply(c).param("id", id);
        }),

        spec("GET /status/{slug}", Access.PUBLIC, 200).prep(home),
        spec("GET /status/{slug}/status.json", Access.PUBLIC, 200).prep(home),
        spec("GET /status/{slug}/feed.atom", Access.PUBLIC, 200).prep(home),
        spec("GET /status/{slug}/logo", Access.PUBLIC, 200).prep(home),
        spec("GET /status/{slug}/style.css", Access.PUBLIC, 200).prep(home),
        spec("POST /status/{slug}/unlock", Access.PUBLIC, 303) // a public page needs no password: on to it
            .prep(c -> home.apply(c).form("password", "whatever it is")),
        spec("GET /status/{slug}/badges/monitors/{id}/{kind}", Access.PUBLIC, 200)
            .prep(c -> home.apply(c).param("id", HOME_MONITOR.get()).param("kind", "status")),
        spec("GET /status/{slug}/badges/groups/{group}/{kind}", Access.PUBLIC, 200)
            .prep(c -> home.apply(c).param("group", "Matrix").param("kind", "uptime")),

        // The editor's pages: forms, 303 after a change.
        spec("GET /status-pages", Access.VIEWER, 200),
        spec("GET /status-pages/new", Access.EDITOR, 200),
        spec("POST /status-pages", Access.EDITOR, 303).prep(c -> {
          String slug = fresh("form-page");
          return new Prepared().form(statusPageForm(slug, c.own().monitor))
              .then(r -> remove(c.own(), "/api/v1/status-pages/" + slug));
        }),
        spec("GET /status-pages/{slug}", Access.EDITOR, 200).targets(OBJECT).prep(page),
        spec("POST /status-pages/{slug}", Access.EDITOR, 303).targets(OBJECT)
            .prep(c -> page.apply(c).form(statusPageForm(c.place().statusPage, c.place().monitor))),
        spec("POST /status-pages/{slug}/delete", Access.EDITOR, 303).targets(OBJECT).prep(c -> {
          String slug = fresh("doomed-form-page");
          expect(send("POST", "/api/v1/status-pages", statusPageBody(slug, c.place().monitor),
              c.place().setupCredential()), 201);
          return new Prepared().param("slug", slug).form("title", "x")
              .then(r -> remove(c.place(), "/api/v1/status-pages/" + slug));
        }),
        spec("POST /status-pages/{slug}/incidents", Access.EDITOR, 303).targets(OBJECT)
            .prep(c -> page.apply(c).form("title", "Form incident", "impact", "minor", "message", "Looking")),
        spec("POST /status-pages/{slug}/incidents/{id}/updates", Access.EDITOR, 303).targets(OBJECT)
            .prep(c -> page.apply(c).param("id", c.place().incident).form("status", "monitoring", "message", "Watching")));
  }

  /** The editor's form of {@link #statusPageBody}. */
  static Object[] statusPageForm(String slug, String monitor) {
    return new Object[] {"slug", slug, "title", "Matrix", "visibility", "public", "theme", "auto", "monitors-title",
        "One", "monitor", monitor, "group", "Matrix"};
  }

  /** The default workspace's status page and monitor, for the readers' routes. */
  static final java.util.function.Supplier<String> HOME_PAGE = () -> ws(HOME).statusPage;
  static final java.util.function.Supplier<String> HOME_MONITOR = () -> ws(HOME).monitor;

  /** The monitor form of {@link #monitorBody}. */
  static Object[] monitorForm(String id) {
    return new Object[] {"type", "tcp", "id", id, "name", "Matrix " + id, "host", "127.0.0.1", "port", closedPort,
        "interval", "1h"};
  }

  /** A rule for routes whose answer differs for a session caller: {@code status} for those. */
  static BiFunction<Caller, Target, Integer> sessions(int status) {
    return (who, target) -> who.session() != null ? status : null;
  }

  /** A rule for SIGNED_IN routes a token may call but the handler refuses: {@code status} for token callers. */
  static BiFunction<Caller, Target, Integer> tokens(int status) {
    return (who, target) -> who.kind().token() ? status : null;
  }

  static Function<Case, Prepared> monitor() {
    return c -> new Prepared().param("id", c.place().monitor);
  }

  /** The monitor, first paused or resumed (through the fixture's token) so that the case changes something. */
  static Function<Case, Prepared> monitorAfter(String action) {
    return c -> {
      // Not checked: when the fixture could not make the monitor, FIXTURE_PROBLEMS says so and the case shows it.
      send("POST", "/api/v1/monitors/" + c.place().monitor + "/" + action, null, c.place().setupCredential());
      return new Prepared().param("id", c.place().monitor);
    };
  }

  /** The member a members case names. */
  static Person member(Case c) {
    return switch (c.target()) {
      case OWN -> c.own().bystander;
      case FOREIGN -> otherThan(c.who().home()).bystander;
      case SELF -> c.who().person() != null ? c.who().person() : c.own().bystander;
      default -> owner;
    };
  }

  static Prepared passwordChange(Case c) {
    Person p = c.who().person();
    if (p == null) {
      return new Prepared().body(json("current-password", "not anyone's password", "new-password", "a new password!"));
    }
    String next = p.nextPassword();
    return new Prepared().body(json("current-password", p.password, "new-password", next)).then(r -> {
      if (r.status() < 400) { // 2xx, or a page's 303
        p.password = next;
        p.passwords++;
      }
    });
  }

  /**
   * Starts two-factor enrolment for the caller's person (with their read+write token) and sends
   * the current code; turns two-factor off again after.
   */
  static Prepared totpCode(Case c) {
    Person p = c.who().person();
    if (p == null) {
      return new Prepared().body(json("code", "000000"));
    }
    Credential theirs = Credential.token(p.rw.get(c.who().home()));
    String secret = expect(send("POST", "/api/v1/me/totp", null, theirs), 200).json().get("secret").asText();
    return new Prepared().body(json("code", Totp.codeAt(secret, Instant.now()))).then(r -> {
      if (r.status() < 400) { // 2xx, or a page's 303
        expect(send("POST", "/api/v1/me/totp/disable", json("password", p.password), theirs), 204);
      }
    });
  }

  /**
   * DELETE /api/v1/workspace deletes the caller's workspace: an owner calls in a new, empty
   * workspace of their own, with a credential of the same kind; the others (refused by role) call
   * as themselves.
   */
  static Prepared scratchWorkspace(Case c) {
    Prepared p = new Prepared();
    if (c.who().role() != Role.OWNER || c.who().person() == null || c.who().stranger()) {
      return p;
    }
    String w = fresh("scratch");
    expect(send("POST", "/api/v1/workspaces", json("id", w, "name", w), home.setupCredential()), 201);
    Session maker = owner.sessions.get(0);
    p.as = c.who().in(w, maker);
    return p.then(r -> send("DELETE", "/api/v1/workspace", null, Credential.session(maker, w)));
  }

  /** For a non-admin, GET /api/v1/tokens lists only their own personal tokens; an admin sees others' too. */
  static String listsOnlyOwnTokens(Case c, Response r) {
    Person p = c.who().person();
    if (p == null || r.status() != 200) {
      return null;
    }
    boolean admin = c.who().role().atLeast(Role.ADMIN);
    boolean others = false;
    for (JsonNode t : r.json().get("tokens")) {
      boolean mine = !t.get("user-id").isNull() && t.get("user-id").asLong() == p.id;
      others |= !mine;
      if (!admin && !mine) {
        return "lists token " + t.get("prefix").asText() + " of user-id " + t.get("user-id") + " to a non-admin";
      }
    }
    return admin && !others ? "an admin should see every token of the workspace, saw only their own" : null;
  }

  // ---- bodies

  static String monitorBody(String id) {
    return json("id", id, "name", "Matrix " + id, "type", "tcp", "host", "127.0.0.1", "port", closedPort,
        "interval", "1h");
  }

  static String statusPageBody(String slug, String monitor) {
    return "{\"slug\":\"" + slug + "\",\"title\":\"Matrix\",\"logo\":\"data:image/png;base64,iVBORw0KGgo=\","
        + "\"sections\":[{\"title\":\"One\",\"monitors\":[\"" + monitor + "\"]},{\"title\":\"G\",\"group\":\"Matrix\"}]}";
  }

  static String incidentBody() {
    return json("title", "Matrix incident", "impact", "minor", "message", "Looking");
  }

  static String channelBody(String name) {
    return json("name", name, "type", "webhook", "url", "http://127.0.0.1:1/x");
  }

  static String windowBody(String name) {
    return json("name", name, "title", "Matrix", "days", List.of("sun"), "from", "02:00", "to", "04:00",
        "all", true);
  }

  static String json(Object... keysAndValues) {
    ObjectNode n = JSON.createObjectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      n.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
    }
    return n.toString();
  }

  static String fresh(String prefix) {
    return prefix + "-" + SEQ.incrementAndGet();
  }

  // ---- the fixture, built through the API

  @BeforeAll
  static void start() throws Exception {
    closedPort = LoopbackListener.closedPort();
    // Callers create workspaces in the matrix (and the owner a scratch one per case of DELETE /api/v1/workspace).
    server = TestServer.start(dir, "accounts: { workspaces-per-user: 1000 }\n", InstantSource.system());

    home = new Ws(HOME, "Default");
    home.setup = TestAccounts.TOKEN;
    owner = new Person("owner", TestAccounts.EMAIL, TestAccounts.PASSWORD);
    owner.id = expect(send("GET", "/api/v1/me", null, home.setupCredential()), 200).json().at("/user/id").asLong();
    Session ownerHome = owner.newSession();
    signIn(ownerHome);
    owner.read.put(HOME, newToken(home.setupCredential(), "read"));
    owner.rw.put(HOME, newToken(home.setupCredential(), "read", "write"));
    home.members.put(owner, Role.OWNER);

    away = new Ws(AWAY, "Other");
    expect(send("POST", "/api/v1/workspaces", json("id", AWAY, "name", away.name), home.setupCredential()), 201);
    away.setup = newToken(Credential.session(ownerHome, AWAY), "read", "write");
    owner.rw.put(AWAY, newToken(away.setupCredential(), "read", "write"));
    Session ownerAway = owner.newSession();
    signIn(ownerAway);
    away.members.put(owner, Role.OWNER);

    Map<Role, Person> people = new LinkedHashMap<>();
    people.put(Role.OWNER, owner);
    for (Role role : List.of(Role.ADMIN, Role.EDITOR, Role.VIEWER)) {
      people.put(role, join(home, role.wire(), role));
    }
    home.bystander = join(home, "bystander", Role.VIEWER);
    away.bystander = join(away, "outsider", Role.VIEWER);

    for (Ws ws : List.of(home, away)) {
      ws.monitor = "probe-" + ws.id;
      ws.channel = "hook-" + ws.id;
      ws.window = "window-" + ws.id;
      Response monitor = send("POST", "/api/v1/monitors", monitorBody(ws.monitor), ws.setupCredential());
      if (monitor.status() != 201) { // not fatal: the monitor cases of this workspace then show what it costs
        FIXTURE_PROBLEMS.add("POST /api/v1/monitors in workspace " + ws.id + " (the fixture's monitor "
            + ws.monitor + "): expected 201, got " + monitor);
      }
      expect(send("POST", "/api/v1/channels", channelBody(ws.channel), ws.setupCredential()), 201);
      expect(send("POST", "/api/v1/maintenance", windowBody(ws.window), ws.setupCredential()), 201);
      expect(send("POST", "/api/v1/channels/" + ws.channel + "/test", null, ws.setupCredential()), 200);
      ws.statusPage = "page-" + ws.id;
      expect(send("POST", "/api/v1/status-pages", statusPageBody(ws.statusPage, ws.monitor), ws.setupCredential()), 201);
      ws.incident = expect(send("POST", "/api/v1/status-pages/" + ws.statusPage + "/incidents", incidentBody(),
          ws.setupCredential()), 201).json().get("id").asLong();
      JsonNode log = expect(send("GET", "/api/v1/notifications", null, ws.setupCredential()), 200).json();
      assertThat(log.get("count").asInt()).as("the test send is in %s's delivery log", ws.id).isPositive();
      ws.notification = log.at("/notifications/0/id").asLong();
    }
    String pingUrl = expect(send("POST", "/api/v1/monitors", json("id", "beat", "name", "Beat", "type", "heartbeat",
        "period", "1h", "grace", "5m"), home.setupCredential()), 201).json().get("ping-url").asText();
    pingToken = pingUrl.substring(pingUrl.lastIndexOf('/') + 1);

    CALLERS.add(new Caller("anonymous", Kind.ANONYMOUS, null, null, HOME, null, null));
    CALLERS.add(new Caller("garbage token", Kind.GARBAGE_TOKEN, null, null, HOME, null, null));
    CALLERS.add(new Caller("unknown token", Kind.UNKNOWN_TOKEN, null, null, HOME, null, null));
    people.forEach((role, p) -> {
      Session s = p.sessions.get(0);
      CALLERS.add(new Caller(p.label + " read token", Kind.READ_TOKEN, role, p, HOME, null, null));
      CALLERS.add(new Caller(p.label + " read+write token", Kind.RW_TOKEN, role, p, HOME, null, null));
      CALLERS.add(new Caller(p.label + " session", Kind.SESSION, role, p, HOME, s, null));
      CALLERS.add(new Caller(p.label + " session without CSRF", Kind.SESSION_NO_CSRF, role, p, HOME, s, null));
    });
    decoy = people.get(Role.ADMIN).sessions.get(0);
    CALLERS.add(new Caller("owner session with the admin's CSRF token", Kind.SESSION_WRONG_CSRF, Role.OWNER, owner,
        HOME, ownerHome, null));
    CALLERS.add(new Caller("owner token of workspace other", Kind.RW_TOKEN, Role.OWNER, owner, AWAY, null, null));
    CALLERS.add(new Caller("owner session picking workspace other", Kind.SESSION, Role.OWNER, owner, AWAY, ownerAway,
        AWAY));
    CALLERS.add(new Caller("owner token of default picking workspace other", Kind.RW_TOKEN, Role.OWNER, owner, HOME,
        null, AWAY));
    Person viewer = people.get(Role.VIEWER);
    CALLERS.add(new Caller("viewer session picking workspace other (not a member)", Kind.SESSION, Role.VIEWER, viewer,
        HOME, viewer.sessions.get(0), AWAY));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Invites {@code label}@pingbase.test as {@code role}; they accept (signed in) and make a read and a read+write token. */
  static Person join(Ws ws, String label, Role role) {
    Person p = new Person(label, label + "@pingbase.test", "password of " + label + " #0");
    String token = invite(ws, p.email, role).get("token").asText();
    Response accepted = expect(send("POST", "/api/v1/invitations/accept", json("token", token, "name", label,
        "password", p.password), Credential.NONE), 200);
    p.id = accepted.json().at("/user/id").asLong();
    Session s = p.newSession();
    s.from(accepted);
    Credential signedIn = Credential.session(s, null);
    p.read.put(ws.id, newToken(signedIn, "read"));
    p.rw.put(ws.id, newToken(signedIn, "read", "write"));
    ws.members.put(p, role);
    return p;
  }

  static JsonNode invite(Ws ws, String email, Role role) {
    return expect(send("POST", "/api/v1/invitations", json("email", email, "role", role.wire()), ws.setupCredential()),
        201).json();
  }

  static String newToken(Credential as, String... scopes) {
    return expect(send("POST", "/api/v1/tokens", json("name", fresh("fixture"), "scopes", List.of(scopes)), as), 201)
        .json().get("token").asText();
  }

  static void signIn(Session s) {
    Response r = expect(send("POST", "/api/v1/auth/login", json("email", s.person.email, "password",
        s.person.password), Credential.NONE), 200);
    s.from(r);
  }

  static void signInAgain(Person p) {
    p.sessions.forEach(AuthorizationMatrixTest::signIn);
  }

  /** Puts memberships and roles back as the fixture has them: a removed member is invited again and accepts. */
  static void restoreMembers() {
    for (Ws ws : List.of(home, away)) {
      Map<Long, String> roles = new HashMap<>();
      for (JsonNode m : expect(send("GET", "/api/v1/members", null, ws.setupCredential()), 200).json().get("members")) {
        roles.put(m.get("user-id").asLong(), m.get("role").asText());
      }
      ws.members.forEach((p, role) -> {
        String now = roles.get(p.id);
        if (now == null) {
          String token = invite(ws, p.email, role).get("token").asText();
          Response accepted = expect(send("POST", "/api/v1/invitations/accept", json("token", token, "password",
              p.password), Credential.NONE), 200);
          if (ws == home && !p.sessions.isEmpty()) {
            p.sessions.get(0).from(accepted); // its session moved out of the workspace it left
          }
        } else if (!now.equals(role.wire())) {
          expect(send("PUT", "/api/v1/members/" + p.id, json("role", role.wire()), ws.setupCredential()), 200);
        }
      });
    }
  }

  static void remove(Ws ws, String path) {
    send("DELETE", path, null, ws.setupCredential());
  }

  static Response send(String method, String path, String body, Credential as) {
    HttpRequest.Builder b = server.request(method, path, body);
    as.apply(b);
    return server.sendAnonymous(b);
  }

  static Response sendForm(String method, String path, String form, Credential as) {
    HttpRequest.Builder b = server.request(method, path, null).header("Content-Type",
        "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
    as.apply(b);
    return server.sendAnonymous(b);
  }

  /** Only the status (and headers) of an endless answer; the connection is closed after them. */
  static Response status(String method, String path, Credential as) {
    HttpRequest.Builder b = server.request(method, path, null).timeout(java.time.Duration.ofSeconds(10));
    as.apply(b);
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<java.io.InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      r.body().close();
      return new Response(r.statusCode(), r.headers(), "");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Response expect(Response r, int status) {
    if (r.status() != status) {
      throw new AssertionError("fixture request: expected " + status + ", got " + r);
    }
    return r;
  }

  // ---- the tests

  /** The live server's "METHOD /path" list (the same WebServer.routes() the OpenAPI test reads). */
  static List<String> routes() throws Exception {
    for (Field f : PingBase.class.getDeclaredFields()) {
      if (f.getType() == WebServer.class) {
        f.setAccessible(true);
        return ((WebServer) f.get(server.app())).routes();
      }
    }
    throw new AssertionError("PingBase holds no WebServer");
  }

  @Test
  void everyRouteIsInTheMatrix() throws Exception {
    Set<String> routes = new TreeSet<>(routes());
    Set<String> rows = new TreeSet<>();
    table().stream().filter(s -> !s.mirror).forEach(s -> rows.add(s.route()));
    assertThat(routes).isNotEmpty();
    Set<String> missing = new TreeSet<>(routes);
    missing.removeAll(rows);
    Set<String> stale = new TreeSet<>(rows);
    stale.removeAll(routes);
    assertThat(missing).as("routes without a row in AuthorizationMatrixTest.table(): who may call them?").isEmpty();
    assertThat(stale).as("rows of AuthorizationMatrixTest.table() for routes the server does not have").isEmpty();
  }

  @Test
  void everyCallerGetsExactlyTheStatusTheRulesGive() throws Exception {
    long started = System.nanoTime();
    List<Spec> table = table();
    List<String> problems = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    int cases = 0;
    Set<String> routes = new TreeSet<>(routes());
    table.forEach(spec -> routes.remove(spec.route()));
    routes.forEach(route -> problems.add(route + ": a route without a row in the table"));
    for (Spec spec : table) {
      for (Caller who : CALLERS) {
        if (who.kind().forged() && spec.safe()) {
          continue; // the CSRF token is only asked of changes
        }
        for (Target target : spec.targets) {
          cases++;
          String problem = run(new Case(spec, who, target), statuses);
          if (problem != null) {
            problems.add(problem);
          }
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("authorization matrix: %d cases (%d rows: every route, and HEAD beside GET; %d callers) in %.1f s;"
        + " statuses %s; %d mismatch(es)%n", cases, table.size(), CALLERS.size(), seconds, statuses, problems.size());
    FIXTURE_PROBLEMS.forEach(p -> System.out.println("  FIXTURE " + p));
    problems.forEach(p -> System.out.println("  MISMATCH " + p));
    assertThat(FIXTURE_PROBLEMS).as("what the fixture could not build through the API").isEmpty();
    assertThat(problems).as("cases whose status differs from the rules").isEmpty();
  }

  private static final Pattern PARAM = Pattern.compile("\\{([a-z]+)}");

  /** Runs one case; a description of what went wrong, or null. */
  static String run(Case c, Map<Integer, Integer> statuses) {
    Spec s = c.spec();
    Prepared p;
    try {
      p = s.prep.apply(c);
    } catch (RuntimeException | AssertionError e) {
      return c.label() + ": preparing the case failed: " + e.getMessage();
    }
    StringBuilder path = new StringBuilder();
    Matcher m = PARAM.matcher(s.path);
    while (m.find()) {
      String value = p.params.get(m.group(1));
      if (value == null) {
        return c.label() + ": the table gives no value for {" + m.group(1) + "}";
      }
      m.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    m.appendTail(path);
    Credential as = p.as != null ? p.as : c.who().credential();
    Response r = s.stream ? status(s.method, path.toString(), as)
        : p.form != null ? sendForm(s.method, path.toString(), p.form, as)
        : send(s.method, path.toString(), p.body, as);
    statuses.merge(r.status(), 1, Integer::sum);
    String problem = null;
    int want = expected(c);
    if (r.status() != want) {
      problem = c.label() + ": expected " + want + ", got " + r;
    } else if (s.says != null && !r.body().contains(s.says)) {
      problem = c.label() + ": expected the handler's " + want + " (\"" + s.says + "\"), got " + r;
    } else if (want < 300 && !s.mirror) {
      String wrong = s.check.apply(c, r);
      problem = wrong == null ? null : c.label() + ": " + wrong;
    }
    try {
      p.after.forEach(a -> a.accept(r));
    } catch (RuntimeException | AssertionError e) {
      String cleanup = c.label() + ": putting the fixture back failed: " + e.getMessage();
      problem = problem == null ? cleanup : problem + "\n    and " + cleanup;
    }
    return problem;
  }
}
