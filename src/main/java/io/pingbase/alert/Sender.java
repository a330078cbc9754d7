package io.pingbase.alert;

import io.pingbase.alert.channel.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the outbox holds: claims due deliveries, sends each on a virtual thread of its
 * own, and records the attempt and what comes next.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Channels are isolated: each has its own limit of attempts in flight, so a channel that
 *       hangs until its timeout holds up only its own deliveries, never another channel's and never
 *       a check.
 *   <li>A failed attempt is retried after an exponential backoff ({@code minBackoff} doubling up
 *       to {@code maxBackoff}), or after what the receiver asked in {@code Retry-After} if that is
 *       longer. A {@code Retry-After} pauses the whole channel until then: its other deliveries
 *       wait too instead of hammering a rate-limited receiver.
 *   <li>Retries stop after {@code giveUpAfter} from the notification's creation: the delivery is
 *       FAILED. A rejection (a 4xx, bad credentials) ends at once: REJECTED.
 *   <li>At-least-once: a claim is a lease in the database. An attempt whose outcome could not be
 *       recorded (the process died) is attempted again once the lease has run out, with the same
 *       event id for the receiver to drop.
 *   <li>Many first attempts of the same kind to one channel in one round (an outage of many
 *       monitors at once) go as one digest, except to incident-keyed channels (PagerDuty,
 *       Opsgenie) where each monitor is its own incident.
 * </ul>
 */
public final class Sender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);
  /** Channel types that keep one incident per monitor: never digested. */
  private static final Set<String> PER_INCIDENT = Set.of("pagerduty", "opsgenie");

  /**
   * @param minBackoff      the wait after the first failed attempt
   * @param maxBackoff      the longest wait between attempts
   * @param lease           how long a claimed delivery is reserved for its attempt, at least; longer when
   *                        a configured channel's attempt can take longer (an email with long timeouts)
   * @param batch           deliveries claimed per round
   * @param perChannel      attempts in flight per channel
   * @param digestThreshold this many first attempts of one kind to one channel in a round become a digest
   * @param digestMax       monitors per digest at most (a chat message stays readable and within
   *                        the providers' length limits); more make several digests
   */
  public record Settings(Duration minBackoff, Duration maxBackoff, Duration lease, int batch, int perChannel,
      int digestThreshold, int digestMax) {
    public static final Settings DEFAULT =
        new Settings(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(3), 200, 4, 4, 25);

    public Settings(Duration minBackoff, Duration maxBackoff, Duration lease, int batch, int perChannel,
        int digestThreshold) {
      this(minBackoff, maxBackoff, lease, batch, perChannel, digestThreshold, 25);
    }
  }

  private final Outbox outbox;
  private final Supplier<Channels> channels;
  private final Supplier<AlertingSettings> alerting;
  private final InstantSource clock;
  private final Settings settings;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
  private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
  private final java.util.Queue<Unrecorded> unrecorded = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();

  public Sender(Outbox outbox, Supplier<Channels> channels, Supplier<AlertingSettings> alerting, InstantSource clock,
      Settings settings) {
    this.outbox = outbox;
    this.channels = channels;
    this.alerting = alerting;
    this.clock = clock;
    this.settings = settings;
  }

  public long delivered() {
    return delivered.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** Attempts in flight now. */
  public int inFlight() {
    return inFlight.size();
  }

  /** One round: claims what is due and starts its attempts; returns how many were claimed. */
  public int runOnce() {
    flushUnrecorded();
    Instant now = clock.instant();
    Channels current = channels.get();
    // The lease outlasts the longest attempt (plus a minute), so no one takes a delivery still under way.
    Duration longest = current.longestAttempt().plusMinutes(1);
    Duration lease = longest.compareTo(settings.lease()) > 0 ? longest : settings.lease();
    List<Outbox.Due> due = outbox.claimDue(now, lease, settings.batch());
    Map<String, List<Outbox.Due>> byChannel = new LinkedHashMap<>();
    for (Outbox.Due d : due) {
      if (inFlight.add(d.id())) {
        byChannel.computeIfAbsent(d.channel(), k -> new ArrayList<>()).add(d);
      }
    }
    byChannel.forEach((name, list) -> {
      var configured = current.get(name);
      if (configured.isEmpty()) {
        for (Outbox.Due d : list) {
          finish(d, new Delivery.Rejected("channel '" + name + "' is no longer configured"), 0, now);
        }
        return;
      }
      Instant paused = pausedUntil.get(name);
      if (paused != null && paused.isAfter(now)) {
        for (Outbox.Due d : list) {
          outbox.postpone(d.id(), paused);
          inFlight.remove(d.id());
        }
        return;
      }
      for (List<Outbox.Due> group : digests(configured.get(), list)) {
        workers.execute(() -> attempt(configured.get(), group));
      }
    });
    return due.size();
  }

  /** Splits a channel's round into single sends and digests of first attempts of one kind. */
  private List<List<Outbox.Due>> digests(Channels.Configured c, List<Outbox.Due> list) {
    List<List<Outbox.Due>> out = new ArrayList<>();
    if (PER_INCIDENT.contains(c.spec().kind().type())) {
      list.forEach(d -> out.add(List.of(d)));
      return out;
    }
    Map<Notification.Kind, List<Outbox.Due>> firsts = new LinkedHashMap<>();
    for (Outbox.Due d : list) {
      Notification.Kind k = d.notification().kind();
      if (d.attempts() == 0 && (k == Notification.Kind.DOWN || k == Notification.Kind.RECOVERED)
          && !d.notification().isDigest()) {
        firsts.computeIfAbsent(k, x -> new ArrayList<>()).add(d);
      } else {
        out.add(List.of(d));
      }
    }
    firsts.values().forEach(same -> {
      for (int i = 0; i < same.size(); i += settings.digestMax()) {
        List<Outbox.Due> chunk = same.subList(i, Math.min(same.size(), i + settings.digestMax()));
        if (chunk.size() >= settings.digestThreshold()) {
          out.add(chunk);
        } else {
          chunk.forEach(d -> out.add(List.of(d)));
        }
      }
    });
    return out;
  }

  private void attempt(Channels.Configured c, List<Outbox.Due> group) {
    Semaphore slot = slots.computeIfAbsent(c.spec().name(), k -> new Semaphore(settings.perChannel(), true));
    try {
      slot.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      group.forEach(d -> inFlight.remove(d.id()));
      return;
    }
    try {
      Notification n = c.spec().present(group.size() == 1 ? group.get(0).notification() : digest(group),
          alerting.get().zone());
      long start = System.nanoTime();
      Delivery result;
      try {
        result = c.channel().send(n);
      } catch (RuntimeException e) { // the contract says never; a bug in one channel must not stop the sender
        result = new Delivery.Retry("channel error: " + e, null);
        log.error("Channel '{}' threw while sending {}", c.spec().name(), n.eventId(), e);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      Instant now = clock.instant();
      for (Outbox.Due d : group) {
        finish(d, result, millis, now);
      }
      if (result instanceof Delivery.Retry r && r.retryAfter() != null) {
        pausedUntil.put(c.spec().name(), now.plus(r.retryAfter()));
      }
    } finally {
      slot.release();
    }
  }

  /** An attempt made but not recorded yet (the database was away): recorded before anything else. */
  private record Unrecorded(long id, String channel, Instant at, Delivery result, long millis, Outbox.Status status,
      Instant next) {}

  private void finish(Outbox.Due d, Delivery result, long millis, Instant now) {
    Outbox.Status status;
    Instant next = null;
    switch (result) {
      case Delivery.Delivered ok -> {
        status = Outbox.Status.DELIVERED;
        delivered.incrementAndGet();
      }
      case Delivery.Rejected no -> {
        status = Outbox.Status.REJECTED;
        log.warn("Channel '{}' rejected notification {} ({}): {}", d.channel(), d.notification().eventId(),
            d.notification().title(), no.summary());
      }
      case Delivery.Retry retry -> {
        failedAttempts.incrementAndGet();
        next = now.plus(backoff(d.attempts() + 1, retry.retryAfter()));
        boolean giveUp = next.isAfter(d.created().plus(alerting.get().giveUpAfter()));
        status = giveUp ? Outbox.Status.FAILED : Outbox.Status.PENDING;
        if (giveUp) {
          log.error("Gave up delivering notification {} ({}) to channel '{}' after {} attempts: {}",
              d.notification().eventId(), d.notification().title(), d.channel(), d.attempts() + 1, retry.summary());
        } else {
          log.info("Delivery of {} to channel '{}' failed (attempt {}), next at {}: {}", d.notification().eventId(),
              d.channel(), d.attempts() + 1, next, retry.summary());
        }
      }
    }
    record(new Unrecorded(d.id(), d.channel(), now, result, millis, status, next));
  }

  /**
   * Records an attempt. When the database is away the record waits in memory and the delivery
   * stays "in flight" here, so this process neither sends it again nor loses what the receiver
   * said; {@link #runOnce} records it first once the database is back. Only if the process dies
   * meanwhile is it sent again after its lease (at-least-once).
   */
  private void record(Unrecorded u) {
    try {
      outbox.recordAttempt(u.id(), u.at(), u.result(), u.millis(), u.status(), u.next());
      inFlight.remove(u.id());
    } catch (RuntimeException e) {
      if (unrecorded.isEmpty()) {
        log.warn("Could not record the attempt of delivery {} to channel '{}' ({}); kept until the database is back",
            u.id(), u.channel(), e.getMessage());
      }
      unrecorded.add(u);
    }
  }

  /** Records the attempts the database missed, oldest first; throws (and keeps the rest) while it is still away. */
  private void flushUnrecorded() {
    Unrecorded u;
    while ((u = unrecorded.peek()) != null) {
      outbox.recordAttempt(u.id(), u.at(), u.result(), u.millis(), u.status(), u.next());
      unrecorded.poll();
      inFlight.remove(u.id());
    }
  }

  /** The wait before attempt {@code failures + 1}: doubling from minBackoff, capped, or Retry-After if longer. */
  Duration backoff(int failures, Duration retryAfter) {
    long min = settings.minBackoff().toMillis();
    long max = settings.maxBackoff().toMillis();
    long wait = min << Math.min(failures - 1, 30);
    if (wait <= 0 || wait > max) {
      wait = max;
    }
    Duration d = Duration.ofMillis(wait);
    return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
  }

  /** One notification standing for many: "DOWN: 12 monitors", one line per monitor in the message. */
  static Notification digest(List<Outbox.Due> group) {
    List<Notification> all = group.stream().map(Outbox.Due::notification).toList();
    Notification first = all.get(0);
    StringBuilder lines = new StringBuilder();
    for (Notification n : all) {
      lines.append(lines.isEmpty() ? "" : "\n").append("• ").append(n.title());
      if (n.target() != null) {
        lines.append(" — ").append(n.target());
      }
      if (n.message() != null) { // cut: a digest of 25 stays within every provider's message limit
        lines.append(": ").append(io.pingbase.alert.channel.Wording.cut(n.message(), 80));
      }
    }
    String id = "digest-" + all.stream().map(Notification::eventId).sorted().findFirst().orElseThrow();
    return new Notification(id, id, first.kind(), "digest", all.size() + " monitors", null, null, first.to(), null,
        lines.toString(), -1, first.at(), null, all);
  }

  @Override
  public void close() {
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }
}
