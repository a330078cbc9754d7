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
 * A JSON request body read key by key: known keys only, each of the right type, every problem
 * reported at once (like monitors), nested objects reported under their path
 * ({@code sections[1].group}). Account bodies, which carry credentials, must be declared JSON
 * ({@link #read}): a page on another site can send a form or a typeless body without asking, but
 * not one declared {@code application/json}.
 */
final class Bodies {
  private final ObjectNode body;
  private final List<ApiException.FieldError> errors;
  /** Prefixed to the keys of this body's errors: "" at the top, "sections[1]." inside. */
  private final String path;

  private Bodies(ObjectNode body, Set<String> allowed, List<ApiException.FieldError> errors, String path) {
    this.body = body;
    this.errors = errors;
    this.path = path;
    body.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        error(k, "unknown key; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    });
  }

  /** A body already parsed (a JSON object), e.g. a page's form turned into the API's document. */
  static Bodies of(ObjectNode body, Set<String> allowed) {
    return new Bodies(body, allowed, new ArrayList<>(), "");
  }

  /** The object at {@code key[index]} of this body, its problems reported under that path with this body's. */
  Bodies nested(String key, int index, ObjectNode object, Set<String> allowed) {
    return new Bodies(object, allowed, errors, path + key + "[" + index + "].");
  }

  static Bodies read(Context ctx, ObjectMapper json, String what, Set<String> allowed) {
    String type = ctx.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "Content-Type must be application/json for " + what);
    }
    return of((ObjectNode) JsonBody.read(ctx, json, what), allowed);
  }

  /** Text, or null when absent (reported when {@code required}). */
  String text(String key, boolean required, int max) {
    JsonNode n = body.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        error(key, "is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      error(key, "must be text");
      return null;
    }
    if (n.asText().length() > max) {
      error(key, "must be at most " + max + " characters");
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
    error(key, "must be one of owner, admin, editor, viewer, was " + Params.quote(s));
    return fallback;
  }

  boolean flag(String key, boolean fallback) {
    JsonNode n = body.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      error(key, "must be true or false");
      return fallback;
    }
    return n.asBoolean();
  }

  JsonNode node(String key) {
    return body.get(key);
  }

  /**
   * Text with blanks read as absent (reported when {@code required}), stripped: for names and
   * titles people type.
   */
  String trimmed(String key, boolean required, int max) {
    JsonNode n = body.get(key);
    if (n != null && n.isTextual() && n.asText().isBlank()) {
      if (required) {
        error(key, "is required");
      }
      return null;
    }
    String s = text(key, required, max);
    return s == null ? null : s.strip();
  }

  /** One of {@code type}'s constants by its lowercase name, or {@code fallback} when absent. */
  <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    JsonNode n = body.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    List<String> names = java.util.Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    if (n.isTextual() && names.contains(n.asText())) {
      return Enum.valueOf(type, n.asText().toUpperCase(Locale.ROOT));
    }
    error(key, "must be one of " + String.join(", ", names) + "; was " + n);
    return fallback;
  }

  void error(String key, String message) {
    errors.add(new ApiException.FieldError(path + key, message));
  }

  /** How many problems were found so far, in this body and those it shares its list with. */
  int problems() {
    return errors.size();
  }

  /** Whether a problem was found at {@code key} (this body's) so far. */
  boolean failed(String key) {
    return errors.stream().anyMatch(e -> e.field().equals(path + key));
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
