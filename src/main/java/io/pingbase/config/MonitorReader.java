package io.pingbase.config;

import io.pingbase.check.Target;
import io.pingbase.monitor.AlertRoute;
import io.pingbase.monitor.ConfirmationPolicy;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.MonitorSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one monitor definition, from an item of the file's {@code monitors} list or from a JSON
 * body sent to the REST API, with the same keys and messages. {@link MonitorWriter} writes the
 * same keys back.
 *
 * <p>Adding a protocol: a {@link Target} record and a {@link TargetFormat} listed in
 * {@link TargetFormats}; this class reads the keys every type shares.
 */
public final class MonitorReader {
  static final List<String> COMMON_KEYS =
      List.of("id", "name", "type", "interval", "timeout", "degraded-after", "group", "confirmation", "alerts");
  /** The keys of each monitor type; the key set is also the list of supported types. */
  static final Map<String, List<String>> TYPE_KEYS = typeKeys();
  static final List<String> CONFIRMATION_KEYS = List.of("rechecks", "spacing");

  private MonitorReader() {}

  private static Map<String, List<String>> typeKeys() {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    TargetFormats.ALL.forEach(f -> keys.put(f.type(), f.keys()));
    return Collections.unmodifiableMap(keys); // ordered, for stable messages
  }

  /** The monitor types PingBase can check today, for messages and the API. */
  public static Set<String> types() {
    return TYPE_KEYS.keySet();
  }

  /**
   * Reads a monitor sent to the API. Error paths are relative to the object ({@code port},
   * {@code confirmation.rechecks}) and carry no file position.
   *
   * @param defaults the running config's defaults, so API monitors get the same ones as the file's
   * @throws ConfigException with every error found
   */
  public static Monitor read(ConfigNode node, MonitorDefaults defaults, MonitorSource source) throws ConfigException {
    Problems problems = new Problems(null);
    Read read = read(node, "", defaults, source, problems);
    problems.throwIfAny();
    return read.monitor(); // no problems: the node was a map and the monitor was built
  }

  /**
   * A monitor and where its id came from, so that duplicate ids are found even among monitors
   * with other errors.
   *
   * @param monitor    null when anything was wrong
   * @param id         null when neither a valid id nor a name was given
   * @param idLocation where the id (or, when derived, the name) was written
   */
  record Read(Monitor monitor, String id, Location idLocation, boolean idWritten) {}

  /** Reads one monitor, reporting into {@code problems}; null when the node is not even a map. */
  static Read read(ConfigNode node, String path, MonitorDefaults defaults, MonitorSource source, Problems problems) {
    MapReader r = MapReader.of(node, path, problems, "a map with at least name, type and the target's keys");
    if (r == null) {
      return null;
    }
    String type = r.requiredText("type");
    List<String> targetKeys = type == null ? null : TYPE_KEYS.get(type);
    if (type != null && targetKeys == null) {
      r.error("type", "unknown monitor type " + Nodes.quote(type) + Suggestions.hint(type, types())
          + " (supported: " + String.join(", ", types()) + ")");
    }
    List<String> allowed = new ArrayList<>(COMMON_KEYS);
    if (targetKeys != null) {
      allowed.addAll(targetKeys);
      r.allowOnly(allowed, key -> otherTypeKey(key, type));
    } else {
      TYPE_KEYS.values().forEach(allowed::addAll); // type unknown: cannot tell which keys belong
      r.allowOnly(allowed);
    }

    if ("heartbeat".equals(type)) { // passive: its own defaults, see HeartbeatFormat.defaults
      defaults = HeartbeatFormat.defaults(defaults);
    }
    String name = r.requiredText("name");
    if (name != null && name.length() > Monitor.MAX_NAME_LENGTH) {
      r.error("name", "must be at most " + Monitor.MAX_NAME_LENGTH + " characters, was " + name.length());
      name = null;
    }
    if (name != null && displayTextProblem(name) != null) {
      r.error("name", displayTextProblem(name));
      name = null;
    }
    String id = r.nonBlank("id", null);
    if (id != null && !Monitor.isValidId(id)) {
      r.error("id", "must be 1-" + Monitor.MAX_ID_LENGTH + " characters of a-z, 0-9, '.', '_' and '-', "
          + "starting with a letter or digit, was " + Nodes.quote(id));
      id = null;
    }
    boolean idWritten = r.has("id");
    if (!idWritten && name != null) {
      id = Monitor.slug(name);
    }

    Duration interval = r.duration("interval", Monitor.MIN_INTERVAL, defaults.interval());
    Duration timeout = timeout(r, interval, defaults);
    Duration degradedAfter = degradedAfter(r, timeout);
    String group = r.nonBlank("group", null);
    if (group != null && group.length() > Monitor.MAX_NAME_LENGTH) {
      r.error("group", "must be at most " + Monitor.MAX_NAME_LENGTH + " characters, was " + group.length());
    } else if (group != null && displayTextProblem(group) != null) {
      r.error("group", displayTextProblem(group));
    }
    ConfirmationPolicy confirmation = confirmation(r, defaults.confirmation());
    Target target = targetKeys == null ? null : target(type, r);
    AlertRoute alerts = AlertingReader.route(r);

    Monitor monitor = r.clean() && id != null
        ? new Monitor(id, name, target, interval, timeout, degradedAfter, group, confirmation, source, alerts)
        : null;
    return new Read(monitor, id, r.locationOf(idWritten ? "id" : "name"), idWritten);
  }

  /**
   * What is wrong with a display text (name, group), or null. Control characters break log lines
   * and terminals, and PostgreSQL refuses NUL in text; half a surrogate pair (possible in JSON as
   * {@code "\ud800"}) cannot be encoded as UTF-8 and would be stored as "?".
   */
  static String displayTextProblem(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (Character.isISOControl(c)) {
        return String.format(java.util.Locale.ROOT, "must not contain control characters, found U+%04X at position %d", c, i);
      }
      if (Character.getType(c) == Character.SURROGATE) { // codePointAt returns a lone surrogate as itself
        return "must be valid Unicode text, found an unpaired surrogate at position " + i;
      }
      i += Character.charCount(c);
    }
    return null;
  }

  private static Duration timeout(MapReader r, Duration interval, MonitorDefaults defaults) {
    if (!r.has("timeout")) {
      return interval == null ? null : defaults.timeoutFor(interval);
    }
    Duration timeout = r.duration("timeout", Duration.ofMillis(1), null);
    if (timeout != null && interval != null && timeout.compareTo(interval) > 0) {
      r.error("timeout", "must not be longer than the interval (" + Durations.format(interval) + "), was "
          + Durations.format(timeout));
      return null;
    }
    return timeout;
  }

  private static Duration degradedAfter(MapReader r, Duration timeout) {
    Duration degradedAfter = r.duration("degraded-after", Duration.ofMillis(1), null);
    if (degradedAfter != null && timeout != null && degradedAfter.compareTo(timeout) >= 0) {
      String timeoutFrom = r.has("timeout") ? "" : ", the default";
      r.error("degraded-after", "must be shorter than the timeout (" + Durations.format(timeout) + timeoutFrom
          + "), was " + Durations.format(degradedAfter));
      return null;
    }
    return degradedAfter;
  }

  /** The {@code confirmation} map of a monitor or of the defaults; each key falls back separately. */
  static ConfirmationPolicy confirmation(MapReader monitor, ConfirmationPolicy defaults) {
    MapReader r = monitor.section("confirmation", "a map with rechecks and spacing");
    if (r == null) {
      return null;
    }
    r.allowOnly(CONFIRMATION_KEYS);
    Integer rechecks = r.integer("rechecks", 0, ConfirmationPolicy.MAX_RECHECKS, defaults.rechecks());
    Duration spacing = r.duration("spacing", defaults.spacing());
    return r.clean() ? new ConfirmationPolicy(rechecks, spacing) : null;
  }

  private static Target target(String type, MapReader r) {
    return TargetFormats.of(type).read(r);
  }

  private static String otherTypeKey(String key, String type) {
    List<String> owners = TYPE_KEYS.entrySet().stream()
        .filter(e -> e.getValue().contains(key)).map(Map.Entry::getKey).toList();
    return owners.isEmpty() ? null
        : "not a key of type " + type + " (it belongs to type " + String.join(", ", owners) + ")";
  }
}
