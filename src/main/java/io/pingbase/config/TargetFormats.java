package io.pingbase.config;

import io.pingbase.check.Target;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every monitor type PingBase reads and writes. Adding a type: a {@link Target} record, a
 * {@link TargetFormat} class, and one line here ({@code TargetFormatsTest} fails until every
 * target record has a format).
 */
final class TargetFormats {
  /** In the order types are listed in messages. */
  static final List<TargetFormat<?>> ALL = List.of(
      new TcpFormat(),
      new HttpFormat(),
      new TlsFormat(),
      new DnsFormat(),
      new HeartbeatFormat()
  );

  private static final Map<String, TargetFormat<?>> BY_TYPE = byType();

  private TargetFormats() {}

  private static Map<String, TargetFormat<?>> byType() {
    Map<String, TargetFormat<?>> m = new LinkedHashMap<>();
    for (TargetFormat<?> f : ALL) {
      if (m.put(f.type(), f) != null) {
        throw new IllegalStateException("two formats for type " + f.type());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** The format of a {@code type:} value, or null for an unknown type. */
  static TargetFormat<?> of(String type) {
    return BY_TYPE.get(type);
  }

  /** Writes a target's keys with its type's format. */
  static void write(Target target, Map<String, Object> out) {
    for (TargetFormat<?> f : ALL) {
      if (f.targetClass().isInstance(target)) {
        writeAs(f, target, out);
        return;
      }
    }
    throw new IllegalStateException("no format for target " + target.getClass().getName());
  }

  private static <T extends Target> void writeAs(TargetFormat<T> f, Target target, Map<String, Object> out) {
    f.write(f.targetClass().cast(target), out);
  }
}
