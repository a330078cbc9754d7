package io.pingbase.alert.channel;

import java.time.Duration;

/** What one delivery attempt gave. The delivery log keeps it; the sender acts on it. */
public sealed interface Delivery {

  /** Short text for the delivery log ("HTTP 200", "250 OK"). */
  String summary();

  /** Accepted by the receiver. */
  record Delivered(String summary) implements Delivery {}

  /**
   * Not delivered now, may work later: a timeout, a 5xx, a 429.
   *
   * @param retryAfter what the receiver asked for (Retry-After), or null to use the backoff
   */
  record Retry(String summary, Duration retryAfter) implements Delivery {}

  /** Will not work by retrying: a 4xx other than 429, a rejected address, bad credentials. */
  record Rejected(String summary) implements Delivery {}
}
