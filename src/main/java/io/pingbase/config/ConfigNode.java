package io.pingbase.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed document before it is given meaning: maps, lists, scalars and nulls, each remembering
 * where it was written when it came from a file. YAML files and JSON API bodies both become this
 * tree, so one reader validates both and reports the same messages.
 *
 * <p>Scalars keep only their text: whether {@code 5432} was quoted or came from
 * {@code ${PORT}} does not matter, the reader of each key decides what the text must look like.
 */
public sealed interface ConfigNode permits ConfigMap, ConfigList, ConfigScalar, ConfigNull {

  /**
   * The tree of a JSON document, for monitors sent to the REST API. No environment substitution
   * happens here: an API client must not be able to read the server's environment.
   */
  static ConfigNode fromJson(JsonNode json) {
    if (json == null || json.isNull() || json.isMissingNode()) {
      return new ConfigNull(null);
    }
    if (json.isObject()) {
      List<ConfigMap.Entry> entries = new ArrayList<>(json.size());
      for (Map.Entry<String, JsonNode> field : json.properties()) {
        entries.add(new ConfigMap.Entry(field.getKey(), null, fromJson(field.getValue())));
      }
      return new ConfigMap(entries, null);
    }
    if (json.isArray()) {
      List<ConfigNode> items = new ArrayList<>(json.size());
      for (JsonNode item : json) {
        items.add(fromJson(item));
      }
      return new ConfigList(items, null);
    }
    return new ConfigScalar(json.asText(), null);
  }
}
