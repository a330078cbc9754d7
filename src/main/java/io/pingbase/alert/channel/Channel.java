package io.pingbase.alert.channel;

import io.pingbase.alert.Notification;

/**
 * Delivers notifications to one place (an email address, a Slack webhook, a PagerDuty service).
 * One implementation per kind of channel, each with its own settings record.
 *
 * <p>Contract: {@link #send} makes one attempt and never throws; it says what happened, and the
 * sender decides about retries. It returns within the channel's own timeout. It must be safe to
 * call from several threads.
 */
public interface Channel {

  /** The channel type as written in config ("webhook", "email"). */
  String type();

  /** One attempt to deliver {@code notification}. */
  Delivery send(Notification notification);

  /**
   * The longest one attempt can take (its timeout, all steps included). A claimed delivery's lease
   * outlasts it, so no other sender takes a delivery whose attempt is still under way.
   */
  default java.time.Duration longestAttempt() {
    return SettingsChecks.MAX_TIMEOUT;
  }
}
