package io.pingbase.alert;

import io.pingbase.alert.channel.Delivery;
import io.pingbase.monitor.StateChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable side of alerting: state changes waiting to be turned into notifications, the
 * notifications with one delivery per channel, and every delivery attempt. A state change enters
 * it in the transaction that records the change ({@link io.pingbase.store.EventStore#append}),
 * so an alert cannot be lost between the two; {@link #route} turns it into deliveries in one
 * transaction, so it is routed once.
 */
public interface Outbox {

  /** Where a delivery stands. Stored by {@link #wire()}: never rename. */
  enum Status {
    /** Waiting for its next attempt. */
    PENDING,
    /** The channel accepted it. */
    DELIVERED,
    /** Retried until {@code give-up-after} without success. */
    FAILED,
    /** The channel refused it in a way retrying cannot fix. */
    REJECTED,
    /** Held back by a maintenance window: sent when the window ends if still relevant, else suppressed. */
    HELD,
    /** Not sent on purpose (folded into a root cause, released maintenance that no longer applies). */
    SUPPRESSED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status ofWire(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean done() {
      return this != PENDING && this != HELD;
    }
  }

  /**
   * A recorded state change not routed yet.
   *
   * @param row       the state event's row id
   * @param prevSince when the state it left began (for a recovery: since when it was down); null
   *                  when unknown
   */
  record PendingChange(long row, StateChange change, Instant prevSince) {}

  /** A delivery to create: the channel and how it starts (pending, held or suppressed with why). */
  record PlannedDelivery(String channel, Status status, String summary) {}

  /** A notification to create with its deliveries. */
  record Planned(Notification notification, List<PlannedDelivery> deliveries) {}

  /** A delivery claimed for an attempt. */
  record Due(long id, String channel, int attempts, Instant created, Notification notification) {}

  /** One attempt, as in the delivery log. */
  record Attempt(Instant at, String outcome, String summary, long durationMillis) {}

  /** One delivery with its attempts. */
  record DeliveryLog(long id, String channel, Status status, int attempts, Instant next, String summary,
      Instant done, List<Attempt> log) {}

  /** One notification with its deliveries. */
  record NotificationLog(long id, Notification notification, Instant created, List<DeliveryLog> deliveries) {}

  /** Held deliveries, with their notification, for deciding on release when maintenance ends. */
  record Held(long id, String channel, Notification notification) {}

  /** Oldest first, at most {@code limit}. */
  List<PendingChange> pendingChanges(int limit);

  /**
   * In one transaction: adds the notifications (one whose event id exists is skipped with its
   * deliveries) and clears the change's pending flag.
   */
  void route(long row, List<Planned> planned, Instant now);

  /** Adds one notification with its deliveries unless its event id exists; true when added. */
  boolean add(Planned planned, Instant now);

  /**
   * Claims pending deliveries due by {@code now}, oldest first: each is leased for
   * {@code lease} so no other sender takes it meanwhile; a sender that dies lets its lease run out
   * and the delivery is attempted again (at-least-once).
   */
  List<Due> claimDue(Instant now, Duration lease, int limit);

  /**
   * Records an attempt and where the delivery stands after it. {@code next} is the next attempt
   * for PENDING, ignored otherwise. Clears the lease.
   */
  void recordAttempt(long deliveryId, Instant at, Delivery result, long durationMillis, Status status, Instant next);

  /** Moves a pending delivery's next attempt without an attempt (the channel asked to wait). */
  void postpone(long deliveryId, Instant next);

  /**
   * The channels an incident was announced on: channels with a DOWN (escalations included) or DEGRADED notification of
   * {@code incidentKey} that was not held or suppressed. Recoveries and reminders go to these.
   */
  Set<String> channelsNotified(String incidentKey);

  /** Every held delivery. */
  List<Held> held();

  /** Sets held deliveries to pending (due now) or suppressed with a summary. */
  void release(List<Long> ids, Instant now);

  void suppress(List<Long> ids, String summary, Instant now);

  /**
   * Notifications, newest first; only one workspace's when {@code workspace} is not null (a
   * notification belongs to the workspace of its monitor's key), only one monitor's when
   * {@code monitorId} is not null.
   */
  List<NotificationLog> log(String workspace, String monitorId, int limit);

  /** Notifications of every workspace; only one monitor's when monitorId is not null. */
  default List<NotificationLog> log(String monitorId, int limit) {
    return log(null, monitorId, limit);
  }

  Optional<NotificationLog> notification(long id);

  /** Deletes notifications created before {@code before} whose deliveries are all done; returns how many. */
  int prune(Instant before);
}
