package io.pingbase.schedule;

/**
 * What the scheduler reports about itself. The no-op default costs nothing when metrics are off.
 */
public interface SchedulerMetrics {

  /** A run started {@code nanos} after it was due (after waiting for its concurrency permits). */
  void lateness(long nanos);

  /** A periodic run was skipped because the previous run of the same job was still in flight. */
  void skipped();

  /** A job threw; the scheduler logged it and carried on. */
  void failed();

  SchedulerMetrics NONE = new SchedulerMetrics() {
    @Override
    public void lateness(long nanos) {}

    @Override
    public void skipped() {}

    @Override
    public void failed() {}
  };
}
