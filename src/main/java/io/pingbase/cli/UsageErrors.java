package io.pingbase.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How a usage error reads: the command, what is wrong, a suggestion for a mistyped option, and
 * where to find help, on stderr; exit code 2. The whole help text is shown only when no command
 * was given at all, where the list of commands is the answer.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  static final int EXIT_CODE = 2;

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    if (cl.getCommandSpec().parent() == null && cl.getCommandSpec().userObject() instanceof PingBaseCommand) {
      err.println();
      cl.usage(err);
    } else {
      err.println("Try '" + name + " --help' for more information.");
    }
    err.flush();
    return EXIT_CODE;
  }
}
