package io.pingbase.config;

import io.pingbase.alert.AlertingSettings;
import io.pingbase.alert.ChannelSpec;
import io.pingbase.alert.GroupRule;
import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.ChannelKind;
import io.pingbase.alert.channel.ChannelKinds;
import io.pingbase.alert.channel.Template;
import io.pingbase.monitor.AlertRoute;
import io.pingbase.monitor.Monitor;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code channels:}, {@code groups:} and {@code alerting:} sections, and the
 * {@code alerts:} block of monitors and groups. Channel names used anywhere must be defined.
 */
public final class AlertingReader {
  static final List<String> ALERTING_KEYS = List.of("time-zone", "give-up-after");
  static final List<String> CHANNEL_COMMON_KEYS = List.of("name", "type", "on", "default", "template");
  static final List<String> TEMPLATE_KEYS = List.of("title", "message");
  static final List<String> GROUP_KEYS = List.of("name", "alerts", "depends-on");
  static final List<String> ROUTE_KEYS = List.of("channels", "remind-every", "escalate-after", "escalate-to");
  /** The values of a channel's {@code on:} list. */
  static final List<String> KINDS = List.of("down", "recovered", "degraded", "reminder");

  private AlertingReader() {}

  /** The {@code alerts:} block of a monitor or group; null after reporting. */
  static AlertRoute route(MapReader owner) {
    MapReader r = owner.section("alerts", "a map with " + String.join(", ", ROUTE_KEYS));
    if (r == null) {
      return null;
    }
    r.allowOnly(ROUTE_KEYS);
    List<String> channels = names(r, "channels");
    Duration remind = r.duration("remind-every", AlertRoute.MIN_REMINDER, null);
    Duration escalateAfter = r.duration("escalate-after", Duration.ofSeconds(1), null);
    List<String> escalateTo = names(r, "escalate-to");
    if (escalateAfter != null && escalateTo.isEmpty()) {
      r.error("escalate-after", "needs escalate-to: the channels to escalate to");
    } else if (escalateAfter == null && !escalateTo.isEmpty() && r.clean()) {
      r.error("escalate-to", "needs escalate-after: how long a monitor stays down before escalating");
    }
    return r.clean() ? new AlertRoute(channels, remind, escalateAfter, escalateTo) : null;
  }

  private static List<String> names(MapReader r, String key) {
    List<String> names = r.texts(key);
    for (String name : names) {
      if (!ChannelSpec.isValidName(name)) {
        r.error(key, "channel name " + Nodes.quote(name) + " is not valid (a-z, 0-9, '.', '_', '-')");
      }
    }
    return names;
  }

  /**
   * What the three sections hold: the settings made of the parts that are valid (use them only
   * when nothing was reported), and every channel name written, valid or not, so that references
   * to a channel with a mistake of its own are not reported a second time.
   */
  record Read(AlertingSettings settings, Set<String> channelNames) {}

  /** The three sections of the file. */
  static Read read(MapReader root) {
    MapReader a = root.section("alerting", "a map with " + String.join(", ", ALERTING_KEYS));
    ZoneId zone = ZoneId.of("UTC");
    Duration giveUpAfter = AlertingSettings.DEFAULT_GIVE_UP_AFTER;
    if (a != null) {
      a.allowOnly(ALERTING_KEYS);
      zone = zone(a, "time-zone");
      giveUpAfter = a.duration("give-up-after", Duration.ofMinutes(1), giveUpAfter);
    }
    List<ChannelSpec> channels = new ArrayList<>();
    Map<String, String> pathByName = new HashMap<>();
    ZoneId channelZone = zone == null ? ZoneId.of("UTC") : zone;
    Set<String> written = new java.util.HashSet<>();
    root.eachMapInList("channels", "a map with name, type and the type's settings", c -> {
      String attempted = c.text("name", null);
      if (attempted != null) {
        written.add(attempted);
      }
      ChannelSpec spec = channel(c, channelZone);
      if (spec != null) {
        String first = pathByName.putIfAbsent(spec.name(), c.path());
        if (first != null) {
          c.error("name", "duplicate channel name " + Nodes.quote(spec.name()) + ", also used by " + first);
        } else {
          channels.add(spec);
        }
      }
    });
    List<GroupRule> groups = new ArrayList<>();
    Map<String, String> groupPaths = new HashMap<>();
    root.eachMapInList("groups", "a map with name, alerts and depends-on", g -> {
      g.allowOnly(GROUP_KEYS);
      String name = g.requiredText("name");
      AlertRoute route = route(g);
      List<String> dependsOn = g.texts("depends-on");
      if (name != null && groupPaths.putIfAbsent(name, g.path()) != null) {
        g.error("name", "duplicate group " + Nodes.quote(name) + ", also defined by " + groupPaths.get(name));
      }
      if (g.clean()) {
        groups.add(new GroupRule(name, route, dependsOn));
      }
    });
    return new Read(new AlertingSettings(zone == null ? ZoneId.of("UTC") : zone,
        giveUpAfter == null ? AlertingSettings.DEFAULT_GIVE_UP_AFTER : giveUpAfter, channels, groups), written);
  }

  /**
   * Checks that the groups' channels are defined and that groups depend on groups that exist
   * (in {@code groups:} or as a monitor's {@code group}).
   */
  static void checkGroups(Read read, List<Monitor> monitors, Problems problems) {
    Set<String> groupNames = new java.util.HashSet<>();
    read.settings().groups().forEach(g -> groupNames.add(g.name()));
    monitors.forEach(m -> { if (m.group() != null) { groupNames.add(m.group()); } });
    for (int i = 0; i < read.settings().groups().size(); i++) {
      GroupRule g = read.settings().groups().get(i);
      checkRoute(g.alerts(), read.channelNames(), "groups[" + i + "]", null, problems);
      for (String dep : g.dependsOn()) {
        if (!groupNames.contains(dep)) {
          problems.add(null, "groups[" + i + "].depends-on", "no group named " + Nodes.quote(dep)
              + Suggestions.hint(dep, groupNames));
        } else if (dep.equals(g.name())) {
          problems.add(null, "groups[" + i + "].depends-on", "a group cannot depend on itself");
        }
      }
    }
  }

  /** Reports channel names in {@code route} that are not defined, at {@code path}.alerts. */
  static void checkRoute(AlertRoute route, Set<String> defined, String path, Location at, Problems problems) {
    unknownChannels(route, defined).forEach((key, messages) ->
        messages.forEach(message -> problems.add(at, path + "." + key, message)));
  }

  /**
   * The channel names in {@code route} that are not in {@code defined}, by the key that names them
   * ({@code alerts.channels}, {@code alerts.escalate-to}), each with its message; empty when all
   * are defined. Shared by the file and the API, so both say the same.
   */
  public static Map<String, List<String>> unknownChannels(AlertRoute route, Set<String> defined) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    addUnknown(out, "alerts.channels", route.channels(), defined);
    addUnknown(out, "alerts.escalate-to", route.escalateTo(), defined);
    return out;
  }

  private static void addUnknown(Map<String, List<String>> out, String key, List<String> names, Set<String> defined) {
    for (String name : names) {
      if (!defined.contains(name)) {
        out.computeIfAbsent(key, k -> new ArrayList<>()).add(unknownChannel(name, defined));
      }
    }
  }

  /** Names an unknown channel, with the closest defined name and the defined ones. */
  public static String unknownChannel(String name, Set<String> defined) {
    return "no channel named " + Nodes.quote(name) + Suggestions.hint(name, defined)
        + (defined.isEmpty() ? " (no channels are defined; add them under channels:)"
            : " (defined: " + String.join(", ", new java.util.TreeSet<>(defined)) + ")");
  }

  /**
   * Reads a channel sent to the API, with the same keys and messages as the file. Error paths are
   * relative to the object ({@code url}).
   *
   * @throws ConfigException with every error found
   */
  public static ChannelSpec readChannel(ConfigNode node, ZoneId zone) throws ConfigException {
    Problems problems = new Problems(null);
    MapReader r = MapReader.of(node, "", problems, "a map with name, type and the type's settings");
    ChannelSpec spec = r == null ? null : channel(r, zone);
    problems.throwIfAny();
    return spec;
  }

  /** One channel; null after reporting. */
  static ChannelSpec channel(MapReader c, ZoneId zone) {
    String name = c.requiredText("name");
    if (name != null && !ChannelSpec.isValidName(name)) {
      c.error("name", "must be 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit, was "
          + Nodes.quote(name));
    }
    String type = c.requiredText("type");
    ChannelKind<?> kind = type == null ? null : ChannelKinds.of(type);
    if (type != null && kind == null) {
      c.error("type", "unknown channel type " + Nodes.quote(type) + Suggestions.hint(type, ChannelKinds.types())
          + " (supported: " + String.join(", ", ChannelKinds.types()) + ")");
    }
    Set<Notification.Kind> on = EnumSet.noneOf(Notification.Kind.class);
    for (String k : c.texts("on")) {
      String lower = k.toLowerCase(Locale.ROOT);
      if (KINDS.contains(lower)) {
        on.add(Notification.Kind.valueOf(lower.toUpperCase(Locale.ROOT)));
      } else {
        c.error("on", "unknown notification kind " + Nodes.quote(k) + Suggestions.hint(lower, KINDS)
            + " (one of: " + String.join(", ", KINDS) + ")");
      }
    }
    Boolean isDefault = c.flag("default", false);
    Template title = null;
    Template message = null;
    MapReader t = c.section("template", "a map with title and message");
    if (t != null) {
      t.allowOnly(TEMPLATE_KEYS);
      title = template(t, "title");
      message = template(t, "message");
    }
    if (kind == null) {
      return null;
    }
    List<String> allowed = new ArrayList<>(CHANNEL_COMMON_KEYS);
    allowed.addAll(kind.keys());
    c.allowOnly(allowed);
    int before = c.problemCount();
    Object settings;
    try {
      settings = kind.read().apply(new ChannelFieldsReader(c, zone));
    } catch (IllegalArgumentException e) {
      if (c.problemCount() == before) { // a key the fields reader already reported would only be repeated here
        c.problem(e.getMessage());
      }
      return null;
    }
    if (!c.clean()) {
      return null;
    }
    Map<String, Object> written = new LinkedHashMap<>();
    for (String key : kind.keys()) {
      Object value = c.plain(key);
      if (value != null) {
        written.put(key, value);
      }
    }
    Object writtenTemplate = c.plain("template");
    if (writtenTemplate != null) {
      written.put("template", writtenTemplate);
    }
    return new ChannelSpec(name, kind, settings, on, isDefault, java.util.Collections.unmodifiableMap(written), title,
        message);
  }

  private static Template template(MapReader t, String key) {
    String text = t.nonBlank(key, null);
    if (text == null) {
      return null;
    }
    try {
      return Template.parse(text, "template." + key, false);
    } catch (IllegalArgumentException e) {
      t.error(key, e.getMessage());
      return null;
    }
  }

  private static ZoneId zone(MapReader r, String key) {
    String text = r.text(key, null);
    if (text == null) {
      return r.has(key) ? null : ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      r.error(key, "unknown time zone " + Nodes.quote(text) + "; use a region such as Europe/Berlin or UTC");
      return null;
    }
  }
}
