package io.pingbase.account;

import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log's one writer: who changed what in a workspace, and when. A failure to write it is
 * logged and does not undo the change it describes (the change is already committed); the log is
 * a record for people, not a transaction log.
 */
public final class Audit {
  private static final Logger log = LoggerFactory.getLogger(Audit.class);
  static final int MAX_DETAIL = 1000;

  private final AccountStore store;
  private final InstantSource clock;

  public Audit(AccountStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * @param action what was done, {@code <object>.<verb>} ({@code monitor.create}, {@code member.role})
   * @param target what it was done to (a monitor id, a member's address); null for the workspace
   * @param detail anything else worth knowing; never a secret
   */
  public void record(Caller caller, String action, String target, String detail) {
    record(caller.workspaceId(), caller.actor(), action, target, detail);
  }

  public void record(String workspace, String actor, String action, String target, String detail) {
    try {
      store.audit(workspace, clock.instant(), actor, action, target,
          detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...");
    } catch (RuntimeException e) {
      log.error("could not write the audit log of workspace '{}' ({} {} by {}): {}", workspace, action, target, actor,
          e.getMessage());
    }
  }
}
