package io.pingbase.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A result's details to and from the {@code detail} column: a JSON object, NULL when empty. The
 * details are JSON-shaped by construction (see {@code CheckResult}), so writing cannot fail on
 * their content; integers read back as Long, which is how {@code CheckResult} keeps them.
 */
final class ResultJson {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private ResultJson() {}

  static String write(Map<String, Object> details) {
    if (details.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("result details cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Map<String, Object> read(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      // A damaged row must not make a page of results unreadable: say so in the details instead.
      return Map.of("unreadable-detail", json.length() > 200 ? json.substring(0, 200) + "..." : json);
    }
  }
}
