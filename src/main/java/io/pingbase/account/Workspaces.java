package io.pingbase.account;

import io.pingbase.monitor.WorkspaceKey;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Workspaces: the ones a user belongs to, creating, renaming and deleting one, and which one a
 * browser session works in.
 */
public final class Workspaces {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Workspaces.class);
  public static final int MAX_NAME_LENGTH = 100;

  /** A workspace as its member sees it. */
  public record Joined(AccountStore.Workspace workspace, Role role, String plan) {}

  private final AccountStore store;
  private final Audit audit;
  private final InstantSource clock;
  private final SecureRandom random;
  private final Supplier<AccountSettings> settings;
  private final Runnable accessChanged;

  /** @param accessChanged called after a change to who may do what ({@link Authenticator#forget}) */
  public Workspaces(AccountStore store, Audit audit, InstantSource clock, SecureRandom random,
      Supplier<AccountSettings> settings, Runnable accessChanged) {
    this.accessChanged = accessChanged;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
    this.settings = settings;
  }

  /** The workspaces of the caller's user, a personal token's too (for a workspace token: its own). */
  public List<Joined> mine(Caller caller) {
    List<Joined> out = new ArrayList<>();
    if (caller.user() == null) {
      if (caller.workspaceId() != null) {
        store.workspace(caller.workspaceId()).ifPresent(w -> out.add(joined(w, caller.role())));
      }
      return out;
    }
    for (AccountStore.Membership m : store.memberships(caller.user().id())) {
      store.workspace(m.workspaceId()).ifPresent(w -> out.add(joined(w, m.role())));
    }
    return out;
  }

  /** The caller's current workspace. */
  public Joined current(Caller caller) {
    caller.requireRole(Role.VIEWER);
    return store.workspace(caller.workspaceId()).map(w -> joined(w, caller.role()))
        .orElseThrow(() -> AccountException.notFound("no workspace '" + caller.workspaceId() + "'"));
  }

  private Joined joined(AccountStore.Workspace w, Role role) {
    return new Joined(w, role, settings.get().planOf(w.id()));
  }

  /**
   * Creates a workspace with the caller's user as its owner. Only people create workspaces (a
   * signed-in user, or a personal token's), at most {@code accounts.workspaces-per-user} each.
   *
   * @param id null: made from the name
   */
  public AccountStore.Workspace create(Caller caller, String id, String name) {
    AccountStore.User user = caller.requireUser();
    String cleanName = name(name);
    int allowed = settings.get().workspacesPerUser();
    long owned = store.memberships(user.id()).stream().filter(m -> m.role() == Role.OWNER).count();
    if (owned >= allowed) {
      throw AccountException.limit("workspaces-per-user", "you own " + owned + " workspace(s); this server allows "
          + allowed + " per user (accounts.workspaces-per-user)");
    }
    String wanted = id;
    if (wanted == null) {
      wanted = freeId(slug(cleanName));
    } else if (!WorkspaceKey.isValidWorkspace(wanted)) {
      throw AccountException.invalid("id", "must be 1-" + WorkspaceKey.MAX_WORKSPACE_LENGTH
          + " of a-z, 0-9 and '-', starting with a letter or digit, was " + Authenticator.quote(wanted));
    } else if (store.workspaceIdTaken(wanted)) {
      throw AccountException.conflict("the workspace id '" + wanted + "' is taken; choose another");
    }
    AccountStore.Workspace w = store.createWorkspace(wanted, cleanName, clock.instant());
    store.setMembership(w.id(), user.id(), Role.OWNER);
    accessChanged.run();
    audit.record(w.id(), caller.actor(), "workspace.create", w.id(), "'" + w.name() + "'");
    return w;
  }

  /** A new workspace for a person who just signed up: their own, named after them. */
  AccountStore.Workspace createFor(AccountStore.User user, String name) {
    String cleanName = name(name);
    AccountStore.Workspace w = store.createWorkspace(freeId(slug(cleanName)), cleanName, clock.instant());
    store.setMembership(w.id(), user.id(), Role.OWNER);
    audit.record(w.id(), user.email(), "workspace.create", w.id(), "'" + w.name() + "' at sign-up");
    return w;
  }

  public AccountStore.Workspace rename(Caller caller, String name) {
    caller.requireRole(Role.ADMIN);
    String cleanName = name(name);
    store.renameWorkspace(caller.workspaceId(), cleanName);
    audit.record(caller, "workspace.rename", caller.workspaceId(), "'" + cleanName + "'");
    return store.workspace(caller.workspaceId()).orElseThrow();
  }

  /**
   * Deletes the caller's workspace (owners only; never the default one).
   *
   * @param contents what the workspace still holds ("3 monitors, 1 channel"); null when empty:
   *                 a workspace is emptied first, so nothing disappears by surprise
   */
  public void delete(Caller caller, String contents) {
    caller.requireRole(Role.OWNER);
    if (WorkspaceKey.DEFAULT.equals(caller.workspaceId())) {
      throw AccountException.conflict("the default workspace holds the config file's monitors and cannot be deleted");
    }
    if (contents != null) {
      throw AccountException.conflict("workspace '" + caller.workspaceId() + "' still has " + contents
          + "; delete them first");
    }
    audit.record(caller, "workspace.delete", caller.workspaceId(), null);
    store.deleteWorkspace(caller.workspaceId(), clock.instant());
    accessChanged.run();
    log.info("workspace '{}' deleted by {}", caller.workspaceId(), caller.actor());
  }

  /** Makes the caller's browser session work in {@code id} (a workspace the user is a member of). */
  public Joined switchTo(Caller caller, String id) {
    AccountStore.User user = caller.requireUser();
    if (caller.session() == null) {
      throw AccountException.forbidden("a token works in its own workspace; only a browser session switches");
    }
    AccountStore.Membership m = (WorkspaceKey.isValidWorkspace(id) ? store.membership(id, user.id())
        : java.util.Optional.<AccountStore.Membership>empty())
        .orElseThrow(() -> AccountException.notFound("no workspace " + Authenticator.quote(id)));
    store.setSessionWorkspace(caller.session().idHash(), m.workspaceId());
    accessChanged.run();
    return joined(store.workspace(m.workspaceId()).orElseThrow(), m.role());
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH
        || name.chars().anyMatch(Character::isISOControl)) {
      throw AccountException.invalid("name", "must be 1-" + MAX_NAME_LENGTH + " characters without control characters");
    }
    return name.strip();
  }

  /** "Acme Ops" → "acme-ops". */
  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > WorkspaceKey.MAX_WORKSPACE_LENGTH - 5) {
      s = s.substring(0, WorkspaceKey.MAX_WORKSPACE_LENGTH - 5).replaceAll("-+$", "");
    }
    return s.isEmpty() || WorkspaceKey.DEFAULT.equals(s) ? "workspace" : s;
  }

  /** {@code base}, or {@code base-x7k2} when taken. */
  private String freeId(String base) {
    if (!store.workspaceIdTaken(base)) {
      return base;
    }
    for (int i = 0; i < 20; i++) {
      String candidate = base + "-" + Secrets.random(random).substring(0, 4).toLowerCase(Locale.ROOT)
          .replaceAll("[^a-z0-9]", "0");
      if (!store.workspaceIdTaken(candidate)) {
        return candidate;
      }
    }
    throw AccountException.conflict("could not find a free workspace id for '" + base + "'; give one");
  }
}
