package io.pingbase.check.tcp.protocol;

/** The server answered, but not in its protocol; the message says what was expected and received. */
public final class ProtocolMismatch extends Exception {
  public ProtocolMismatch(String message) {
    super(message, null, false, false);
  }
}
