package io.pingbase.store;

import io.pingbase.monitor.CheckOutcome;

/** A check result read back from storage, with its row id (for paging). */
public record StoredResult(long id, CheckOutcome outcome) {}
