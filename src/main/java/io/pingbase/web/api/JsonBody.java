package io.pingbase.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading a request's JSON body the same way for every endpoint. */
final class JsonBody {
  private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate field '(.*)' for `ObjectNode`");

  private JsonBody() {}

  /**
   * The request body as a JSON object, or a 400/415 saying plainly what is wrong with it.
   *
   * @param what what the body should hold, for messages ("the monitor")
   */
  static JsonNode read(Context ctx, ObjectMapper json, String what) {
    requireJson(ctx);
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.badRequest("request body is empty; send " + what + " as a JSON object");
    }
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("request body must be a JSON object, was " + describe(node));
      }
      return node;
    } catch (StreamConstraintsException e) {
      throw ApiException.badRequest("request body exceeds the JSON limits: at most " + Json.MAX_DEPTH
          + " levels of nesting, keys of " + Json.MAX_KEY + " characters, strings of " + Json.MAX_STRING
          + " characters, numbers of " + Json.MAX_NUMBER + " digits");
    } catch (JsonProcessingException e) {
      String problem = e.getOriginalMessage();
      Matcher duplicate = DUPLICATE_KEY.matcher(problem);
      if (duplicate.find()) { // Jackson's wording names its own settings; say it plainly
        problem = "duplicate key \"" + duplicate.group(1) + "\"";
      }
      throw ApiException.badRequest("request body is not valid JSON: " + problem
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    }
  }

  /**
   * Refuses a body declared as something other than JSON (415). A form post (curl's -d without
   * a Content-Type header) would otherwise be read as JSON by accident; no header at all is taken
   * to mean JSON.
   */
  private static void requireJson(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null || type.isBlank()) {
      return;
    }
    int semicolon = type.indexOf(';');
    String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json") && !media.endsWith("+json")) {
      throw new ApiException(415, "Content-Type must be application/json, was " + Params.quote(type));
    }
  }

  private static String describe(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
