package io.pingbase.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pingbase.alert.channel.ChannelKind;
import io.pingbase.alert.channel.ChannelKinds;
import io.pingbase.check.http.CredentialHeaders;
import io.pingbase.store.SecretBox;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Which parts of the stored JSON documents are credentials, and their encryption on the way into
 * the database and decryption on the way out. Every other key stays readable, so the columns can
 * still be queried and diffed.
 *
 * <ul>
 *   <li>{@code channel.spec}: the values of the channel type's secret keys
 *       ({@link ChannelKind#secrets()}); in a map (a webhook's {@code headers}) every text value.
 *   <li>{@code monitor.spec} of an http monitor: {@code basic-auth.password}, {@code bearer-token},
 *       and the values of {@link CredentialHeaders credential-like headers}.
 * </ul>
 *
 * Only text values are encrypted: a number or boolean under a secret key stays as it is.
 */
final class SecretFields {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SecretBox box;

  SecretFields(SecretBox box) {
    this.box = box;
  }

  SecretBox box() {
    return box;
  }

  /** A channel document with its secret values sealed; unchanged without a key. */
  String sealChannel(String spec) {
    return box.enabled() ? transformChannel(spec, "channel", (v, what) -> box.seal(v)) : spec;
  }

  /** A stored channel document with its secret values opened (plain values pass as they are). */
  String openChannel(String name, String spec) {
    return transformChannel(spec, "channel '" + name + "'", box::open);
  }

  /** A monitor document with its credentials sealed; unchanged without a key. */
  String sealMonitor(String spec) {
    return box.enabled() ? transformMonitor(spec, "monitor", (v, what) -> box.seal(v)) : spec;
  }

  /** A stored monitor document with its credentials opened. */
  String openMonitor(String id, String spec) {
    return transformMonitor(spec, "monitor '" + id + "'", box::open);
  }

  private String transformChannel(String spec, String what, BiFunction<String, String, String> f) {
    if (spec == null || (!box.enabled() && !spec.contains(prefix()))) {
      return spec;
    }
    ObjectNode root = parse(spec);
    if (root == null) {
      return spec; // not ours to judge here: the reader reports an unreadable document
    }
    ChannelKind<?> kind = ChannelKinds.of(root.path("type").asText());
    if (kind == null) {
      return spec;
    }
    for (String secret : kind.secrets()) {
      apply(root, secret, what + " key '" + secret + "'", f);
    }
    return root.toString();
  }

  private String transformMonitor(String spec, String what, BiFunction<String, String, String> f) {
    if (spec == null || (!box.enabled() && !spec.contains(prefix()))) {
      return spec;
    }
    ObjectNode root = parse(spec);
    if (root == null || !"http".equals(root.path("type").asText())) {
      return spec;
    }
    apply(root, "bearer-token", what + " key 'bearer-token'", f);
    if (root.get("basic-auth") instanceof ObjectNode auth) {
      apply(auth, "password", what + " key 'basic-auth.password'", f);
    }
    if (root.get("headers") instanceof ObjectNode headers) {
      List<String> names = new ArrayList<>();
      headers.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (CredentialHeaders.is(name)) {
          apply(headers, name, what + " header '" + name + "'", f);
        }
      }
    }
    return root.toString();
  }

  /** Applies {@code f} to the text at {@code key}, or to every text value in the map or list there. */
  private static void apply(ObjectNode parent, String key, String what, BiFunction<String, String, String> f) {
    JsonNode v = parent.get(key);
    if (v == null) {
      return;
    }
    if (v.isTextual()) {
      parent.set(key, TextNode.valueOf(f.apply(v.asText(), what)));
    } else if (v instanceof ObjectNode map) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      map.fields().forEachRemaining(entries::add);
      for (Map.Entry<String, JsonNode> e : entries) {
        if (e.getValue().isTextual()) {
          map.set(e.getKey(), TextNode.valueOf(f.apply(e.getValue().asText(), what + " '" + e.getKey() + "'")));
        }
      }
    } else if (v instanceof ArrayNode list) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).isTextual()) {
          list.set(i, TextNode.valueOf(f.apply(list.get(i).asText(), what + "[" + i + "]")));
        }
      }
    }
  }

  private static String prefix() {
    return "\"enc:v1:";
  }

  private static ObjectNode parse(String spec) {
    try {
      return JSON.readTree(spec) instanceof ObjectNode o ? o : null;
    } catch (IOException e) {
      return null;
    }
  }
}
