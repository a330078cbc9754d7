package io.pingbase.alert;

import io.pingbase.alert.channel.ChannelKind;
import io.pingbase.alert.channel.Template;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured channel: a name monitors refer to, its type's settings, and which notifications
 * it wants.
 *
 * @param name      unique; what monitors and groups list under {@code alerts.channels}; qualified by
 *                  its workspace outside the default one ({@link io.pingbase.monitor.WorkspaceKey})
 * @param kind      its type
 * @param settings  the type's settings record, as {@code kind} read it
 * @param on        the kinds of notification it wants; all when empty (test notifications always pass)
 * @param isDefault notified about monitors whose own and group's {@code alerts} name no channel
 * @param written   the keys as written, for showing the channel back with secrets masked
 * @param title     the channel's own title template ({@code template.title}); null for the default
 * @param message   the channel's own message template ({@code template.message}); null for the default
 */
public record ChannelSpec(
    String name,
    ChannelKind<?> kind,
    Object settings,
    Set<Notification.Kind> on,
    boolean isDefault,
    Map<String, Object> written,
    Template title,
    Template message) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public ChannelSpec {
    if (!io.pingbase.monitor.WorkspaceKey.isValidKey(name, ChannelSpec::isValidName)) {
      throw new IllegalArgumentException("invalid channel name: " + name);
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(settings, "settings");
    on = Set.copyOf(on);
    written = written == null ? Map.of() : written;
  }

  /** A channel with the default title and message. */
  public ChannelSpec(String name, ChannelKind<?> kind, Object settings, Set<Notification.Kind> on, boolean isDefault,
      Map<String, Object> written) {
    this(name, kind, settings, on, isDefault, written, null, null);
  }

  /** The same channel under another name (its key in a workspace, see {@link io.pingbase.monitor.WorkspaceKey}). */
  public ChannelSpec withName(String key) {
    return new ChannelSpec(key, kind, settings, on, isDefault, written, title, message);
  }

  /** {@code n} as this channel shows it: times in {@code zone}, its own title and message if templated. */
  public Notification present(Notification n, java.time.ZoneId zone) {
    Notification zoned = n.presented(zone, null, null);
    if (title == null && message == null) {
      return zoned;
    }
    Map<String, String> values = io.pingbase.alert.channel.Wording.values(zoned);
    return n.presented(zone, title == null ? null : title.renderText(values),
        message == null ? null : message.renderText(values));
  }

  /** Whether {@code name} is a valid channel name within a workspace (not qualified). */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public boolean wants(Notification.Kind k) {
    return k == Notification.Kind.TEST || on.isEmpty() || on.contains(k);
  }

  /** Never shows settings: they hold credentials. */
  @Override
  public String toString() {
    return "ChannelSpec[" + name + ", " + kind.type() + "]";
  }
}
