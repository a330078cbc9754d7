package io.pingbase.engine;

/** Why the registry refused a change. The web layer maps each kind to a status code. */
public sealed class RegistryException extends RuntimeException {
  RegistryException(String message) {
    super(message);
  }

  /** No monitor with that id. */
  public static final class NotFound extends RegistryException {
    public NotFound(String id) {
      super("no monitor with id '" + io.pingbase.monitor.WorkspaceKey.nameOf(id) + "'");
    }
  }

  /** The id is taken. */
  public static final class Conflict extends RegistryException {
    public Conflict(String message) {
      super(message);
    }
  }

  /** The monitor is declared in the config file and can only be changed there. */
  public static final class ReadOnly extends RegistryException {
    public ReadOnly(String id, String file) {
      super("monitor '" + io.pingbase.monitor.WorkspaceKey.nameOf(id) + "' is declared in " + file + "; change it there (the API can only pause and resume it)");
    }
  }
}
