package io.pingbase.config;

/**
 * Limits on the check engine as a whole.
 *
 * @param maxConcurrency checks running at the same time, across all monitors
 * @param maxPerHost     checks running at the same time against one host, so PingBase never floods
 *                       a server that many monitors point at; at most {@code maxConcurrency}
 * @param dnsThreads     threads resolving names; the JDK resolver blocks, so it gets its own pool
 */
public record CheckSettings(int maxConcurrency, int maxPerHost, int dnsThreads) {
  public static final int MAX_CONCURRENCY = 65_536;
  public static final int MAX_DNS_THREADS = 256;
  public static final CheckSettings DEFAULT = new CheckSettings(1024, 16, 16);

  public CheckSettings {
    if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException("max-concurrency must be 1-" + MAX_CONCURRENCY + ", was " + maxConcurrency);
    }
    if (maxPerHost < 1 || maxPerHost > maxConcurrency) {
      throw new IllegalArgumentException("max-per-host must be 1-max-concurrency, was " + maxPerHost);
    }
    if (dnsThreads < 1 || dnsThreads > MAX_DNS_THREADS) {
      throw new IllegalArgumentException("dns-threads must be 1-" + MAX_DNS_THREADS + ", was " + dnsThreads);
    }
  }
}
