package io.pingbase.web.status;

import io.pingbase.statuspage.StatusPage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered status pages (HTML, JSON, feed), ready to send as they are or gzipped, so a traffic
 * spike costs a map lookup per request. An entry is rebuilt when it is older than {@link #TTL}
 * (uptime moves) or after its page was marked changed: a monitor of its workspace changed state,
 * the page or an incident was edited. While one request rebuilds a stale entry, the others keep
 * getting the previous one; only a page's very first request waits.
 */
public final class StatusPageCache {
  public static final Duration TTL = Duration.ofSeconds(60);

  /** A body ready to send. */
  public record Rendered(byte[] plain, byte[] gzip, String etag, String contentType, Instant built) {}

  /** The three forms of a page. */
  public enum Kind { HTML, JSON, FEED }

  private record Key(long page, Kind kind) {}

  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    volatile Rendered rendered;
    volatile long version = -1;
  }

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  /** Bumped by every change anywhere: an entry built before the bump is stale. */
  private final Map<Long, AtomicLong> versions = new ConcurrentHashMap<>();
  private final InstantSource clock;

  public StatusPageCache(InstantSource clock) {
    this.clock = clock;
  }

  /** The page's {@code kind}, from the cache or built now by {@code build} (body and content type). */
  public Rendered get(StatusPage page, Kind kind, Function<StatusPage, Built> build) {
    Entry e = entries.computeIfAbsent(new Key(page.id(), kind), k -> new Entry());
    long version = version(page.id()).get();
    Rendered r = e.rendered;
    if (r != null && fresh(e, r, version)) {
      return r;
    }
    if (r != null && !e.lock.tryLock()) {
      return r; // another request is rebuilding it: the previous one meanwhile
    }
    if (r == null) {
      e.lock.lock();
    }
    try {
      r = e.rendered;
      version = version(page.id()).get();
      if (r != null && fresh(e, r, version)) {
        return r;
      }
      Built b = build.apply(page);
      r = rendered(b, clock.instant());
      e.rendered = r;
      e.version = version;
      return r;
    } finally {
      e.lock.unlock();
    }
  }

  /** The page changed: rebuild its forms on their next request. */
  public void changed(long pageId) {
    version(pageId).incrementAndGet();
  }

  /**
   * Keeps this cache in step with {@code pages}: a page edited (or an incident of it) is built
   * again on its next request, a deleted one forgotten. The returned engine sink marks the pages
   * of a monitor's workspace changed when the monitor changes state, so their readers see the
   * change at once rather than within {@link #TTL}.
   */
  public io.pingbase.monitor.OutcomeSink follow(io.pingbase.statuspage.StatusPages pages) {
    pages.onChange(page -> {
      boolean exists = pages.bySlug(page.slug()).filter(p -> p.id() == page.id()).isPresent();
      if (exists) {
        changed(page.id());
      } else {
        remove(page.id());
      }
    });
    return new io.pingbase.monitor.OutcomeSink() {
      @Override
      public void result(io.pingbase.monitor.CheckOutcome outcome) {}

      @Override
      public void stateChanged(io.pingbase.monitor.StateChange change) {
        pages.ids(io.pingbase.monitor.WorkspaceKey.workspaceOf(change.monitorId())).forEach(id -> changed(id));
      }
    };
  }

  /** Forgets a deleted page. */
  public void remove(long pageId) {
    versions.remove(pageId);
    entries.keySet().removeIf(k -> k.page() == pageId);
  }

  /** A body and its content type, as built. */
  public record Built(String body, String contentType) {}

  private boolean fresh(Entry e, Rendered r, long version) {
    return e.version == version && r.built().plus(TTL).isAfter(clock.instant());
  }

  private AtomicLong version(long pageId) {
    return versions.computeIfAbsent(pageId, id -> new AtomicLong());
  }

  static Rendered rendered(Built b, Instant at) {
    byte[] plain = b.body().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Rendered(plain, out.toByteArray(), etag(plain), b.contentType(), at);
  }

  private static String etag(byte[] body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
