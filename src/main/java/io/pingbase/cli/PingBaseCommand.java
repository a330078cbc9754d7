package io.pingbase.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pingbase} command line: server, validate, check, account. */
@Command(name = "pingbase", mixinStandardHelpOptions = true, versionProvider = PingBaseCommand.Version.class,
    description = "Uptime monitoring for every port, not just HTTP.",
    subcommands = {ServerCommand.class, ValidateCommand.class, CheckCommand.class, AccountCommand.class,
        CommandLine.HelpCommand.class})
public final class PingBaseCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: server, validate, check or account");
  }

  /**
   * Builds the command line with PingBase's exit-code conventions: 2 for any usage error (see
   * {@link UsageErrors}), 1 for anything unexpected; each command documents its own 0 and 1.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new PingBaseCommand());
    cl.setParameterExceptionHandler(new UsageErrors());
    cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? UsageErrors.EXIT_CODE : 1);
    return cl;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PingBaseCommand.class.getPackage().getImplementationVersion();
      return new String[] {"PingBase " + (v == null ? "(development build)" : v) + " on Java " + Runtime.version()};
    }
  }
}
