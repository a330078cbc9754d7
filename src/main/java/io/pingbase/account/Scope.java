package io.pingbase.account;

/** What an API token may do, within its creator's role. Stored by {@link #wire()}. */
public enum Scope {
  /** GET and HEAD. */
  READ,
  /** Everything the role allows. */
  WRITE;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Scope ofWire(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }
}
