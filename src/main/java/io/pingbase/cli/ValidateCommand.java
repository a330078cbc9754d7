package io.pingbase.cli;

import io.pingbase.config.ConfigException;
import io.pingbase.config.ConfigLoader;
import io.pingbase.config.PingBaseConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pingbase validate FILE}: every error at once, with line and key path; exit 1 when any. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a config file without starting anything; prints every error with its line and key path.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the file is valid", "1:the file has errors", "2:usage error, or FILE is missing or unreadable"})
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The config file, e.g. pingbase.yml")
  Path file;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ConfigFiles.requireReadable(spec.commandLine(), file);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      PingBaseConfig config = ConfigLoader.withSystemEnvironment().load(file);
      out.printf("%s: OK, %s, storage %s%n", file, ConfigFiles.plural(config.monitors().size(), "monitor"),
          config.storage().type());
      out.flush();
      return 0;
    } catch (ConfigException e) {
      ConfigFiles.printErrors(err, e);
      err.printf("%s: %s%n", file, ConfigFiles.plural(e.errors().size(), "error"));
      err.flush();
      return 1;
    }
  }
}
