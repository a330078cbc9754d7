package io.pingbase.web.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.pingbase.account.AccountException;
import io.pingbase.account.Authenticator;
import io.pingbase.account.LoginThrottle;
import io.pingbase.account.Passwords;
import io.pingbase.engine.LiveMonitor;
import io.pingbase.monitor.MonitorState;
import io.pingbase.statuspage.Health;
import io.pingbase.statuspage.StatusPage;
import io.pingbase.statuspage.StatusPages;
import io.pingbase.store.Uptimes;
import io.pingbase.web.api.ApiException;
import io.pingbase.web.api.Requests;
import io.pingbase.web.api.SessionCookie;
import io.pingbase.web.page.Forms;
import io.pingbase.web.page.Templates;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What readers of status pages get: the page at {@code /status/<slug>} (and at {@code /} of its
 * own domain), its JSON and Atom feed, its logo and colours, badges, and the password form of a
 * private page. All of it comes from {@link StatusPageCache} (badges excepted); a page's
 * visibility is checked on every request before anything is sent.
 */
public final class StatusPageHandlers {
  static final String COOKIE_PREFIX = "pb_status_";
  private static final Duration UNLOCKED_FOR = Duration.ofDays(30);
  private static final List<String> RANGES = List.of("24h", "7d", "30d", "90d");

  private final StatusPages pages;
  private final StatusViews views;
  private final StatusPageCache cache;
  private final Templates templates;
  private final Authenticator authenticator;
  private final LoginThrottle throttle;
  private final Uptimes uptimes;
  private final ObjectMapper json;
  private final InstantSource clock;

  public StatusPageHandlers(StatusPages pages, StatusViews views, StatusPageCache cache, Templates templates,
      Authenticator authenticator, Uptimes uptimes, ObjectMapper json, InstantSource clock) {
    this.pages = pages;
    this.views = views;
    this.cache = cache;
    this.templates = templates;
    this.authenticator = authenticator;
    this.throttle = LoginThrottle.standard(clock);
    this.uptimes = uptimes;
    this.json = json;
    this.clock = clock;
  }

  /** GET /status/{slug} */
  public void show(Context ctx) {
    serve(ctx, page(ctx), StatusPageCache.Kind.HTML);
  }

  /**
   * GET / on a status page's own domain (a filter before routing): serves the page and returns
   * true, or returns false for any other host.
   */
  public boolean showOnDomain(Context ctx) {
    String host = ctx.host();
    if (host == null) {
      return false;
    }
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    Optional<StatusPage> page = pages.byDomain(host);
    page.ifPresent(p -> serve(ctx, p, StatusPageCache.Kind.HTML));
    return page.isPresent();
  }

  /** GET /status/{slug}/status.json */
  public void json(Context ctx) {
    serve(ctx, page(ctx), StatusPageCache.Kind.JSON);
  }

  /** GET /status/{slug}/feed.atom */
  public void feed(Context ctx) {
    serve(ctx, page(ctx), StatusPageCache.Kind.FEED);
  }

  /** GET /status/{slug}/logo: the page's logo, from its data URL. */
  public void logo(Context ctx) {
    StatusPage page = page(ctx);
    requireReader(ctx, page);
    if (page.logo() == null) {
      throw new ApiException(404, "status page '" + page.slug() + "' has no logo");
    }
    Logo logo = Logo.parse(page.logo());
    ctx.res().setCharacterEncoding(null); // an image has no charset (Javalin sets UTF-8 for every answer)
    ctx.res().setContentType(logo.type());
    ctx.header("Cache-Control", cacheControl(page, 300))
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .result(logo.bytes());
  }

  /** GET /status/{slug}/style.css: the page's accent colour (a stylesheet: the page policy allows no inline style). */
  public void style(Context ctx) {
    StatusPage page = page(ctx);
    String accent = page.accent() == null ? "#2457c5" : page.accent();
    ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "public, max-age=300")
        .result(":root{--accent:" + accent + ";--on-accent:" + onAccent(accent) + "}\n");
  }

  /** White or near-black, whichever reads better on {@code hex} (WCAG relative luminance). */
  static String onAccent(String hex) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    double l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    double whiteContrast = 1.05 / (l + 0.05);
    double blackContrast = (l + 0.05) / 0.05;
    return whiteContrast >= blackContrast ? "#fff" : "#111";
  }

  /** POST /status/{slug}/unlock: the password of a password page, for a cookie that opens it. */
  public void unlock(Context ctx) {
    Forms.requireSameSite(ctx);
    StatusPage page = page(ctx);
    if (page.visibility() != StatusPage.Visibility.PASSWORD) {
      ctx.redirect("/status/" + page.slug(), io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    String pageKey = "status-page " + page.id();
    String addressKey = "status-address " + Requests.address(ctx);
    LoginThrottle.Decision d = throttle.check(pageKey, addressKey);
    if (!d.allowed()) {
      ctx.header("Retry-After", Long.toString(Math.max(1, d.retryAfter().toSeconds())));
      unlockForm(ctx, page, 429, "Too many wrong passwords; try again in " + Math.max(1, d.retryAfter().toSeconds())
          + " s.");
      return;
    }
    String password = Forms.raw(ctx, "password");
    if (password == null || password.length() > Passwords.MAX_LENGTH || !Passwords.verify(password,
        page.passwordHash())) {
      throttle.failed(pageKey, addressKey);
      unlockForm(ctx, page, 401, "That password is not right.");
      return;
    }
    throttle.succeeded(pageKey, addressKey);
    ctx.header("Set-Cookie", COOKIE_PREFIX + page.id() + "=" + unlockToken(page) + "; Path=/; Max-Age="
        + UNLOCKED_FOR.toSeconds() + "; HttpOnly; SameSite=Lax" + (Requests.secure(ctx) ? "; Secure" : ""));
    ctx.redirect(page.domain() != null && page.domain().equalsIgnoreCase(ctx.host()) ? "/" : "/status/" + page.slug(),
        io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /**
   * GET /status/{slug}/badges/monitors/{id}/{kind} and /status/{slug}/badges/groups/{group}/{kind}:
   * an SVG badge of a monitor or a group section the page shows. Kinds: status, uptime
   * ({@code ?range=24h|7d|30d|90d}, default 30d), response (monitors).
   */
  public void badge(Context ctx) {
    StatusPage page = page(ctx);
    requireReader(ctx, page);
    String kind = ctx.pathParam("kind").replaceFirst("\\.svg$", "");
    List<LiveMonitor> members;
    String name;
    if (ctx.pathParamMap().containsKey("group")) {
      String group = ctx.pathParam("group");
      StatusPage.Section section = page.sections().stream().filter(s -> group.equals(s.group())).findFirst()
          .orElseThrow(() -> new ApiException(404, "status page '" + page.slug() + "' shows no group '" + group + "'"));
      members = views.members(page, section);
      name = section.title();
    } else {
      String id = ctx.pathParam("id");
      LiveMonitor m = page.sections().stream().flatMap(s -> views.members(page, s).stream())
          .filter(l -> io.pingbase.monitor.WorkspaceKey.nameOf(l.monitor().id()).equals(id)).findFirst()
          .orElseThrow(() -> new ApiException(404, "status page '" + page.slug() + "' shows no monitor '" + id + "'"));
      members = List.of(m);
      name = StatusViews.display(m);
    }
    Instant now = clock.instant();
    String svg = switch (kind) {
      case "status" -> {
        Health h = Health.of(members.stream().map(l -> Health.of(l.status().state(), false)).toList(), List.of());
        yield Badge.svg(name, h.label().toLowerCase(Locale.ROOT), colour(h));
      }
      case "uptime" -> {
        String range = ctx.queryParam("range") == null ? "30d" : ctx.queryParam("range");
        if (!RANGES.contains(range)) {
          throw ApiException.invalidParam("range", "must be one of " + String.join(", ", RANGES) + ", was '" + range
              + "'");
        }
        Duration span = io.pingbase.config.Durations.parse(range);
        Double percent = io.pingbase.statuspage.DailyUptime.mean(members.stream()
            .map(l -> uptimes.of(l.ref(), l.monitor(), now.minus(span), now, now).percent()).toList());
        yield Badge.svg("uptime " + range, StatusViews.percent(percent), percent == null ? Badge.GREY
            : percent >= 99.9 ? Badge.GREEN : percent >= 99 ? Badge.YELLOW : percent >= 95 ? Badge.ORANGE : Badge.RED);
      }
      case "response" -> {
        if (members.size() != 1) {
          throw new ApiException(404, "response time badges are per monitor");
        }
        LiveMonitor m = members.get(0);
        var last = m.status().last();
        if (last == null || last.observed() == MonitorState.DOWN || last.result().responseMicros() < 0) {
          yield Badge.svg("response", "n/a", Badge.GREY);
        }
        long ms = Math.round(last.result().responseMicros() / 1000.0);
        boolean slow = m.monitor().degradedAfter() != null && last.result().responseMicros()
            > m.monitor().degradedAfter().toNanos() / 1000;
        yield Badge.svg("response", ms + " ms", slow ? Badge.YELLOW : Badge.BLUE);
      }
      default -> throw new ApiException(404, "no badge kind '" + kind + "' (status, uptime or response)");
    };
    ctx.contentType("image/svg+xml; charset=utf-8").header("Cache-Control", cacheControl(page, 60))
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .result(svg);
  }

  private static String colour(Health h) {
    return switch (h) {
      case OPERATIONAL -> Badge.GREEN;
      case DEGRADED, MAINTENANCE -> h == Health.DEGRADED ? Badge.YELLOW : Badge.BLUE;
      case PARTIAL_OUTAGE -> Badge.ORANGE;
      case MAJOR_OUTAGE -> Badge.RED;
      case NO_DATA -> Badge.GREY;
    };
  }

  // ---- serving from the cache

  private void serve(Context ctx, StatusPage page, StatusPageCache.Kind kind) {
    if (!mayRead(ctx, page)) {
      refuse(ctx, page, kind == StatusPageCache.Kind.HTML);
      return;
    }
    StatusPageCache.Rendered r = cache.get(page, kind, build(kind));
    ctx.header("ETag", r.etag()).header("Vary", "Accept-Encoding, Cookie")
        .header("Cache-Control", cacheControl(page, 15));
    if (kind == StatusPageCache.Kind.HTML) {
      ctx.header("Content-Security-Policy", Templates.PAGE_CSP);
    }
    ctx.contentType(r.contentType());
    String match = ctx.header("If-None-Match");
    if (match != null && match.contains(r.etag())) {
      ctx.status(304);
      return;
    }
    String encodings = ctx.header("Accept-Encoding");
    if (encodings != null && encodings.contains("gzip")) {
      ctx.header("Content-Encoding", "gzip").result(r.gzip());
    } else {
      ctx.result(r.plain());
    }
  }

  private java.util.function.Function<StatusPage, StatusPageCache.Built> build(StatusPageCache.Kind kind) {
    return page -> {
      StatusView v = views.build(page);
      return switch (kind) {
        case HTML -> new StatusPageCache.Built(templates.render("status-page.jte", Map.of("v", v, "f",
            new StatusFormat(page.zone()))), "text/html; charset=utf-8");
        case JSON -> new StatusPageCache.Built(StatusJson.write(json, v), "application/json");
        case FEED -> new StatusPageCache.Built(StatusFeed.atom(v), "application/atom+xml; charset=utf-8");
      };
    };
  }

  /** Public pages may sit in shared caches; private ones only in the reader's. */
  private static String cacheControl(StatusPage page, int seconds) {
    return page.visibility() == StatusPage.Visibility.PUBLIC ? "public, max-age=" + seconds : "private, no-cache";
  }

  // ---- who may read

  private boolean mayRead(Context ctx, StatusPage page) {
    return switch (page.visibility()) {
      case PUBLIC -> true;
      case PASSWORD -> java.security.MessageDigest.isEqual(
          unlockToken(page).getBytes(StandardCharsets.US_ASCII),
          Optional.ofNullable(ctx.cookie(COOKIE_PREFIX + page.id())).orElse("").getBytes(StandardCharsets.US_ASCII));
      case MEMBERS -> member(ctx, page);
    };
  }

  private void requireReader(Context ctx, StatusPage page) {
    if (!mayRead(ctx, page)) {
      throw AccountException.unauthenticated(page.visibility() == StatusPage.Visibility.PASSWORD
          ? "this status page needs its password" : "sign in as a member of its workspace to read this status page");
    }
  }

  private void refuse(Context ctx, StatusPage page, boolean html) {
    if (html && page.visibility() == StatusPage.Visibility.PASSWORD) {
      unlockForm(ctx, page, 401, null);
      return;
    }
    requireReader(ctx, page);
  }

  private boolean member(Context ctx, StatusPage page) {
    String cookie = ctx.cookie(SessionCookie.NAME);
    if (cookie == null) {
      return false;
    }
    try {
      return authenticator.session(cookie, page.workspace()).workspaceId() != null;
    } catch (AccountException e) {
      return false;
    }
  }

  private void unlockForm(Context ctx, StatusPage page, int status, String error) {
    Map<String, Object> p = new HashMap<>();
    p.put("page", page);
    p.put("error", error);
    String html = templates.render("status-unlock.jte", p);
    Requests.bodyWritten(ctx);
    ctx.status(status).contentType("text/html; charset=utf-8").header("Content-Security-Policy", Templates.PAGE_CSP)
        .header("Cache-Control", "no-store").result(html);
  }

  /**
   * The cookie that opens a password page: an HMAC keyed by the password's Argon2id hash (salted,
   * never sent anywhere), so it works across restarts and stops working when the password changes.
   */
  static String unlockToken(StatusPage page) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(page.passwordHash().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] d = mac.doFinal(("status-page " + page.id()).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private StatusPage page(Context ctx) {
    String slug = ctx.pathParam("slug");
    return pages.bySlug(slug).orElseThrow(() -> new ApiException(404, "no status page '"
        + (StatusPage.isValidSlug(slug) ? slug : "(invalid)") + "'"));
  }

  /** A data URL's bytes and media type. */
  record Logo(String type, byte[] bytes) {
    static Logo parse(String dataUrl) {
      int comma = dataUrl.indexOf(',');
      String type = dataUrl.substring("data:".length(), dataUrl.indexOf(';'));
      return new Logo(type, Base64.getDecoder().decode(dataUrl.substring(comma + 1)));
    }
  }
}
