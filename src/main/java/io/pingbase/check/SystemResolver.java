package io.pingbase.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operating system's resolver ({@code getaddrinfo}, so {@code /etc/hosts}, search domains and
 * nsswitch apply, exactly as for the monitored application), run on a small pool of platform
 * threads.
 *
 * <p>Why platform threads: {@code getaddrinfo} is a blocking native call that cannot be
 * interrupted. On a virtual thread it would hold one of the few carrier threads, so a handful of
 * slow lookups could stall every check. Here a slow lookup holds one pool thread until the
 * system resolver gives up (bounded by resolv.conf's timeout × attempts); the check itself stops
 * waiting at its deadline and reports {@code DNS_FAILURE}.
 */
public final class SystemResolver implements Resolver, AutoCloseable {
  private final ExecutorService pool;

  public SystemResolver(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("resolver threads must be >= 1, was " + threads);
    }
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "pingbase-dns-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public InetAddress[] resolve(String host, Duration timeout) throws UnknownHostException, TimeoutException {
    Future<InetAddress[]> lookup = pool.submit(() -> InetAddress.getAllByName(host));
    try {
      InetAddress[] addresses = lookup.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
      if (addresses.length == 0) {
        throw new UnknownHostException(host + ": no addresses");
      }
      return addresses;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownHostException u) {
        throw u;
      }
      UnknownHostException u = new UnknownHostException(host + ": " + e.getCause());
      u.initCause(e.getCause());
      throw u;
    } catch (InterruptedException e) {
      lookup.cancel(true);
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while resolving " + host);
    } catch (TimeoutException e) {
      lookup.cancel(true);
      throw e;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
