package io.pingbase.check.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges a response against {@link HttpExpect}; the first failed assertion is reported with what
 * was seen ({@code $.status was "DOWN", expected "UP"}). Patterns and paths are compiled once per
 * monitor. Regular expressions match anywhere in the text ({@link Matcher#find}).
 */
final class Assertions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([\\w.:-]+)");

  private final HttpExpect expect;
  private final List<Pattern> bodyPatterns = new ArrayList<>();
  private final Map<String, Pattern> headerPatterns = new LinkedHashMap<>();
  private final List<JsonPointer> pointers = new ArrayList<>();

  Assertions(HttpExpect expect) {
    this.expect = expect;
    expect.bodyMatches().forEach(r -> bodyPatterns.add(Pattern.compile(r)));
    expect.headers().forEach((name, r) -> headerPatterns.put(name, Pattern.compile(r)));
    expect.json().forEach(j -> pointers.add(JsonPath.compile(j.path())));
  }

  /** The first failed assertion as a sentence, or null when all hold. */
  String firstFailure(HttpResponse r) {
    for (Map.Entry<String, Pattern> h : headerPatterns.entrySet()) {
      List<String> values = r.headers(h.getKey());
      if (values.isEmpty()) {
        return "header " + h.getKey() + " missing, expected to match /" + h.getValue().pattern() + "/";
      }
      if (values.stream().noneMatch(v -> h.getValue().matcher(v).find())) {
        return "header " + h.getKey() + " was " + ResponseReader.printable(String.join(", ", values))
            + ", expected to match /" + h.getValue().pattern() + "/";
      }
    }
    if (!expect.needsBody()) {
      return null;
    }
    String cut = r.truncated() ? " (in the first " + r.body().length + " bytes; the rest is beyond max-body)" : "";
    String text = new String(r.body(), charset(r.header("Content-Type")));
    for (String s : expect.bodyContains()) {
      if (!text.contains(s)) {
        return "body does not contain " + quote(s) + cut;
      }
    }
    for (String s : expect.bodyNotContains()) {
      if (text.contains(s)) {
        return "body contains " + quote(s) + cut;
      }
    }
    for (Pattern p : bodyPatterns) {
      if (!p.matcher(text).find()) {
        return "body does not match /" + p.pattern() + "/" + cut;
      }
    }
    if (expect.json().isEmpty()) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return "body is not JSON" + (r.truncated() ? " (cut at max-body " + r.body().length + " bytes)" : "")
          + ": " + e.getOriginalMessage();
    }
    if (root == null) {
      return "body is empty, expected JSON";
    }
    for (int i = 0; i < pointers.size(); i++) {
      HttpExpect.Json j = expect.json().get(i);
      JsonNode node = root.at(pointers.get(i));
      boolean present = !node.isMissingNode();
      if (j.exists() != null) {
        if (j.exists() && !present) {
          return j.path() + " missing, expected to exist";
        }
        if (!j.exists() && present) {
          return j.path() + " was " + shown(node) + ", expected not to exist";
        }
        continue;
      }
      if (!present) {
        return j.path() + " missing, expected " + quote(j.equals());
      }
      if (!equal(node, j.equals())) {
        return j.path() + " was " + shown(node) + ", expected " + (node.isTextual() ? quote(j.equals()) : j.equals());
      }
    }
    return null;
  }

  /**
   * Strings compare as they are, numbers by value ({@code 5} equals {@code 5.0}), true, false
   * and null by name, objects and arrays by their compact JSON text.
   */
  static boolean equal(JsonNode node, String expected) {
    if (node.isTextual()) {
      return node.textValue().equals(expected);
    }
    if (node.isNumber()) {
      try {
        return node.decimalValue().compareTo(new BigDecimal(expected.strip())) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (node.isBoolean() || node.isNull()) {
      return node.asText().equals(expected.strip());
    }
    return node.toString().equals(expected.strip());
  }

  private static String shown(JsonNode node) {
    String s = node.toString();
    return s.length() > 100 ? s.substring(0, 97) + "..." : s;
  }

  private static String quote(String s) {
    return ResponseReader.printable(s);
  }

  static Charset charset(String contentType) {
    if (contentType != null) {
      Matcher m = CHARSET.matcher(contentType);
      if (m.find()) {
        try {
          return Charset.forName(m.group(1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          // unknown charset: read as UTF-8
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
