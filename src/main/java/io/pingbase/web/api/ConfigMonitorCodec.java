package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.config.ConfigError;
import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigNode;
import io.pingbase.config.MonitorDefaults;
import io.pingbase.config.MonitorReader;
import io.pingbase.config.MonitorWriter;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.util.List;
import java.util.function.Supplier;

/** API monitors read and written by the config package's reader and writer: one set of keys and rules. */
public final class ConfigMonitorCodec implements MonitorCodec {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  /**
   * Runtime fields the API adds beside the definition. Ignored on input, so that a monitor read
   * from the API can be sent back as it is.
   */
  static final java.util.Set<String> READ_ONLY_KEYS =
      java.util.Set.of("source", "status", "paused", "since", "confirming", "last-check",
          "ping-url" /* heartbeat */, "secrets-set" /* http */);
  private final Supplier<MonitorDefaults> defaults;

  /** @param defaults the running config's defaults, read at each request so a reload applies */
  public ConfigMonitorCodec(Supplier<MonitorDefaults> defaults) {
    this.defaults = defaults;
  }

  @Override
  public Monitor read(JsonNode body, String pathId) {
    if (READ_ONLY_KEYS.stream().anyMatch(body::has)) {
      ObjectNode copy = ((ObjectNode) body).deepCopy();
      copy.remove(READ_ONLY_KEYS);
      body = copy;
    }
    if (pathId != null) {
      JsonNode id = body.get("id");
      if (id == null || id.isNull()) {
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.put("id", pathId);
        body = copy;
      } else if (!id.isTextual() || !id.asText().equals(pathId)) {
        throw ApiException.invalid(List.of(new ApiException.FieldError("id",
            "must match the id in the URL ('" + pathId + "'); ids cannot be changed, was " + id)));
      }
    }
    try {
      return MonitorReader.read(ConfigNode.fromJson(body), defaults.get(), MonitorSource.API);
    } catch (ConfigException e) {
      List<ApiException.FieldError> errors = e.errors().stream()
          .map((ConfigError err) -> new ApiException.FieldError(err.path().isEmpty() ? "(body)" : err.path(), err.message()))
          .toList();
      throw ApiException.invalid(errors);
    }
  }

  @Override
  public ObjectNode write(Monitor monitor) {
    return PLAIN.valueToTree(MonitorWriter.toMap(monitor));
  }
}
