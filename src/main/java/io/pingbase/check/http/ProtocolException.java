package io.pingbase.check.http;

/** The server did not answer in HTTP/1.x as it must; the message says what came instead. */
final class ProtocolException extends Exception {
  ProtocolException(String message) {
    super(message, null, false, false);
  }
}
