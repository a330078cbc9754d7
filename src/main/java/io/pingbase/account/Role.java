package io.pingbase.account;

/**
 * A member's role in a workspace, from most to least powerful. Each role may do what the ones
 * after it may do. Stored by {@link #wire()}: never rename.
 */
public enum Role {
  /** Everything, including deleting the workspace and changing owners. */
  OWNER,
  /** Members, tokens, settings, the audit log; and what an editor may do. */
  ADMIN,
  /** Monitors, channels, status pages, maintenance windows; and what a viewer may do. */
  EDITOR,
  /** Reads everything of the workspace, changes nothing. */
  VIEWER;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Role ofWire(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }

  /** The less powerful of the two. */
  public Role lesser(Role other) {
    return ordinal() >= other.ordinal() ? this : other;
  }

  /** Whether this role includes {@code other}'s rights. */
  public boolean atLeast(Role other) {
    return ordinal() <= other.ordinal();
  }
}
