package io.pingbase.monitor;

import io.pingbase.check.Target;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A monitor's definition: what to check, how often, and what counts as slow. Immutable; a change
 * is a new record. Runtime state (status, paused) lives elsewhere.
 *
 * @param id            stable identifier, used in URLs and to keep history across reloads; qualified by
 *                      its workspace outside the default one ({@link WorkspaceKey}: {@code acme:redis})
 * @param degradedAfter response time above which an answering target is DEGRADED; null = never
 * @param group         display group such as "Infrastructure"; null = none
 * @param alerts        who is notified, see {@link AlertRoute}; never null
 */
public record Monitor(
    String id,
    String name,
    Target target,
    Duration interval,
    Duration timeout,
    Duration degradedAfter,
    String group,
    ConfirmationPolicy confirmation,
    MonitorSource source,
    AlertRoute alerts) {

  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int MAX_ID_LENGTH = 64;
  public static final int MAX_NAME_LENGTH = 200;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_ID_LENGTH - 1) + "}");

  public Monitor {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(confirmation, "confirmation");
    Objects.requireNonNull(source, "source");
    alerts = alerts == null ? AlertRoute.NONE : alerts;
    if (!WorkspaceKey.isValidKey(id, Monitor::isValidId)) {
      throw new IllegalArgumentException("invalid monitor id: " + id);
    }
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("invalid monitor name: " + name);
    }
    if (interval == null || interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("interval must be >= 1s, was " + interval);
    }
    if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException("timeout must be >= 1ms and <= interval, was " + timeout);
    }
    if (degradedAfter != null && (degradedAfter.toMillis() < 1 || degradedAfter.compareTo(timeout) >= 0)) {
      throw new IllegalArgumentException("degraded-after must be >= 1ms and < timeout, was " + degradedAfter);
    }
  }

  /** A monitor with no alert settings of its own (the group's or the default channels apply). */
  public Monitor(String id, String name, Target target, Duration interval, Duration timeout, Duration degradedAfter,
      String group, ConfirmationPolicy confirmation, MonitorSource source) {
    this(id, name, target, interval, timeout, degradedAfter, group, confirmation, source, AlertRoute.NONE);
  }

  /** Whether {@code id} is a valid id within a workspace (not qualified). */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** A URL-safe id derived from a display name: "Postgres primary" becomes "postgres-primary". */
  public static String slug(String name) {
    String s = name.toLowerCase(java.util.Locale.ROOT);
    s = NOT_ID_CHARS.matcher(s).replaceAll("-");
    s = REPEATED_DASHES.matcher(s).replaceAll("-");
    s = LEADING_PUNCTUATION.matcher(s).replaceAll("");
    s = TRAILING_DASHES.matcher(s).replaceAll("");
    if (s.length() > MAX_ID_LENGTH) {
      s = TRAILING_DASHES.matcher(s.substring(0, MAX_ID_LENGTH)).replaceAll("");
    }
    return s.isEmpty() ? "monitor" : s;
  }

  // Compiled once: a config of 100,000 monitors slugs every name.
  private static final Pattern NOT_ID_CHARS = Pattern.compile("[^a-z0-9._-]+");
  private static final Pattern REPEATED_DASHES = Pattern.compile("-{2,}");
  private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^[-._]+");
  private static final Pattern TRAILING_DASHES = Pattern.compile("-+$");

  /**
   * This monitor with its id and channel names as keys of {@code workspace} ({@link WorkspaceKey}):
   * how the engine and alerting know a monitor its workspace's members call {@code redis}.
   * The same monitor in the default workspace.
   */
  public Monitor toKeys(String workspace) {
    return WorkspaceKey.DEFAULT.equals(workspace) ? this : rename(name -> WorkspaceKey.of(workspace, name));
  }

  /** This monitor with its id and channel names as its workspace's members write them (the inverse of {@link #toKeys}). */
  public Monitor toNames() {
    return id.indexOf(WorkspaceKey.SEPARATOR) < 0 ? this : rename(WorkspaceKey::nameOf);
  }

  private Monitor rename(java.util.function.UnaryOperator<String> f) {
    AlertRoute a = alerts;
    AlertRoute renamed = a.channels().isEmpty() && a.escalateTo().isEmpty() ? a
        : new AlertRoute(a.channels().stream().map(f).toList(), a.remindEvery(), a.escalateAfter(),
            a.escalateTo().stream().map(f).toList());
    return new Monitor(f.apply(id), name, target, interval, timeout, degradedAfter, group, confirmation, source,
        renamed);
  }

  /** The definition differs in a way that needs the schedule rebuilt (not just a rename). */
  public boolean scheduleDiffers(Monitor other) {
    return !interval.equals(other.interval) || !target.equals(other.target);
  }
}
