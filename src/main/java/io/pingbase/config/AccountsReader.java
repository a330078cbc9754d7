package io.pingbase.config;

import io.pingbase.account.AccountSettings;
import io.pingbase.account.Authenticator;
import io.pingbase.account.PlanLimits;
import io.pingbase.monitor.Monitor;
import io.pingbase.monitor.WorkspaceKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code accounts:} section: sign-up, session lifetimes, and the plans that limit workspaces.
 *
 * <pre>
 * accounts:
 *   signup: closed              # or open
 *   session-idle: 12h
 *   session-max: 14d
 *   workspaces-per-user: 10
 *   plans:
 *     free: { monitors: 5, min-interval: 5m, status-pages: 1, retention: 30d }
 *   default-plan: free
 *   workspace-plans: { acme: team }
 * </pre>
 */
final class AccountsReader {
  static final List<String> KEYS = List.of("signup", "session-idle", "session-max", "workspaces-per-user", "plans",
      "default-plan", "workspace-plans");
  static final List<String> PLAN_KEYS = List.of("monitors", "min-interval", "status-pages", "retention");
  static final List<String> SIGNUP = List.of("closed", "open");
  private static final Pattern PLAN_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final int MAX_LIMIT = 10_000_000;

  private AccountsReader() {}

  static AccountSettings read(MapReader r) {
    if (r == null) {
      return null;
    }
    r.allowOnly(KEYS);
    AccountSettings d = AccountSettings.DEFAULT;
    String signup = r.nonBlank("signup", "closed");
    if (signup != null && !SIGNUP.contains(signup)) {
      r.error("signup", "must be closed (people join by invitation) or open (anyone may create an account), was "
          + Nodes.quote(signup));
    }
    Duration idle = r.duration("session-idle", Duration.ofMinutes(1), d.sessions().idle());
    Duration max = r.duration("session-max", Duration.ofMinutes(1), d.sessions().absolute());
    if (idle != null && max != null && max.compareTo(idle) < 0) {
      r.error(r.has("session-max") ? "session-max" : "session-idle", "session-max (" + Durations.format(max)
          + ") must be at least session-idle (" + Durations.format(idle) + ")");
    }
    Integer perUser = r.integer("workspaces-per-user", 0, 1000, d.workspacesPerUser());
    MapReader plansSection = r.section("plans", "a map from plan names to their limits");
    Map<String, PlanLimits> plans = plans(plansSection);
    // Every plan name written counts for the references, valid or not: a mistake in a plan is
    // reported once, at the plan, not again at each workspace that uses it.
    java.util.Set<String> planNames = plansSection == null ? java.util.Set.of()
        : new java.util.LinkedHashSet<>(plansSection.keys());
    String defaultPlan = r.nonBlank("default-plan", AccountSettings.UNLIMITED);
    if (defaultPlan != null) {
      checkPlan(r, "default-plan", defaultPlan, planNames);
    }
    Map<String, String> assigned = new LinkedHashMap<>();
    MapReader w = r.section("workspace-plans", "a map from workspace ids to plan names");
    if (w != null) {
      for (String workspace : w.keys()) {
        if (!WorkspaceKey.isValidWorkspace(workspace)) {
          w.error(workspace, "is not a workspace id (1-" + WorkspaceKey.MAX_WORKSPACE_LENGTH
              + " of a-z, 0-9 and '-', starting with a letter or digit)");
          continue;
        }
        String plan = w.nonBlank(workspace, null);
        if (plan != null && checkPlan(w, workspace, plan, planNames)) {
          assigned.put(workspace, plan);
        }
      }
    }
    if (!r.clean() || plans == null) {
      return null;
    }
    return new AccountSettings("open".equals(signup), new Authenticator.Settings(idle, max), perUser, plans,
        defaultPlan, assigned);
  }

  private static boolean checkPlan(MapReader r, String key, String plan, java.util.Set<String> plans) {
    if (AccountSettings.UNLIMITED.equals(plan) || plans.contains(plan)) {
      return true;
    }
    List<String> known = new java.util.ArrayList<>(plans);
    known.remove(AccountSettings.UNLIMITED);
    known.add(AccountSettings.UNLIMITED);
    r.error(key, "unknown plan " + Nodes.quote(plan) + Suggestions.hint(plan, known) + " (plans: "
        + String.join(", ", known) + ")");
    return false;
  }

  /** The {@code plans:} map; empty when absent, null after reporting. */
  private static Map<String, PlanLimits> plans(MapReader r) {
    if (r == null) {
      return null;
    }
    Map<String, PlanLimits> plans = new LinkedHashMap<>();
    for (String name : r.keys()) {
      if (!PLAN_NAME.matcher(name).matches()) {
        r.error(name, "is not a plan name (a-z, 0-9, '.', '_', '-')");
        continue;
      }
      if (AccountSettings.UNLIMITED.equals(name)) {
        r.error(name, "is built in (no limits); give your plan another name");
        continue;
      }
      MapReader p = r.section(name, "a map with " + String.join(", ", PLAN_KEYS));
      if (p == null) {
        continue;
      }
      p.allowOnly(PLAN_KEYS);
      Integer monitors = p.integer("monitors", 0, MAX_LIMIT, null);
      Duration minInterval = p.duration("min-interval", Monitor.MIN_INTERVAL, null);
      Integer statusPages = p.integer("status-pages", 0, MAX_LIMIT, null);
      Duration retention = p.duration("retention", Duration.ofHours(1), null);
      if (p.clean()) {
        plans.put(name, new PlanLimits(monitors, minInterval, statusPages, retention));
      }
    }
    return r.clean() ? plans : null;
  }
}
