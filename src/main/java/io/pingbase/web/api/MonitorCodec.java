package io.pingbase.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pingbase.monitor.Monitor;

/** Monitor definitions to and from API JSON, with the same keys and rules as pingbase.yml. */
public interface MonitorCodec {

  /**
   * Reads a monitor definition for the API.
   *
   * @param pathId the id from the URL on update, null on create
   * @throws ApiException 400 listing every invalid field
   */
  Monitor read(JsonNode body, String pathId);

  ObjectNode write(Monitor monitor);
}
