package io.pingbase.maintenance;

/** Why a change to the maintenance windows was refused. The web layer maps each kind to a status code. */
public sealed class MaintenanceException extends RuntimeException {
  MaintenanceException(String message) {
    super(message);
  }

  /** No window with that name. */
  public static final class NotFound extends MaintenanceException {
    public NotFound(String name) {
      super("no maintenance window named '" + io.pingbase.monitor.WorkspaceKey.nameOf(name) + "'");
    }
  }

  /** The name is taken. */
  public static final class Conflict extends MaintenanceException {
    public Conflict(String message) {
      super(message);
    }
  }

  /** The window is declared in the config file and can only be changed there. */
  public static final class ReadOnly extends MaintenanceException {
    public ReadOnly(String name, String file) {
      super("maintenance window '" + io.pingbase.monitor.WorkspaceKey.nameOf(name) + "' is declared in " + file + "; change it there");
    }
  }
}
