package io.pingbase.config;

import io.pingbase.check.Target;
import java.util.List;
import java.util.Map;

/**
 * How one monitor type's target is written in pingbase.yml and in the REST API: its keys, how
 * they are read (with the same messages for both) and written back. One small class per type;
 * {@link TargetFormats} lists them.
 *
 * @param <T> the target record this type reads into
 */
interface TargetFormat<T extends Target> {

  /** The {@code type:} value ("tcp"). */
  String type();

  /** The target class, so a monitor's target finds its format for writing. */
  Class<T> targetClass();

  /** The keys of this type besides the common ones (id, name, interval ...), in writing order. */
  List<String> keys();

  /**
   * Reads the target's keys; reports every problem through {@code r} and returns null when any
   * key was invalid. Unknown keys are refused by the caller.
   */
  T read(MapReader r);

  /**
   * Writes the target's keys in the form {@link #read} takes back: Strings, Integers, Booleans,
   * Lists and ordered Maps of those. Optional values that are unset are left out.
   */
  void write(T target, Map<String, Object> out);
}
