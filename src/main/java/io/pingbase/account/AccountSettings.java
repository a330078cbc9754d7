package io.pingbase.account;

import java.util.Map;
import java.util.Objects;

/**
 * The file's {@code accounts:} section: who may sign up, how long sessions last, and the plans
 * that limit each workspace.
 *
 * @param openSignup        anyone may create an account (and gets a workspace of their own);
 *                          otherwise people join by invitation only
 * @param sessions          session lifetimes
 * @param workspacesPerUser how many workspaces one user may create
 * @param plans             the operator's plans by name ({@link #UNLIMITED} is built in)
 * @param defaultPlan       the plan of every workspace not in {@code workspacePlans}, except the
 *                          default workspace, which is unlimited unless listed
 * @param workspacePlans    workspace id → plan name
 */
public record AccountSettings(boolean openSignup, Authenticator.Settings sessions, int workspacesPerUser,
    Map<String, PlanLimits> plans, String defaultPlan, Map<String, String> workspacePlans) {
  public static final String UNLIMITED = "unlimited";
  public static final int DEFAULT_WORKSPACES_PER_USER = 10;
  public static final AccountSettings DEFAULT = new AccountSettings(false, Authenticator.Settings.DEFAULT,
      DEFAULT_WORKSPACES_PER_USER, Map.of(), UNLIMITED, Map.of());

  public AccountSettings {
    Objects.requireNonNull(sessions, "sessions");
    Map<String, PlanLimits> known = Map.copyOf(plans);
    plans = known;
    workspacePlans = Map.copyOf(workspacePlans);
    if (!isPlan(defaultPlan, known) || !workspacePlans.values().stream().allMatch(p -> isPlan(p, known))) {
      throw new IllegalArgumentException("plans must be defined before they are assigned");
    }
  }

  private static boolean isPlan(String name, Map<String, PlanLimits> plans) {
    return UNLIMITED.equals(name) || plans.containsKey(name);
  }

  /** The name of the plan {@code workspace} is on. */
  public String planOf(String workspace) {
    String assigned = workspacePlans.get(workspace);
    if (assigned != null) {
      return assigned;
    }
    return io.pingbase.monitor.WorkspaceKey.DEFAULT.equals(workspace) ? UNLIMITED : defaultPlan;
  }

  public PlanLimits limitsOf(String workspace) {
    return plans.getOrDefault(planOf(workspace), PlanLimits.UNLIMITED);
  }
}
