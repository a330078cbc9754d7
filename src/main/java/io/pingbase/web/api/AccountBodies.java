package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pingbase.account.AccountStore;
import io.pingbase.account.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Request bodies of the account endpoints: known keys only, each of the right type, every problem
 * reported at once (like monitors). Bodies that carry credentials must be declared JSON: a page on
 * another site can send a form or a typeless body without asking, but not one declared
 * {@code application/json}.
 */
final class AccountBodies {
  private final ObjectNode body;
  private final List<ApiException.FieldError> errors = new ArrayList<>();

  private AccountBodies(ObjectNode body, Set<String> allowed) {
    this.body = body;
    body.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        errors.add(new ApiException.FieldError(k, "unknown key; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
      }
    });
  }

  static AccountBodies read(Context ctx, ObjectMapper json, String what, Set<String> allowed) {
    String type = ctx.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "Content-Type must be application/json for " + what);
    }
    return new AccountBodies((ObjectNode) JsonBody.read(ctx, json, what), allowed);
  }

  /** Text, or null when absent (reported when {@code required}). */
  String text(String key, boolean required, int max) {
    JsonNode n = body.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        errors.add(new ApiException.FieldError(key, "is required"));
      }
      return null;
    }
    if (!n.isTextual()) {
      errors.add(new ApiException.FieldError(key, "must be text"));
      return null;
    }
    if (n.asText().length() > max) {
      errors.add(new ApiException.FieldError(key, "must be at most " + max + " characters"));
      return null;
    }
    return n.asText();
  }

  Role role(String key, Role fallback) {
    String s = text(key, false, 20);
    if (s == null) {
      return fallback;
    }
    for (Role r : Role.values()) {
      if (r.wire().equals(s)) {
        return r;
      }
    }
    errors.add(new ApiException.FieldError(key, "must be one of owner, admin, editor, viewer, was " + Params.quote(s)));
    return fallback;
  }

  boolean flag(String key, boolean fallback) {
    JsonNode n = body.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      errors.add(new ApiException.FieldError(key, "must be true or false"));
      return fallback;
    }
    return n.asBoolean();
  }

  JsonNode node(String key) {
    return body.get(key);
  }

  void error(String key, String message) {
    errors.add(new ApiException.FieldError(key, message));
  }

  /** Throws the 400 listing every problem found so far. */
  void done() {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }

  static ObjectNode user(ObjectMapper json, AccountStore.User u) {
    ObjectNode n = json.createObjectNode();
    n.put("id", u.id());
    n.put("email", u.email());
    n.put("name", u.name());
    n.put("two-factor", u.totpSecret() != null);
    Views.putInstant(n, "created", u.created());
    return n;
  }
}
