package io.pingbase.store;

import io.pingbase.monitor.StateChange;

/** A state change read back from storage, with its row id. */
public record StoredEvent(long id, StateChange change) {}
