package io.pingbase.check;

/**
 * Where the time of one check went, in microseconds, the way blackbox_exporter reports phases.
 * {@link #ABSENT} (-1) marks a phase that did not happen (a literal IP needs no DNS; a TCP check
 * has no TLS) or was not reached (connect never finished).
 */
public record Phases(long dnsMicros, long connectMicros, long tlsMicros, long firstByteMicros, long transferMicros) {
  public static final long ABSENT = -1;
  public static final Phases NONE = new Phases(ABSENT, ABSENT, ABSENT, ABSENT, ABSENT);

  public static Phases tcp(long dnsMicros, long connectMicros) {
    return new Phases(dnsMicros, connectMicros, ABSENT, ABSENT, ABSENT);
  }
}
