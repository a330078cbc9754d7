package io.pingbase.alert;

import io.pingbase.alert.channel.ChannelKind;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured channel: a name monitors refer to, its type's settings, and which notifications
 * it wants.
 *
 * @param name      unique; what monitors and groups list under {@code alerts.channels}
 * @param kind      its type
 * @param settings  the type's settings record, as {@code kind} read it
 * @param on        the kinds of notification it wants; all when empty (test notifications always pass)
 * @param isDefault notified about monitors whose own and group's {@code alerts} name no channel
 * @param written   the keys as written, for showing the channel back with secrets masked
 */
public record ChannelSpec(
    String name,
    ChannelKind<?> kind,
    Object settings,
    Set<Notification.Kind> on,
    boolean isDefault,
    Map<String, Object> written) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public ChannelSpec {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("invalid channel name: " + name);
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(settings, "settings");
    on = Set.copyOf(on);
    written = written == null ? Map.of() : written;
  }

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
