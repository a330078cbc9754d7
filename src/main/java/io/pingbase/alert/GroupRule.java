package io.pingbase.alert;

import io.pingbase.monitor.AlertRoute;
import java.util.List;
import java.util.Objects;

/**
 * What applies to the monitors of one group ({@code group: Shop}): the group's alert route, and
 * the groups it depends on. While a monitor of a group it depends on is DOWN, a DOWN of one of
 * these monitors is folded into that root cause instead of being sent on its own.
 */
public record GroupRule(String name, AlertRoute alerts, List<String> dependsOn) {
  public GroupRule {
    Objects.requireNonNull(name, "name");
    alerts = alerts == null ? AlertRoute.NONE : alerts;
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
  }
}
