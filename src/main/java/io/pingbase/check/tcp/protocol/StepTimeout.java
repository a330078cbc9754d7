package io.pingbase.check.tcp.protocol;

import java.net.SocketTimeoutException;

/** The check's deadline passed while a protocol step was waiting for the server. */
public final class StepTimeout extends SocketTimeoutException {
  public StepTimeout(String message) {
    super(message);
  }
}
