package io.pingbase.cli;

import io.pingbase.config.ConfigError;
import io.pingbase.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The config file named on the command line. A path that names no readable file is a usage error
 * (exit 2, "you pointed at nothing"), kept apart from a file that was read and is invalid (exit 1),
 * so a script can tell a wrong path from a broken config.
 */
final class ConfigFiles {
  private ConfigFiles() {}

  static void requireReadable(CommandLine cl, Path file) {
    String problem = null;
    if (!Files.exists(file)) {
      problem = "no such file";
    } else if (Files.isDirectory(file)) {
      problem = "is a directory, not a config file";
    } else if (!Files.isReadable(file)) {
      problem = "cannot read the file: permission denied";
    }
    if (problem != null) {
      throw new CommandLine.ParameterException(cl, file + ": " + problem);
    }
  }

  /** Every error on its own line, {@code file:line:column: key.path: message}, as compilers print them. */
  static void printErrors(PrintWriter err, ConfigException e) {
    for (ConfigError error : e.errors()) {
      err.println(error);
    }
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
