package io.pingbase.monitor;

import java.util.regex.Pattern;

/**
 * Keys of what belongs to a workspace: monitors, channels, maintenance windows. The engine,
 * alerting and storage know each of them by one string, unique on the server; people name them
 * within their workspace. The key joins the two: {@code acme:redis} is monitor {@code redis} of
 * workspace {@code acme}. What belongs to the {@link #DEFAULT} workspace (the config file's, and
 * everything on a single-team server) keeps its bare name, so every key written before workspaces
 * existed is still the same key. No name may contain {@code ':'}, so the split is unambiguous.
 *
 * <p>The same idea as Kubernetes' {@code namespace/name} cache keys: the core stays a map from one
 * string to one object, and only the edges (the API, the file reader) translate between a
 * workspace's names and keys. Group names are not keys: code that matches by group also compares
 * workspaces ({@link #sameWorkspace}).
 */
public final class WorkspaceKey {
  /** The workspace of the config file and of a single-team server. */
  public static final String DEFAULT = "default";
  public static final char SEPARATOR = ':';
  public static final int MAX_WORKSPACE_LENGTH = 32;
  private static final Pattern WORKSPACE = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_WORKSPACE_LENGTH - 1) + "}");

  private WorkspaceKey() {}

  /** Whether {@code id} may name a workspace: 1-32 of a-z, 0-9 and '-', starting with a letter or digit. */
  public static boolean isValidWorkspace(String id) {
    return id != null && WORKSPACE.matcher(id).matches();
  }

  /** The key of {@code name} in {@code workspace}: the bare name in the default workspace. */
  public static String of(String workspace, String name) {
    if (!isValidWorkspace(workspace)) {
      throw new IllegalArgumentException("invalid workspace id: " + workspace);
    }
    if (name == null || name.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("invalid name in workspace '" + workspace + "': " + name);
    }
    return DEFAULT.equals(workspace) ? name : workspace + SEPARATOR + name;
  }

  /** The workspace {@code key} belongs to. */
  public static String workspaceOf(String key) {
    int i = key.indexOf(SEPARATOR);
    return i < 0 ? DEFAULT : key.substring(0, i);
  }

  /** The name within its workspace. */
  public static String nameOf(String key) {
    int i = key.indexOf(SEPARATOR);
    return i < 0 ? key : key.substring(i + 1);
  }

  public static boolean inWorkspace(String key, String workspace) {
    int i = key.indexOf(SEPARATOR);
    return i < 0 ? DEFAULT.equals(workspace) : key.regionMatches(0, workspace, 0, i) && workspace.length() == i;
  }

  public static boolean sameWorkspace(String key, String otherKey) {
    return inWorkspace(key, workspaceOf(otherKey));
  }

  /**
   * Whether {@code key} is a bare name that {@code validName} accepts, or such a name qualified by
   * a valid workspace other than the default (whose names are never qualified, so each object has
   * exactly one key).
   */
  public static boolean isValidKey(String key, java.util.function.Predicate<String> validName) {
    if (key == null) {
      return false;
    }
    int i = key.indexOf(SEPARATOR);
    if (i < 0) {
      return validName.test(key);
    }
    String workspace = key.substring(0, i);
    return isValidWorkspace(workspace) && !DEFAULT.equals(workspace) && validName.test(key.substring(i + 1));
  }
}
