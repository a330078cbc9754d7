package io.pingbase.store;

import io.pingbase.monitor.StateChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** State-change events, and the monitor's current state that each one sets. */
public interface EventStore {

  /**
   * Records the change and sets the monitor's stored state and since-time, in one transaction.
   * The change is also the alert outbox entry (see {@link io.pingbase.alert.Outbox}): both commit together.
   */
  void append(StateChange change);

  /** Events in [from, to), newest first, at most {@code limit}; all monitors when monitorRef is null. */
  List<StoredEvent> events(Long monitorRef, Instant from, Instant to, int limit);

  /** Events of the monitors of one workspace (deleted ones too) in [from, to), newest first, at most {@code limit}. */
  List<StoredEvent> eventsIn(String workspace, Instant from, Instant to, int limit);

  /** The newest event strictly before {@code at}: the state a range starts in. */
  Optional<StateChange> lastBefore(long monitorRef, Instant at);
}
