package io.pingbase.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.check.http.CredentialHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * The credentials in a monitor's document (as the API and pingbase.yml write it): an http
 * monitor's {@code bearer-token}, {@code basic-auth.password} and the values of
 * {@link CredentialHeaders credential headers}. The API never shows them once saved, and a
 * change that leaves one out keeps it, as for channel secrets.
 */
public final class MonitorSecrets {
  private MonitorSecrets() {}

  /**
   * Removes the credentials from {@code doc}.
   *
   * @return the dotted paths of those it removed ({@code bearer-token}, {@code basic-auth.password},
   *         {@code headers.X-Api-Key}), for {@code secrets-set}
   */
  public static List<String> hide(ObjectNode doc) {
    List<String> set = new ArrayList<>();
    if (!"http".equals(doc.path("type").asText())) {
      return set;
    }
    if (doc.remove("bearer-token") != null) {
      set.add("bearer-token");
    }
    if (doc.get("basic-auth") instanceof ObjectNode auth && auth.remove("password") != null) {
      set.add("basic-auth.password");
    }
    if (doc.get("headers") instanceof ObjectNode headers) {
      for (String name : names(headers)) {
        if (CredentialHeaders.is(name)) {
          headers.remove(name);
          set.add("headers." + name);
        }
      }
      if (headers.isEmpty()) {
        doc.remove("headers");
      }
    }
    return set;
  }

  /**
   * Gives {@code body} (a changed http monitor) the credentials of {@code stored} that it leaves
   * out: a credential absent from the body is kept; one sent as {@code null} is removed; one sent
   * as text replaces the stored one. The password is kept only while the body has
   * {@code basic-auth} (its username is shown, so leaving basic-auth out removes it).
   */
  public static void keepUnsent(ObjectNode body, ObjectNode stored) {
    if (!"http".equals(stored.path("type").asText()) || !"http".equals(body.path("type").asText())) {
      return;
    }
    if (!body.has("basic-auth")) { // switching to basic-auth drops the token
      keep(body, stored, "bearer-token");
    }
    if (body.get("basic-auth") instanceof ObjectNode auth && stored.get("basic-auth") instanceof ObjectNode old) {
      keep(auth, old, "password");
    }
    if (stored.get("headers") instanceof ObjectNode old) {
      for (String name : names(old)) {
        if (!CredentialHeaders.is(name)) {
          continue;
        }
        // Header names are case-insensitive: "authorization" sent replaces a stored "Authorization".
        String sentName = body.get("headers") instanceof ObjectNode h
            ? names(h).stream().filter(name::equalsIgnoreCase).findFirst().orElse(null) : null;
        if (sentName == null) {
          ObjectNode headers = body.get("headers") instanceof ObjectNode h ? h : body.putObject("headers");
          headers.set(name, old.get(name));
        } else if (body.get("headers").get(sentName).isNull()) {
          ((ObjectNode) body.get("headers")).remove(sentName);
        }
      }
    }
  }

  private static void keep(ObjectNode body, ObjectNode stored, String key) {
    JsonNode sent = body.get(key);
    if (sent == null && stored.hasNonNull(key)) {
      body.set(key, stored.get(key));
    } else if (sent != null && sent.isNull()) {
      body.remove(key);
    }
  }

  private static List<String> names(ObjectNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
