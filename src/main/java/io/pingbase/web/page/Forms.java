package io.pingbase.web.page;

import io.javalin.http.Context;
import io.pingbase.account.AccountException;
import io.pingbase.engine.RegistryException;
import io.pingbase.maintenance.MaintenanceException;
import io.pingbase.web.api.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every HTML form handler needs: trimmed fields, safe redirects, and refusing cross-site posts. */
public final class Forms {
  private Forms() {}

  /** A form field, trimmed; null when absent or blank. Passwords are read with {@link #raw}. */
  public static String field(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** A form field exactly as sent; null when absent. */
  public static String raw(Context ctx, String name) {
    return ctx.formParam(name);
  }

  /**
   * Where to go after signing in: only a path on this server ({@code /monitors/db}), never
   * another site ({@code //evil.example}, {@code https://...}): no open redirect.
   */
  static String localPath(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || next.length() > 2000) {
      return "/";
    }
    return next;
  }

  /**
   * Refuses a form post another site's page made the browser send. The forms a visitor uses before
   * signing in (sign-in, setup, invitations) have no session and so no CSRF token; browsers say
   * where a request comes from in {@code Sec-Fetch-Site}, and only our own pages (or a person
   * typing) may post them. A client that sends no such header (curl, old browsers) is let through:
   * without a browser's cookies there is nothing to forge.
   */
  public static void requireSameSite(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw AccountException.forbidden("this form can only be sent from PingBase's own pages");
    }
  }

  /**
   * Field → message of a refusal by the API's rules, by the API's field names; what belongs to no
   * field (a plan limit, a conflict) is under {@code "(body)"}.
   */
  public static Map<String, String> errors(RuntimeException e) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (e instanceof ApiException api) {
      if (api.errors().isEmpty()) {
        errors.put("(body)", api.getMessage());
      }
      api.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
    } else if (e instanceof AccountException account) {
      errors.put(account.kind() == AccountException.Kind.INVALID && account.field() != null ? account.field() : "(body)",
          account.getMessage());
    } else if (e instanceof io.pingbase.statuspage.StatusPageException page) {
      errors.put(page.field() != null ? page.field() : "(body)", page.getMessage());
    } else {
      errors.put("(body)", e.getMessage());
    }
    return errors;
  }

  /** The status a refused form is shown again with: 400 for invalid input, else the API's own (403, 409, 429...). */
  public static int status(RuntimeException e) {
    return switch (e) {
      case ApiException api -> api.status();
      case io.pingbase.statuspage.StatusPageException page -> page.status();
      case AccountException account -> switch (account.kind()) {
        case INVALID -> 400;
        case UNAUTHENTICATED -> 401;
        case FORBIDDEN, LIMIT -> 403;
        case NOT_FOUND -> 404;
        case CONFLICT -> 409;
        case THROTTLED -> 429;
      };
      case RegistryException.NotFound n -> 404;
      case MaintenanceException.NotFound n -> 404;
      default -> 409; // a read-only or conflicting object (RegistryException, MaintenanceException)
    };
  }

  /**
   * Whether a refusal is shown in the form it answers. Something that does not exist (another
   * workspace's object, a stale link) is not a form's error: it answers with the error page.
   */
  static boolean showsInForm(RuntimeException e) {
    boolean refusal = e instanceof ApiException || e instanceof AccountException || e instanceof RegistryException
        || e instanceof MaintenanceException;
    return refusal && status(e) != 404; // anything else (the database is away) answers as the API would
  }

  /** The errors of fields a form does not show (field → message), as lines above it. */
  static java.util.List<String> otherErrors(Map<String, String> errors, java.util.function.Predicate<String> shown) {
    java.util.List<String> out = new java.util.ArrayList<>();
    errors.forEach((field, message) -> {
      if (!shown.test(field)) {
        out.add(field.equals("(body)") ? message : field + ": " + message);
      }
    });
    return out;
  }
}
