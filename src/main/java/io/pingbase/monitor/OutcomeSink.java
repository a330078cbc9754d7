package io.pingbase.monitor;

/**
 * Where the engine hands results and state changes. Implementations must return at once: the check
 * path never waits on a database or an alert channel.
 */
public interface OutcomeSink {
  void result(CheckOutcome outcome);

  void stateChanged(StateChange change);

  OutcomeSink NONE = new OutcomeSink() {
    @Override
    public void result(CheckOutcome outcome) {}

    @Override
    public void stateChanged(StateChange change) {}
  };
}
