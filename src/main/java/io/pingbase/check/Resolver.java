package io.pingbase.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Turns a host name into addresses within a deadline. Shared by every protocol. */
public interface Resolver {

  /**
   * @return at least one address, in the order a client would try them
   * @throws UnknownHostException the name does not resolve
   * @throws TimeoutException     the answer did not come within {@code timeout}
   */
  InetAddress[] resolve(String host, Duration timeout) throws UnknownHostException, TimeoutException;
}
