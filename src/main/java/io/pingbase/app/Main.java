package io.pingbase.app;

import io.pingbase.cli.PingBaseCommand;

/** Entry point of the jar: hands the arguments to the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(PingBaseCommand.commandLine().execute(args));
  }
}
